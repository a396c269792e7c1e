import {
  countRows,
  createTestApp,
  createUser,
  DASHBOARD,
  GUYS,
  KINGS,
  LEWISHAM,
  LONDON,
  londonDeadline,
  Mailbox,
  nationalAdmin,
  OPEN,
  openReturn,
  Role,
  SUBMIT,
  TestApp,
  trustAnswer,
  uniqueEmail,
  updateOrganisation,
} from '@dasv/testing';

const FORM = `query($r: ID!, $o: String!) { nominationForm(returnId: $r, organisationOdsCode: $o) {
  prefilledFrom leadsAsked isOpen isPastDeadline currentSubmission { version }
  executiveLead { leadId name jobTitle email phone onExecutiveTeam } operationalLeads { leadId name email } seniorLead { name }
  currentLeads { leadId leadRole name email }
} }`;

describe('opening a return and answering it', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-06-01T09:00:00Z') });
  });
  afterAll(() => app.close());

  async function orgAdmin(odsCode: string, name = 'Olu Admin') {
    return app.signedIn({ odsCode, name, email: uniqueEmail(`admin.${odsCode.toLowerCase()}`), roles: [{ role: Role.ORG_ADMIN }] });
  }

  async function currentLeads(odsCode: string): Promise<Array<{ id: string; email: string; lead_role: string }>> {
    return app.dataSource.query(
      `SELECT l.id, u.email::text AS email, l.lead_role FROM dasv_lead l JOIN app_user u ON u.id = l.user_id JOIN organisation o ON o.id = l.organisation_id
       WHERE o.ods_code = $1 AND l.ended_at IS NULL ORDER BY l.lead_role, u.email`,
      [odsCode],
    );
  }

  it('asks exactly London’s trusts, e-mails each reachable one, and counts the rest unreachable, live', async () => {
    const admins = await Promise.all([GUYS, LEWISHAM, KINGS].map((ods) => orgAdmin(ods)));
    const contact = uniqueEmail('dasv.contact', 'nhs.uk');
    await updateOrganisation(app.dataSource, 'RRU', { contactEmail: contact });
    const national = await nationalAdmin(app);

    const opened = await app.gql(national, OPEN, {
      i: {
        title: 'London DASV leads 2026',
        instructions: 'Name your leads.\nThank you.',
        organisationTypes: ['TRUST'],
        scopeOdsCode: LONDON,
        deadline: '2026-07-13T23:59',
      },
    });
    expect(opened.errors).toBeUndefined();
    const returned = opened.data!.openNominationReturn;
    // 23:59 on 13 July in London is BST: 22:59 UTC.
    expect(returned).toMatchObject({
      deadline: '2026-07-13T22:59:00.000Z',
      status: 'OPEN',
      organisationTypes: ['TRUST'],
      requiresApproval: false,
      reminderOffsetsDays: [14, 7, 2],
      overdueEveryWorkingDays: 5,
      escalateAfterWorkingDays: 10,
      scopeRoot: { odsCode: LONDON },
    });

    const asked: Array<{ ods_code: string }> = await app.dataSource.query(
      `SELECT o.ods_code FROM nomination_request r JOIN organisation o ON o.id = r.organisation_id WHERE r.return_id = $1 ORDER BY 1`,
      [returned.id],
    );
    const londonTrusts: Array<{ ods_code: string }> = await app.dataSource.query(
      `SELECT o.ods_code FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id JOIN organisation r ON r.id = a.ancestor_id
       WHERE r.ods_code = $1 AND o.type = 'TRUST' AND o.is_active ORDER BY 1`,
      [LONDON],
    );
    expect(asked).toEqual(londonTrusts);
    expect(asked.length).toBeGreaterThanOrEqual(30);
    const total = asked.length;

    await app.runJobs();
    for (const [i, ods] of [GUYS, LEWISHAM, KINGS].entries()) {
      const [mail] = await Mailbox.waitFor(admins[i].user.email);
      expect(mail.subject).toBe('Name your DASV leads by 13 July 2026 at 23:59: London DASV leads 2026');
      expect(mail.text).toContain('executive lead, who must sit on your executive team');
      expect(mail.text).toContain('Name your leads.\nThank you.');
      expect(Mailbox.linkIn(mail, '/nominations/')).toBe(`http://localhost:3000/nominations/${returned.id}/${ods}`);
    }
    const [toContact] = await Mailbox.waitFor(contact);
    expect(Mailbox.linkIn(toContact, '/nominations/')).toBe(`http://localhost:3000/nominations/${returned.id}/RRU`);
    expect(await countRows(app.dataSource, 'email_delivery', `key LIKE $1`, [`nomination-request-${returned.id}-%`])).toBe(4);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'nomination_return.opened' AND entity_id = $1`, [returned.id])).toBe(1);

    const before = await app.gql(national, DASHBOARD, { r: returned.id });
    expect(before.errors).toBeUndefined();
    expect(before.data!.nominationDashboard.totals).toEqual({ total, responded: 0, late: 0, outstanding: total, unreachable: total - 4 });
    expect(before.data!.nominationDashboard.regions).toEqual([
      { organisation: { odsCode: LONDON }, total, responded: 0, late: 0, outstanding: total, unreachable: total - 4 },
    ]);
    // Guy's, Lewisham, King's and the ambulance service (reachable) are all in South East London.
    const byIcb: Array<{ ods_code: string; n: number }> = await app.dataSource.query(
      `SELECT i.ods_code, count(*)::int AS n FROM nomination_request r JOIN organisation t ON t.id = r.organisation_id JOIN organisation i ON i.id = t.parent_id
       WHERE r.return_id = $1 GROUP BY i.ods_code, i.name ORDER BY i.name`,
      [returned.id],
    );
    expect(before.data!.nominationDashboard.icbs.map((r: any) => [r.organisation.odsCode, r.total, r.unreachable])).toEqual(
      byIcb.map((i) => [i.ods_code, i.n, i.ods_code === 'QKK' ? i.n - 4 : i.n]),
    );
    expect(before.data!.nominationDashboard.icbs.every((r: any) => r.parentId === before.data!.nominationDashboard.icbs[0].parentId)).toBe(true);

    // Unreachable is worked out on every read: an admin added now makes the trust reachable at once.
    await createUser(app.dataSource, { odsCode: 'RJ6', roles: [{ role: Role.ORG_ADMIN }] });
    const after = await app.gql(national, DASHBOARD, { r: returned.id });
    expect(after.data!.nominationDashboard.totals.unreachable).toBe(total - 5);
  });

  it('takes a trust’s answer: counts move, the submitter hears, nominees become leads (linked, or asked and agreeing); version 2 ends a lead no longer named', async () => {
    const national = await nationalAdmin(app);
    const returnId = await openReturn(app, national);
    const { agent, user } = await orgAdmin(GUYS, 'Grace Admin');
    // People with accounts at Guy's are linked at once; someone new to the platform must agree first.
    const existing = await createUser(app.dataSource, { odsCode: GUYS, email: uniqueEmail('Existing.Lead'), name: 'Existing Account' });
    const newcomer = uniqueEmail('new.exec');
    const keptOperational = (await createUser(app.dataSource, { odsCode: GUYS, email: uniqueEmail('kept.operational', 'gstt.nhs.uk') })).email;

    // The existing account is named in a different case: addresses match whatever their case.
    const first = await app.gql(agent, SUBMIT, { i: trustAnswer(returnId, GUYS, newcomer, [existing.email.toUpperCase(), keptOperational]) });
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitNomination).toMatchObject({ version: 1, status: 'ACCEPTED', isLate: false, organisation: { odsCode: GUYS } });
    expect(first.data!.submitNomination.nominees.map((n: any) => n.leadRole)).toEqual(['EXECUTIVE', 'OPERATIONAL', 'OPERATIONAL']);

    const dashboard = await app.gql(national, DASHBOARD, { r: returnId, w: 'QKK' });
    expect(dashboard.data!.nominationDashboard.totals).toMatchObject({ total: 5, responded: 1, late: 0, outstanding: 4 });

    const leadsV1 = await currentLeads(GUYS);
    expect(leadsV1.map((l) => [l.lead_role, l.email.toLowerCase()])).toEqual(
      [
        ['OPERATIONAL', existing.email.toLowerCase()],
        ['OPERATIONAL', keptOperational],
      ].sort((a, b) => (a.join() < b.join() ? -1 : 1)),
    );
    // Linked, not duplicated: the existing account is the lead, and now holds DASV_LEAD at Guy's.
    expect(await countRows(app.dataSource, 'app_user', `email = $1`, [existing.email])).toBe(1);
    expect(await countRows(app.dataSource, 'dasv_lead', `user_id = $1 AND ended_at IS NULL`, [existing.id])).toBe(1);
    expect(
      await countRows(
        app.dataSource,
        'role_assignment r JOIN organisation o ON o.id = r.organisation_id',
        `r.user_id = $1 AND r.role = 'DASV_LEAD' AND o.ods_code = $2`,
        [existing.id, GUYS],
      ),
    ).toBe(1);

    await app.runJobs();
    const [confirmation] = await Mailbox.waitFor(user.email);
    expect(confirmation.subject).toBe("Guy's and St Thomas' NHS Foundation Trust: your DASV leads for DASV leads 2026 are received");
    expect(confirmation.text).toContain(`Executive lead: `);
    expect(confirmation.text).toContain(newcomer);
    const [invitation] = await Mailbox.waitFor(newcomer);
    expect(invitation.subject).toMatch(
      /^Grace Admin has named you as executive lead for Guy's and St Thomas' NHS Foundation Trust: do you agree\? Please answer by \d{1,2} \w+ \d{4} at \d\d:\d\d$/,
    );
    expect(invitation.text).toContain('Grace Admin has named you');
    const token = Mailbox.linkIn(invitation, '/accept-invitation/').split('/').pop()!;
    const newcomerAgent = app.client();
    const accepted = await app.gql(
      newcomerAgent,
      `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email roles { role organisation { odsCode } } } }`,
      { i: { token, password: 'a long enough password' } },
    );
    expect(accepted.data!.acceptInvitation.roles).toEqual([]);
    const appointmentId = Mailbox.linkIn(invitation, '/lead-appointments/').split('/').pop()!;
    const agreed = await app.gql(newcomerAgent, `mutation($id: ID!) { agreeToLeadAppointment(id: $id) { status } }`, { id: appointmentId });
    expect(agreed.data!.agreeToLeadAppointment).toEqual({ status: 'AGREED' });
    const me = await app.gql(newcomerAgent, `{ me { roles { role organisation { odsCode } } } }`);
    expect(me.data!.me.roles).toEqual([{ role: 'DASV_LEAD', organisation: { odsCode: GUYS } }]);
    expect((await currentLeads(GUYS)).map((l) => l.email)).toContain(newcomer);
    // An active account is linked silently: no invitation.
    expect(await Mailbox.messagesTo(existing.email)).toEqual([]);

    const keptRow = leadsV1.find((l) => l.email === keptOperational)!;
    const second = await app.gql(agent, SUBMIT, { i: trustAnswer(returnId, GUYS, newcomer, [keptOperational]) });
    expect(second.errors).toBeUndefined();
    expect(second.data!.submitNomination).toMatchObject({ version: 2, status: 'ACCEPTED' });
    const history: Array<{ version: number; status: string }> = await app.dataSource.query(
      `SELECT version, status FROM nomination_submission WHERE return_id = $1 ORDER BY version`,
      [returnId],
    );
    expect(history).toEqual([
      { version: 1, status: 'SUPERSEDED' },
      { version: 2, status: 'ACCEPTED' },
    ]);
    const leadsV2 = await currentLeads(GUYS);
    expect(leadsV2.map((l) => l.email.toLowerCase()).sort()).toEqual([newcomer, keptOperational].sort());
    expect(leadsV2.find((l) => l.email === keptOperational)!.id).toBe(keptRow.id);
    const [ended] = await app.dataSource.query(`SELECT ended_at FROM dasv_lead WHERE user_id = $1`, [existing.id]);
    expect(ended.ended_at).toEqual(app.clock.now());
    expect(await countRows(app.dataSource, 'role_assignment', `user_id = $1 AND role = 'DASV_LEAD'`, [existing.id])).toBe(0);
    // Chasing stops at the first answer, which an amendment does not move.
    const [request] = await app.dataSource.query(
      `SELECT responded_at, current_submission_id FROM nomination_request r JOIN organisation o ON o.id = r.organisation_id WHERE r.return_id = $1 AND o.ods_code = $2`,
      [returnId, GUYS],
    );
    expect(request.current_submission_id).toBe(second.data!.submitNomination.id);
    expect(request.responded_at).toEqual(new Date(first.data!.submitNomination.submittedAt));
    expect(await countRows(app.dataSource, 'audit_event', `action = 'nomination.submitted'`)).toBeGreaterThanOrEqual(2);
  });

  it('pre-fills the next return’s form with the current leads, and hands a leaving lead over to a successor', async () => {
    const national = await nationalAdmin(app);
    const { agent } = await orgAdmin(LEWISHAM, 'Lewis Admin');
    const earlier = await openReturn(app, national, { title: 'DASV leads 2025' });
    // Both work at Lewisham already, so they are its leads at once.
    const executive = (await createUser(app.dataSource, { odsCode: LEWISHAM, email: uniqueEmail('lewisham.exec') })).email;
    const operational = (await createUser(app.dataSource, { odsCode: LEWISHAM, email: uniqueEmail('lewisham.op') })).email;
    expect((await app.gql(agent, SUBMIT, { i: trustAnswer(earlier, LEWISHAM, executive, [operational]) })).errors).toBeUndefined();

    const later = await openReturn(app, national, { title: 'DASV leads 2026 refresh' });
    const form = await app.gql(agent, FORM, { r: later, o: LEWISHAM });
    expect(form.errors).toBeUndefined();
    expect(form.data!.nominationForm).toMatchObject({
      prefilledFrom: 'CURRENT_LEADS',
      leadsAsked: 'EXECUTIVE_AND_OPERATIONAL',
      isOpen: true,
      isPastDeadline: false,
      currentSubmission: null,
      executiveLead: { email: executive, jobTitle: 'Chief Nurse', phone: '020 7188 7188', onExecutiveTeam: true, leadId: expect.any(String) },
      operationalLeads: [{ email: operational, leadId: expect.any(String) }],
      seniorLead: null,
    });

    const leaving = form.data!.nominationForm.operationalLeads[0].leadId;
    // The successor works at Lewisham, so takes over at once (someone from elsewhere is asked first: lead-consent.e2e-spec.ts).
    const successor = (await createUser(app.dataSource, { odsCode: LEWISHAM, email: uniqueEmail('successor', 'lewisham.nhs.uk'), name: 'Sam Successor' }))
      .email;
    const HAND_OVER = `mutation($i: HandOverLeadInput!) { handOverLead(input: $i) { outcome successor { leadId leadRole email name phone startedAt endedAt } } }`;
    const handed = await app.gql(agent, HAND_OVER, {
      i: { leadId: leaving, successor: { name: 'Sam Successor', jobTitle: 'Safeguarding Lead', email: successor, phone: '020 8333 3000' } },
    });
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.handOverLead.outcome).toBe('HANDED_OVER');
    expect(handed.data!.handOverLead.successor).toMatchObject({
      leadRole: 'OPERATIONAL',
      email: successor,
      name: 'Sam Successor',
      phone: '020 8333 3000',
      endedAt: null,
    });
    const [old] = await app.dataSource.query(`SELECT ended_at, successor_id FROM dasv_lead WHERE id = $1`, [leaving]);
    expect(old).toEqual({ ended_at: app.clock.now(), successor_id: handed.data!.handOverLead.successor.leadId });
    expect(await countRows(app.dataSource, 'audit_event', `action = 'dasv_lead.handed_over' AND entity_id = $1`, [leaving])).toBe(1);
    await app.runJobs();
    // An active account is linked silently: no invitation.
    expect(await Mailbox.messagesTo(successor)).toEqual([]);

    // Handing over an ended lead again is refused; the form now shows the successor.
    const again = await app.gql(agent, HAND_OVER, { i: { leadId: leaving, successor: { name: 'Other', jobTitle: 'Lead', email: uniqueEmail('other') } } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOMINATION_LEAD_ALREADY_ENDED' });
    const refreshed = await app.gql(agent, FORM, { r: later, o: LEWISHAM });
    expect(refreshed.data!.nominationForm.operationalLeads.map((l: any) => l.email)).toEqual([successor]);

    // Someone else's lead, and someone else's form, are out of reach.
    const { agent: otherAdmin } = await orgAdmin(KINGS);
    expect((await app.gql(otherAdmin, FORM, { r: later, o: LEWISHAM })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const refused = await app.gql(otherAdmin, HAND_OVER, {
      i: { leadId: handed.data!.handOverLead.successor.leadId, successor: { name: 'X', jobTitle: 'Y', email: uniqueEmail('x') } },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('takes an answer after the deadline and marks it late', async () => {
    const national = await nationalAdmin(app);
    const returnId = await openReturn(app, national, { deadline: londonDeadline(app, 2) });
    const { agent } = await orgAdmin(KINGS);
    app.clock.advance(3 * 24 * 3_600_000);
    const result = await app.gql(agent, SUBMIT, { i: trustAnswer(returnId, KINGS, uniqueEmail('late.exec')) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitNomination).toMatchObject({ isLate: true, status: 'ACCEPTED' });
    const dashboard = await app.gql(national, DASHBOARD, { r: returnId });
    expect(dashboard.data!.nominationDashboard.totals).toMatchObject({ responded: 1, late: 1 });
    const [request] = await app.dataSource.query(`SELECT is_late FROM nomination_request WHERE current_submission_id = $1`, [result.data!.submitNomination.id]);
    expect(request.is_late).toBe(true);
  });

  it('leaves the leads alone until a national admin accepts, where the return needs approval', async () => {
    const national = await nationalAdmin(app);
    const returnId = await openReturn(app, national, { requiresApproval: true, scopeOdsCode: 'QKK' });
    const { agent, user } = await orgAdmin('RRU', 'Rita Admin');
    const nominee = uniqueEmail('ambulance.exec');
    const submitted = await app.gql(agent, SUBMIT, { i: trustAnswer(returnId, 'RRU', nominee) });
    expect(submitted.data!.submitNomination).toMatchObject({ status: 'PENDING' });
    expect(await currentLeads('RRU')).toEqual([]);
    expect(await countRows(app.dataSource, 'app_user', `email = $1`, [nominee])).toBe(0);

    const DECIDE = `mutation($id: ID!, $a: Boolean!) { decideSubmission(id: $id, accept: $a) { status version } }`;
    const byOrgAdmin = await app.gql(agent, DECIDE, { id: submitted.data!.submitNomination.id, a: true });
    expect(byOrgAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const decided = await app.gql(national, DECIDE, { id: submitted.data!.submitNomination.id, a: true });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideSubmission).toEqual({ status: 'ACCEPTED', version: 1 });
    // New to the platform, the nominee is asked first and is not a lead yet.
    expect(await currentLeads('RRU')).toEqual([]);
    const twice = await app.gql(national, DECIDE, { id: submitted.data!.submitNomination.id, a: false });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOMINATION_SUBMISSION_NOT_PENDING' });

    await app.runJobs();
    const mails = await Mailbox.waitFor(user.email, 2);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'London Ambulance Service NHS Trust: your DASV leads for DASV leads 2026 are received',
      'London Ambulance Service NHS Trust: your DASV leads for DASV leads 2026 were accepted',
    ]);
    const [asked] = await Mailbox.waitFor(nominee);
    expect(asked.text).toContain('Rita Admin has named you');
    const token = Mailbox.linkIn(asked, '/accept-invitation/').split('/').pop()!;
    const nomineeAgent = app.client();
    expect(
      (
        await app.gql(nomineeAgent, `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { id } }`, {
          i: { token, password: 'a long enough password' },
        })
      ).errors,
    ).toBeUndefined();
    const agreed = await app.gql(nomineeAgent, `mutation($id: ID!) { agreeToLeadAppointment(id: $id) { status } }`, {
      id: Mailbox.linkIn(asked, '/lead-appointments/').split('/').pop(),
    });
    expect(agreed.data!.agreeToLeadAppointment).toEqual({ status: 'AGREED' });
    expect((await currentLeads('RRU')).map((l) => l.email)).toEqual([nominee]);
  });

  it('refuses bad answers with field messages, writing nothing', async () => {
    const national = await nationalAdmin(app);
    const returnId = await openReturn(app, national);
    const { agent } = await orgAdmin(KINGS);
    const learner = (await app.signedIn({ odsCode: KINGS, roles: [{ role: Role.LEARNER }] })).agent;
    const counts = async () =>
      Promise.all(
        ['nomination_submission', 'nomination_nominee', 'dasv_lead', 'app_user', 'outbox_message', 'audit_event'].map((t) => countRows(app.dataSource, t)),
      );
    const before = await counts();
    const good = trustAnswer(returnId, KINGS, uniqueEmail('good.exec'), [uniqueEmail('good.op')]);

    const noExecutive = await app.gql(agent, SUBMIT, { i: { ...good, executiveLead: null } });
    expect(noExecutive.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOMINATION_INVALID_LEADS',
      fields: { executiveLead: ['Name your executive lead'] },
    });

    const notOnTeam = await app.gql(agent, SUBMIT, { i: { ...good, executiveLead: { ...good.executiveLead, onExecutiveTeam: false } } });
    expect(Object.keys(notOnTeam.errors![0].extensions!.fields!)).toEqual(['executiveLead.onExecutiveTeam']);

    const badEmail = await app.gql(agent, SUBMIT, { i: { ...good, operationalLeads: [{ name: 'Op', jobTitle: 'Lead', email: 'not-an-address' }] } });
    expect(badEmail.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'operationalLeads.0.email': ['Enter an e-mail address in the correct format, like name@nhs.net'] },
    });

    const gmail = await app.gql(agent, SUBMIT, { i: { ...good, executiveLead: { ...good.executiveLead, email: 'someone@gmail.com' } } });
    expect(gmail.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'executiveLead.email': ['Enter their NHS e-mail address, ending in nhs.net or nhs.uk'] },
    });
    // A lookalike domain is not a subdomain.
    const lookalike = await app.gql(agent, SUBMIT, { i: { ...good, executiveLead: { ...good.executiveLead, email: 'someone@fakenhs.uk' } } });
    expect(Object.keys(lookalike.errors![0].extensions!.fields!)).toEqual(['executiveLead.email']);

    const duplicate = await app.gql(agent, SUBMIT, {
      i: { ...good, operationalLeads: [{ name: 'Twice', jobTitle: 'Lead', email: good.executiveLead.email.toUpperCase() }] },
    });
    expect(duplicate.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { 'operationalLeads.0.email': [expect.stringContaining('already named')] },
    });

    const tooLong = await app.gql(agent, SUBMIT, { i: { ...good, executiveLead: { ...good.executiveLead, name: 'x'.repeat(201), phone: 'call me' } } });
    expect(Object.keys(tooLong.errors![0].extensions!.fields!).sort()).toEqual(['executiveLead.name', 'executiveLead.phone']);

    const senior = await app.gql(agent, SUBMIT, { i: { ...good, seniorLead: { name: 'S', jobTitle: 'T', email: uniqueEmail('senior') } } });
    expect(senior.errors?.[0].extensions?.fields).toEqual({ seniorLead: ['Only a region names a senior lead'] });

    const unknownReturn = await app.gql(agent, SUBMIT, { i: { ...good, returnId: '4b7b6a53-7e0b-4f7a-9d59-0c3b6f7b1a00' } });
    expect(unknownReturn.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOMINATION_RETURN_NOT_FOUND',
      fields: { returnId: expect.any(Array) },
    });

    const notAsked = await app.gql(national, SUBMIT, { i: { ...good, organisationOdsCode: 'R0A' } });
    expect(notAsked.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOMINATION_NOT_REQUESTED',
      fields: { organisationOdsCode: expect.any(Array) },
    });

    const outOfScope = await app.gql(agent, SUBMIT, { i: { ...good, organisationOdsCode: LEWISHAM } });
    expect(outOfScope.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });

    expect((await app.gql(learner, SUBMIT, { i: good })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    expect(await counts()).toEqual(before);

    const closed = await app.gql(national, `mutation($id: ID!) { closeNominationReturn(id: $id) { status closedAt } }`, { id: returnId });
    expect(closed.data!.closeNominationReturn).toEqual({ status: 'CLOSED', closedAt: app.clock.now().toISOString() });
    const afterClose = await app.gql(agent, SUBMIT, { i: good });
    expect(afterClose.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOMINATION_RETURN_CLOSED' });
    expect(await countRows(app.dataSource, 'nomination_submission')).toBe(before[0]);
  });

  it('lets only national admins open a return, for a future deadline, over a region or ICB', async () => {
    const national = await nationalAdmin(app);
    const regional = (await app.signedIn({ odsCode: LONDON, roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    const valid = { title: 'Leads', organisationTypes: ['TRUST', 'ICB'], deadline: londonDeadline(app, 30) };
    const returns = await countRows(app.dataSource, 'nomination_return');

    expect((await app.gql(regional, OPEN, { i: valid })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const past = await app.gql(national, OPEN, { i: { ...valid, deadline: londonDeadline(app, -1) } });
    expect(past.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOMINATION_DEADLINE_PASSED',
      fields: { deadline: ['The deadline must be in the future'] },
    });
    const malformed = await app.gql(national, OPEN, {
      i: { ...valid, title: '', organisationTypes: [], deadline: '13/07/2026', reminderOffsetsDays: [0], overdueEveryWorkingDays: 0 },
    });
    expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual([
      'deadline',
      'organisationTypes',
      'overdueEveryWorkingDays',
      'reminderOffsetsDays',
      'title',
    ]);
    const notAScope = await app.gql(national, OPEN, { i: { ...valid, scopeOdsCode: GUYS } });
    expect(notAScope.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOMINATION_SCOPE_INVALID' });
    const nobody = await app.gql(national, OPEN, { i: { ...valid, organisationTypes: ['REGION'], scopeOdsCode: 'QKK' } });
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOMINATION_NO_ORGANISATIONS_ASKED' });
    expect(await countRows(app.dataSource, 'nomination_return')).toBe(returns);

    // Regions name a senior lead, not executive and operational leads.
    const regions = await openReturn(app, national, { organisationTypes: ['REGION'], scopeOdsCode: undefined });
    const { agent: londonAdmin } = await orgAdmin(LONDON);
    const asTrust = await app.gql(londonAdmin, SUBMIT, { i: trustAnswer(regions, LONDON, uniqueEmail('region.exec')) });
    expect(asTrust.errors?.[0].extensions?.fields).toEqual({
      seniorLead: ['Name your senior lead'],
      executiveLead: ['A region names a senior lead, not an executive lead'],
    });
    const senior = await app.gql(londonAdmin, SUBMIT, {
      i: {
        returnId: regions,
        organisationOdsCode: LONDON,
        seniorLead: { name: 'Sade Senior', jobTitle: 'Regional Chief Nurse', email: uniqueEmail('senior', 'england.nhs.uk') },
      },
    });
    expect(senior.data!.submitNomination.nominees).toEqual([expect.objectContaining({ leadRole: 'SENIOR', name: 'Sade Senior' })]);
    const dashboard = await app.gql(national, DASHBOARD, { r: regions });
    expect(dashboard.data!.nominationDashboard.totals).toMatchObject({ total: 7, responded: 1 });
    expect(dashboard.data!.nominationDashboard.icbs).toEqual([]);
  });
});
