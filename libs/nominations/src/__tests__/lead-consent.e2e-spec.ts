import type TestAgent from 'supertest/lib/agent';
import {
  countRows,
  createTestApp,
  createUser,
  GUYS,
  KINGS,
  LEWISHAM,
  Mailbox,
  nationalAdmin,
  openReturn,
  Role,
  SUBMIT,
  TestApp,
  trustAnswer,
  uniqueEmail,
} from '@dasv/testing';

/** London Ambulance Service, in the same ICB, asked by no other test here. */
const AMBULANCE = 'RRU';

const FORM = `query($r: ID!, $o: String!) { nominationForm(returnId: $r, organisationOdsCode: $o) {
  currentLeads { leadId leadRole email }
  leadAppointments { id leadRole name email phone status isHandover namedBy expiresAt respondedAt organisation { odsCode } }
} }`;
const HAND_OVER = `mutation($i: HandOverLeadInput!) { handOverLead(input: $i) {
  outcome successor { leadId email phone } appointment { id leadRole name email phone status isHandover }
} }`;
const MINE = `{ myLeadAppointments { id leadRole status organisation { odsCode } } }`;
const AGREE = `mutation($id: ID!) { agreeToLeadAppointment(id: $id) { id status respondedAt } }`;
const DECLINE = `mutation($id: ID!) { declineLeadAppointment(id: $id) { id status respondedAt } }`;
const DIRECTORY_LEAD = `query($id: ID!) { directoryLead(id: $id) { id email phone } }`;

/**
 * Security finding 2: naming someone as a lead gave them DASV_LEAD without their consent and showed
 * the naming organisation the contact details they had hidden. Someone outside the naming
 * organisation's subtree (or new to the platform) is now asked, and becomes a lead only by agreeing.
 */
describe('naming a lead from outside the organisation', () => {
  let app: TestApp;
  let national: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-06-01T09:00:00Z') });
    national = await nationalAdmin(app);
  });
  afterAll(() => app.close());

  async function orgAdmin(odsCode: string, name = 'Olu Admin') {
    return app.signedIn({ odsCode, name, email: uniqueEmail(`admin.${odsCode.toLowerCase()}`), roles: [{ role: Role.ORG_ADMIN }] });
  }

  /** A lead at King's who shows neither e-mail nor telephone number to other leads. */
  async function privateKingsLead(name: string) {
    const signedIn = await app.signedIn({
      odsCode: KINGS,
      name,
      email: uniqueEmail(name.toLowerCase().replace(/\W+/g, '.')),
      roles: [{ role: Role.DASV_LEAD }],
    });
    await app.dataSource.query(
      `INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at) SELECT id, $2, 'OPERATIONAL', $3 FROM organisation WHERE ods_code = $1`,
      [KINGS, signedIn.user.id, new Date('2025-04-01T09:00:00Z')],
    );
    const phone = `07700 900${String(Math.floor(Math.random() * 900) + 100)}`;
    await app.dataSource.query(`INSERT INTO lead_profile (user_id, phone, show_email, show_phone) VALUES ($1, $2, false, false)`, [signedIn.user.id, phone]);
    return { ...signedIn, phone };
  }

  const leadRowsAt = (userId: string, odsCode: string) =>
    countRows(app.dataSource, 'dasv_lead l JOIN organisation o ON o.id = l.organisation_id', `l.user_id = $1 AND o.ods_code = $2 AND l.ended_at IS NULL`, [
      userId,
      odsCode,
    ]);
  const leadRolesAt = (userId: string, odsCode: string) =>
    countRows(
      app.dataSource,
      'role_assignment r JOIN organisation o ON o.id = r.organisation_id',
      `r.user_id = $1 AND r.role = 'DASV_LEAD' AND o.ods_code = $2`,
      [userId, odsCode],
    );
  const csrfOf = async (agent: TestAgent, path: string) => /name="_csrf" value="([^"]+)"/.exec((await agent.get(path).expect(200)).text)![1];

  it('appoints someone inside at once, asks someone outside, and makes them a lead only when they agree on the page', async () => {
    const returnId = await openReturn(app, national);
    const { agent: guysAdmin } = await orgAdmin(GUYS, 'Grace Admin');
    const insider = await createUser(app.dataSource, { odsCode: GUYS, email: uniqueEmail('guys.insider') });
    const outsider = await privateKingsLead('Kit Outsider');

    const submitted = await app.gql(guysAdmin, SUBMIT, { i: trustAnswer(returnId, GUYS, insider.email, [outsider.user.email]) });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitNomination.status).toBe('ACCEPTED');

    // The insider is a lead as before; the outsider is not, holds no role there, and their hidden details stay hidden.
    expect(await leadRowsAt(insider.id, GUYS)).toBe(1);
    expect(await leadRolesAt(insider.id, GUYS)).toBe(1);
    expect(await leadRowsAt(outsider.user.id, GUYS)).toBe(0);
    expect(await leadRolesAt(outsider.user.id, GUYS)).toBe(0);
    const seen = await app.gql(guysAdmin, DIRECTORY_LEAD, { id: outsider.user.id });
    expect(seen.data!.directoryLead).toEqual({ id: outsider.user.id, email: null, phone: null });

    const form = await app.gql(guysAdmin, FORM, { r: returnId, o: GUYS });
    expect(form.errors).toBeUndefined();
    expect(form.data!.nominationForm.currentLeads).toEqual([{ leadId: expect.any(String), leadRole: 'EXECUTIVE', email: insider.email }]);
    const [waiting] = form.data!.nominationForm.leadAppointments;
    expect(form.data!.nominationForm.leadAppointments).toHaveLength(1);
    expect(waiting).toMatchObject({
      leadRole: 'OPERATIONAL',
      email: outsider.user.email,
      phone: null,
      status: 'AWAITING_CONFIRMATION',
      isHandover: false,
      namedBy: 'Grace Admin',
      respondedAt: null,
      organisation: { odsCode: GUYS },
    });
    expect(new Date(waiting.expiresAt).getTime()).toBe(app.clock.now().getTime() + app.config.env.INVITATION_TTL_HOURS * 3_600_000);
    // The page the organisation sees says so in words.
    expect((await guysAdmin.get(`/nominations/${returnId}/${GUYS}`).expect(200)).text).toContain('Waiting for them to agree');

    await app.runJobs();
    const [asked] = await Mailbox.waitFor(outsider.user.email);
    expect(asked.subject).toMatch(
      /^Grace Admin has named you as operational lead for Guy's and St Thomas' NHS Foundation Trust: do you agree\? Please answer by \d{1,2} \w+ \d{4} at \d\d:\d\d$/,
    );
    expect(asked.text).toContain('Nothing changes unless you agree');
    expect(asked.text).not.toContain('/accept-invitation/');
    const link = Mailbox.linkIn(asked, '/lead-appointments/');
    expect(link).toBe(`http://localhost:3000/lead-appointments/${waiting.id}`);
    const path = new URL(link).pathname;

    // Nobody else can see or answer the question; signed out, the page asks you to sign in first.
    expect((await app.gql(guysAdmin, AGREE, { id: waiting.id })).errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'NOMINATION_LEAD_APPOINTMENT_NOT_FOUND',
    });
    await guysAdmin.get(path).expect(404);
    expect((await app.client().get(path).expect(303)).headers.location).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    expect((await app.gql(app.client(), AGREE, { id: waiting.id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(outsider.agent, AGREE, { id: 'not-an-id' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const mine = await app.gql(outsider.agent, MINE);
    expect(mine.data!.myLeadAppointments).toEqual([
      { id: waiting.id, leadRole: 'OPERATIONAL', status: 'AWAITING_CONFIRMATION', organisation: { odsCode: GUYS } },
    ]);

    // The page says what will happen; sending no answer is refused on the page.
    const question = await outsider.agent.get(path).expect(200);
    expect(question.text).toContain('Do you agree to be the operational lead for Guy&#39;s and St Thomas&#39; NHS Foundation Trust?');
    expect(question.text).toContain('administrators can see your e-mail address and telephone number');
    const _csrf = await csrfOf(outsider.agent, path);
    expect((await outsider.agent.post(path).type('form').send({ _csrf }).expect(303)).headers.location).toBe(path);
    expect((await outsider.agent.get(path).expect(200)).text).toContain('Choose whether you agree to be the lead');
    expect(await leadRowsAt(outsider.user.id, GUYS)).toBe(0);

    const agreed = await outsider.agent.post(path).type('form').send({ _csrf, answer: 'agree' }).expect(303);
    expect(agreed.headers.location).toBe(`${path}/answered`);
    const panel = await outsider.agent.get(`${path}/answered`).expect(200);
    expect(panel.text).toContain('nhsuk-panel');
    expect(panel.text).toContain('You are now Guy&#39;s and St Thomas&#39; NHS Foundation Trust’s operational lead');
    expect(panel.text).toContain('What happens next');

    expect(await leadRowsAt(outsider.user.id, GUYS)).toBe(1);
    expect(await leadRolesAt(outsider.user.id, GUYS)).toBe(1);
    const after = await app.gql(guysAdmin, FORM, { r: returnId, o: GUYS });
    expect(after.data!.nominationForm.leadAppointments.map((a: any) => a.status)).toEqual(['AGREED']);
    expect(after.data!.nominationForm.currentLeads.map((l: any) => l.leadRole).sort()).toEqual(['EXECUTIVE', 'OPERATIONAL']);
    expect((await app.gql(outsider.agent, MINE)).data!.myLeadAppointments).toEqual([]);
    // Answered once is answered: the page now says where it stands, and a second answer is refused.
    expect((await outsider.agent.get(path).expect(200)).text).toContain('You agreed on');
    expect((await app.gql(outsider.agent, DECLINE, { id: waiting.id })).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'NOMINATION_LEAD_APPOINTMENT_CLOSED',
    });
    expect(await countRows(app.dataSource, 'audit_event', `action = 'lead_appointment.agreed' AND entity_id = $1`, [waiting.id])).toBe(1);

    // Named again in the next version, they are already a lead: nobody is asked twice.
    const again = await app.gql(guysAdmin, SUBMIT, { i: trustAnswer(returnId, GUYS, insider.email, [outsider.user.email]) });
    expect(again.errors).toBeUndefined();
    expect(await leadRowsAt(outsider.user.id, GUYS)).toBe(1);
    expect(await countRows(app.dataSource, 'lead_appointment', `user_id = $1`, [outsider.user.id])).toBe(1);
  });

  it('leaves no role when the person declines, and tells the organisation’s admins', async () => {
    const returnId = await openReturn(app, national, { title: 'Declined leads' });
    const { agent: kingsAdmin, user: kingsAdminUser } = await orgAdmin(KINGS, 'Kemi Admin');
    const insider = await createUser(app.dataSource, { odsCode: KINGS, email: uniqueEmail('kings.insider') });
    const outsider = await app.signedIn({ odsCode: GUYS, name: 'Dee Decliner', email: uniqueEmail('dee.decliner') });

    expect((await app.gql(kingsAdmin, SUBMIT, { i: trustAnswer(returnId, KINGS, insider.email, [outsider.user.email]) })).errors).toBeUndefined();
    const [asked] = (await app.gql(outsider.agent, MINE)).data!.myLeadAppointments;
    const declined = await app.gql(outsider.agent, DECLINE, { id: asked.id });
    expect(declined.errors).toBeUndefined();
    expect(declined.data!.declineLeadAppointment).toEqual({ id: asked.id, status: 'DECLINED', respondedAt: app.clock.now().toISOString() });

    expect(await leadRowsAt(outsider.user.id, KINGS)).toBe(0);
    expect(await countRows(app.dataSource, 'role_assignment', `user_id = $1`, [outsider.user.id])).toBe(0);
    expect((await app.gql(outsider.agent, AGREE, { id: asked.id })).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'NOMINATION_LEAD_APPOINTMENT_CLOSED',
    });
    const form = await app.gql(kingsAdmin, FORM, { r: returnId, o: KINGS });
    expect(form.data!.nominationForm.leadAppointments.map((a: any) => [a.email, a.status])).toEqual([[outsider.user.email, 'DECLINED']]);

    await app.runJobs();
    const told = (await Mailbox.waitFor(kingsAdminUser.email, 2)).find((m) => m.subject.includes('declined'))!;
    expect(told.subject).toMatch(/^King's College Hospital NHS Foundation Trust: Operational \d+ has declined to be your operational lead$/);
    expect(Mailbox.linkIn(told, '/nominations/')).toBe(`http://localhost:3000/nominations/${returnId}/${KINGS}`);

    // Named again, they are asked again: a refusal is not forgotten.
    expect((await app.gql(kingsAdmin, SUBMIT, { i: trustAnswer(returnId, KINGS, insider.email, [outsider.user.email]) })).errors).toBeUndefined();
    expect(await leadRowsAt(outsider.user.id, KINGS)).toBe(0);
    expect((await app.gql(outsider.agent, MINE)).data!.myLeadAppointments).toHaveLength(1);
  });

  it('hands over to an outsider only when they agree, showing nobody their hidden details meanwhile', async () => {
    const { agent: lewishamAdmin } = await orgAdmin(LEWISHAM, 'Lewis Admin');
    const leaving = await createUser(app.dataSource, { odsCode: LEWISHAM, email: uniqueEmail('leaving.lead'), roles: [{ role: Role.DASV_LEAD }] });
    const [{ id: leavingLeadId }] = await app.dataSource.query(
      `INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at) SELECT id, $2, 'OPERATIONAL', $3 FROM organisation WHERE ods_code = $1 RETURNING id`,
      [LEWISHAM, leaving.id, new Date('2025-04-01T09:00:00Z')],
    );
    const successor = await privateKingsLead('Sol Successor');

    const handed = await app.gql(lewishamAdmin, HAND_OVER, {
      i: { leadId: leavingLeadId, successor: { name: 'Sol Successor', jobTitle: 'Safeguarding Lead', email: successor.user.email } },
    });
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.handOverLead).toEqual({
      outcome: 'AWAITING_CONFIRMATION',
      successor: null,
      appointment: {
        id: expect.any(String),
        leadRole: 'OPERATIONAL',
        name: 'Sol Successor',
        email: successor.user.email,
        phone: null,
        status: 'AWAITING_CONFIRMATION',
        isHandover: true,
      },
    });
    expect(JSON.stringify(handed)).not.toContain(successor.phone);
    const seen = await app.gql(lewishamAdmin, DIRECTORY_LEAD, { id: successor.user.id });
    expect(seen.data!.directoryLead).toEqual({ id: successor.user.id, email: null, phone: null });
    expect((await lewishamAdmin.get(`/directory/leads/${successor.user.id}`).expect(200)).text).not.toContain(successor.phone);

    // The leaving lead stays until the successor agrees.
    expect(await leadRowsAt(leaving.id, LEWISHAM)).toBe(1);
    expect(await leadRowsAt(successor.user.id, LEWISHAM)).toBe(0);
    expect(await leadRolesAt(successor.user.id, LEWISHAM)).toBe(0);

    const agreed = await app.gql(successor.agent, AGREE, { id: handed.data!.handOverLead.appointment.id });
    expect(agreed.errors).toBeUndefined();
    expect(agreed.data!.agreeToLeadAppointment.status).toBe('AGREED');
    const [old] = await app.dataSource.query(`SELECT ended_at, successor_id FROM dasv_lead WHERE id = $1`, [leavingLeadId]);
    const [now] = await app.dataSource.query(
      `SELECT l.id FROM dasv_lead l JOIN organisation o ON o.id = l.organisation_id WHERE l.user_id = $1 AND o.ods_code = $2 AND l.ended_at IS NULL`,
      [successor.user.id, LEWISHAM],
    );
    expect(old).toEqual({ ended_at: app.clock.now(), successor_id: now.id });
    expect(await leadRolesAt(leaving.id, LEWISHAM)).toBe(0);
    expect(await leadRolesAt(successor.user.id, LEWISHAM)).toBe(1);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'dasv_lead.handed_over' AND entity_id = $1`, [leavingLeadId])).toBe(1);
  });

  it('lets a question to someone new expire: setting up their account is not agreeing, and after the expiry nothing changes', async () => {
    const returnId = await openReturn(app, national, { title: 'Expiring leads' });
    const { agent: ambulanceAdmin } = await orgAdmin(AMBULANCE, 'Amal Admin');
    const insider = await createUser(app.dataSource, { odsCode: AMBULANCE, email: uniqueEmail('ambulance.exec') });
    const newcomer = uniqueEmail('new.to.dasv');
    expect((await app.gql(ambulanceAdmin, SUBMIT, { i: trustAnswer(returnId, AMBULANCE, insider.email, [newcomer]) })).errors).toBeUndefined();

    await app.runJobs();
    const [asked] = await Mailbox.waitFor(newcomer);
    expect(asked.subject).toMatch(/^Amal Admin has named you as operational lead for London Ambulance Service NHS Trust/);
    const token = Mailbox.linkIn(asked, '/accept-invitation/').split('/').pop()!;
    const person = app.client();
    const accepted = await app.gql(person, `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { id roles { role } } }`, {
      i: { token, password: 'a long enough password' },
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation.roles).toEqual([]);
    const [{ id: appointmentId }] = (await app.gql(person, MINE)).data!.myLeadAppointments;

    app.clock.advance(app.config.env.INVITATION_TTL_HOURS * 3_600_000 + 60_000);
    const late = await app.gql(person, AGREE, { id: appointmentId });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOMINATION_LEAD_APPOINTMENT_EXPIRED' });
    expect((await app.gql(person, MINE)).data!.myLeadAppointments).toEqual([]);
    expect(await countRows(app.dataSource, 'dasv_lead l JOIN app_user u ON u.id = l.user_id', `u.email = $1`, [newcomer])).toBe(0);
    expect(await countRows(app.dataSource, 'role_assignment r JOIN app_user u ON u.id = r.user_id', `u.email = $1`, [newcomer])).toBe(0);
    const form = await app.gql(ambulanceAdmin, FORM, { r: returnId, o: AMBULANCE });
    expect(form.data!.nominationForm.leadAppointments.map((a: any) => [a.email, a.status])).toEqual([[newcomer, 'EXPIRED']]);
    expect((await person.get(`/lead-appointments/${appointmentId}`).expect(200)).text).toContain('This request expired on');

    // Naming them again asks again, with a new question and a new e-mail.
    expect((await app.gql(ambulanceAdmin, SUBMIT, { i: trustAnswer(returnId, AMBULANCE, insider.email, [newcomer]) })).errors).toBeUndefined();
    const [renewed] = (await app.gql(person, MINE)).data!.myLeadAppointments;
    expect(renewed.id).not.toBe(appointmentId);
    expect((await app.gql(person, AGREE, { id: renewed.id })).data!.agreeToLeadAppointment.status).toBe('AGREED');
    expect(await countRows(app.dataSource, 'dasv_lead l JOIN app_user u ON u.id = l.user_id', `u.email = $1 AND l.ended_at IS NULL`, [newcomer])).toBe(1);
  });
});
