import type TestAgent from 'supertest/lib/agent';
import {
  countRows,
  createTestApp,
  createUser,
  GUYS,
  KINGS,
  LEWISHAM,
  LONDON,
  londonDeadline,
  Mailbox,
  nationalAdmin,
  openReturn,
  REQUESTS,
  Role,
  SentMail,
  SOUTH_EAST_LONDON_ICB,
  SUBMIT,
  TestApp,
  trustAnswer,
  uniqueEmail,
  updateOrganisation,
} from '@dasv/testing';

const PREVIEW = `query($i: OpenNominationReturnInput!) {
  nominationReturnPreview(input: $i) {
    asked reachable unreachable unreachableOrganisations { odsCode }
    chasePlan { reminderDays firstOverdueDay overdueEveryWorkingDays escalationStartsOn }
  }
}`;
const DECIDE = `mutation($id: ID!, $a: Boolean!, $reason: String) { decideSubmission(id: $id, accept: $a, reason: $reason) { status version decisionReason } }`;

/** The other South East London trusts: no administrator and no contact address in the seeded data. */
const LAS = 'RRU';
const OXLEAS = 'RV5';

async function tokenOf(agent: TestAgent, path: string): Promise<string> {
  const res = await agent.get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!token) throw new Error(`no form on ${path}`);
  return token;
}

/** The error summary's messages, in order. */
function errorSummary(html: string): string[] {
  const summary = /nhsuk-error-summary__list[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<li>\s*(?:<a href="[^"]*">)?\s*([^<]+?)\s*(?:<\/a>\s*)?<\/li>/g)].map((m) => m[1].replace(/&#39;/g, "'"));
}

/** The messages to `address` that `wanted` picks, once at least one has reached the SMTP sink. */
async function mailsTo(address: string, wanted: (mail: SentMail) => boolean): Promise<SentMail[]> {
  const until = Date.now() + 10_000;
  for (;;) {
    const found = (await Mailbox.messagesTo(address)).filter(wanted);
    if (found.length > 0 || Date.now() > until) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const squashed = (html: string) => html.replace(/\s+/g, ' ');

/** The open-a-return form as a browser sends it. */
function openForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'South East London leads 2026',
    typeTrust: 'yes',
    scopeOdsCode: SOUTH_EAST_LONDON_ICB,
    deadlineDay: '13',
    deadlineMonth: '7',
    deadlineYear: '2026',
    deadlineTime: '23:59',
    reminderOffsetsDays: '14, 7, 2',
    overdueEveryWorkingDays: '5',
    escalateAfterWorkingDays: '10',
    requiresApproval: 'no',
    ...overrides,
  };
}

describe('lead returns on the pages, over HTTP', () => {
  let app: TestApp;
  let national: TestAgent;
  let guysAdmin: { email: string };
  const lewishamContact = uniqueEmail('lewisham.contact');
  const kingsContact = uniqueEmail('kings.contact');

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-06-01T09:00:00Z') });
    national = await nationalAdmin(app);
    // Three of South East London's five trusts can be reached: one by its administrator, two by a contact address.
    guysAdmin = await createUser(app.dataSource, { odsCode: GUYS, email: uniqueEmail('guys.admin'), roles: [{ role: Role.ORG_ADMIN }] });
    await updateOrganisation(app.dataSource, LEWISHAM, { contactEmail: lewishamContact });
    await updateOrganisation(app.dataSource, KINGS, { contactEmail: kingsContact });
  });

  afterAll(() => app?.close());

  it('checks before opening (who can and cannot be reached, the chase plan), then says exactly whom it e-mailed', async () => {
    const returnsBefore = await countRows(app.dataSource, 'nomination_return');
    const _csrf = await tokenOf(national, '/nominations/new');
    const sent = await national
      .post('/nominations/new')
      .type('form')
      .send({ _csrf, ...openForm() })
      .expect(303);
    expect(sent.headers.location).toBe('/nominations/new/check');

    const check = await national.get('/nominations/new/check').expect(200);
    const text = squashed(check.text);
    expect(text).toMatch(/<span id="asked">5<\/span>/);
    expect(text).toMatch(/<span id="reachable">3<\/span>/);
    expect(text).toMatch(/<span id="unreachable">2<\/span>/);
    const unreachable = [
      ...(/id="unreachable-organisations">([\s\S]*?)<\/ul>/.exec(check.text)?.[1] ?? '').matchAll(/href="\/organisations\/([A-Z0-9]+)"/g),
    ].map((m) => m[1]);
    expect(unreachable.sort()).toEqual([LAS, OXLEAS].sort());
    // The chase engine's own plan for a deadline of Monday 13 July: reminders 14, 7 and 2 days before, on working days.
    expect(text).toContain('reminders before the deadline on 29 June 2026, 6 July 2026 and 10 July 2026');
    expect(text).toContain('an overdue reminder on 14 July 2026, then every 5 working days');
    expect(text).toContain('from 27 July 2026, their integrated care board and region are told every working day');
    // Nothing is written or sent before the check is confirmed.
    expect(await countRows(app.dataSource, 'nomination_return')).toBe(returnsBefore);

    const opened = await national
      .post('/nominations/new/check')
      .type('form')
      .send({ _csrf: await tokenOf(national, '/nominations/new/check') })
      .expect(303);
    expect(opened.headers.location).toMatch(/^\/nominations\/[0-9a-f-]{36}\/return-opened$/);
    const returnId = opened.headers.location.split('/')[2];
    const confirmation = squashed((await national.get(opened.headers.location).expect(200)).text);
    expect(confirmation).toContain('The return is open');
    expect(confirmation).toContain(
      `E-mailed 3 of 5 organisations; 2 cannot be reached: <a href="/nominations/${returnId}?status=UNREACHABLE#organisations">see them</a>.`,
    );
    // The link lists exactly those two.
    const listed = await national.get(`/nominations/${returnId}?status=UNREACHABLE`).expect(200);
    expect([...listed.text.matchAll(/<td class="nhsuk-table__cell">(?:<span[^>]*>ODS code <\/span>)?([A-Z0-9]{3,6})<\/td>/g)].map((m) => m[1]).sort()).toEqual(
      [LAS, OXLEAS].sort(),
    );
    // The draft is gone: going back to the check page starts again.
    expect((await national.get('/nominations/new/check').expect(303)).headers.location).toBe('/nominations/new');

    await app.runJobs();
    for (const address of [guysAdmin.email, lewishamContact, kingsContact]) {
      const mails = await Mailbox.waitFor(address);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('South East London leads 2026')]);
    }
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE payload::text LIKE $1`, [
      `%nomination-request-${returnId}-%`,
    ]);
    expect(n).toBe(3);
  });

  it('reports every problem with the open-a-return form at once, each in words for its box', async () => {
    const _csrf = await tokenOf(national, '/nominations/new');
    const refused = await national
      .post('/nominations/new')
      .type('form')
      .send({ _csrf, ...openForm({ title: '', deadlineDay: '31', deadlineMonth: '2', reminderOffsetsDays: '14, seven', scopeOdsCode: 'RJ1' }) })
      .expect(303);
    expect(refused.headers.location).toBe('/nominations/new');
    const page = await national.get('/nominations/new').expect(200);
    expect(errorSummary(page.text)).toEqual([
      'Enter a title',
      'Enter the ODS code of a region or an ICB, or leave it blank for all of England',
      'The deadline must be a real date',
      'Enter a whole number of days for each reminder, separated by commas, like 14, 7, 2',
    ]);
    // What was typed is kept.
    expect(page.text).toContain('value="14, seven"');
  });

  it('reports every problem with a nomination at once, and takes a telephone number with an extension', async () => {
    const returnId = await openReturn(app, national, { scopeOdsCode: SOUTH_EAST_LONDON_ICB, title: 'Form checks' });
    const admin = (await app.signedIn({ odsCode: KINGS, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    const formPath = `/nominations/${returnId}/${KINGS}`;
    const _csrf = await tokenOf(admin, formPath);
    const form = {
      _csrf,
      executiveName: 'Erin Executive',
      executiveJobTitle: 'Chief Nurse',
      executiveEmail: 'erin@gmail.com',
      executivePhone: 'call me',
      operationalSlots: '3',
    };
    await admin.post(formPath).type('form').send(form).expect(303);
    const page = await admin.get(formPath).expect(200);
    // The phone (the input's shape), the address and the executive team (the service's rules), all in one round.
    expect(errorSummary(page.text)).toEqual(
      expect.arrayContaining([
        'Enter a telephone number, like 020 7946 0000, or with an extension, like 020 7946 0000 ext. 123',
        'Enter their NHS e-mail address, ending in nhs.net or nhs.uk',
        'The executive lead must sit on your executive team: confirm they do, or name someone who does',
      ]),
    );
    expect(errorSummary(page.text)).toHaveLength(3);

    const good = {
      ...form,
      _csrf: await tokenOf(admin, formPath),
      executiveEmail: uniqueEmail('kings.exec'),
      executivePhone: '020 7946 0000 ext. 123',
      executiveOnExecutiveTeam: 'yes',
    };
    const sent = await admin.post(formPath).type('form').send(good).expect(303);
    expect(sent.headers.location).toBe(`${formPath}/submitted`);
    const [stored] = await app.dataSource.query(
      `SELECT n.phone FROM nomination_nominee n JOIN nomination_submission s ON s.id = n.submission_id WHERE s.return_id = $1`,
      [returnId],
    );
    expect(stored.phone).toBe('020 7946 0000 ext. 123');
  });

  it('reviews an answer against the version last accepted, and sends it back with a reason the organisation is e-mailed', async () => {
    const firstId = await openReturn(app, national, { scopeOdsCode: SOUTH_EAST_LONDON_ICB, title: 'Leads 2025' });
    const secondId = await openReturn(app, national, { scopeOdsCode: SOUTH_EAST_LONDON_ICB, title: 'Leads 2026 reviewed', requiresApproval: true });
    const { agent: admin, user } = await app.signedIn({
      odsCode: LEWISHAM,
      name: 'Lena Admin',
      email: uniqueEmail('lena.admin'),
      roles: [{ role: Role.ORG_ADMIN }],
    });
    const keeps = uniqueEmail('lewisham.exec');
    const leaves = uniqueEmail('lewisham.op.leaving');
    const joins = uniqueEmail('lewisham.op.joining');
    const first = trustAnswer(firstId, LEWISHAM, keeps, [leaves]);
    expect((await app.gql(admin, SUBMIT, { i: first })).data!.submitNomination.status).toBe('ACCEPTED');
    const changed = trustAnswer(secondId, LEWISHAM, keeps, [joins]);
    changed.executiveLead.name = first.executiveLead.name;
    changed.executiveLead.jobTitle = 'Director of Nursing';
    const pending = await app.gql(admin, SUBMIT, { i: changed });
    expect(pending.data!.submitNomination.status).toBe('PENDING');

    // The dashboard shows it as awaiting review, and filters by it.
    const awaiting = await app.gql(national, REQUESTS, { r: secondId, s: 'AWAITING_REVIEW' });
    expect(awaiting.data!.nominationRequests.edges.map((e: any) => e.node.organisation.odsCode)).toEqual([LEWISHAM]);
    const dashboard = squashed((await national.get(`/nominations/${secondId}`).expect(200)).text);
    expect(dashboard).toContain('1 answer is awaiting review');

    const reviewPath = `/nominations/${secondId}/${LEWISHAM}/review`;
    const review = squashed((await national.get(reviewPath).expect(200)).text);
    expect(review).toContain('Compared with version 1 for “Leads 2025”');
    const body = /<table class="nhsuk-table" id="changes">[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(review)![1];
    const rows = body
      .split(/<tr\b[^>]*>/)
      .slice(1)
      .map((row) =>
        row
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(new RegExp(`^${changed.executiveLead.name} Executive lead, ${keeps} Changed Job title: Chief Nurse → Director of Nursing$`));
    expect(rows[1]).toMatch(new RegExp(`^${changed.operationalLeads[0].name} Operational lead, ${joins} Added$`));
    expect(rows[2]).toMatch(new RegExp(`^Operational \\d+ Operational lead, ${leaves} Removed$`));

    // Sending it back needs a reason; the page says so in the reason's box.
    const _csrf = await tokenOf(national, reviewPath);
    await national.post(reviewPath).type('form').send({ _csrf, decision: 'reject', reason: ' ' }).expect(303);
    const refused = await national.get(reviewPath).expect(200);
    expect(errorSummary(refused.text)).toEqual(['Enter the reason: the organisation is e-mailed it, so say what to change']);
    expect(refused.text).toContain('id="reason-error"');

    const reason = 'The operational lead must work at Lewisham and Greenwich: name someone who does.';
    const rejected = await national
      .post(reviewPath)
      .type('form')
      .send({ _csrf: await tokenOf(national, reviewPath), decision: 'reject', reason })
      .expect(303);
    expect(rejected.headers.location).toBe(`/nominations/${secondId}/${LEWISHAM}/reviewed`);
    expect(squashed((await national.get(rejected.headers.location).expect(200)).text)).toContain('Answer sent back');

    await app.runJobs();
    // To whoever answers for the organisation (here its administrator, who sent it), with the reason and what to do by when.
    const mails = await mailsTo(user.email, (m) => m.subject.startsWith('Action needed: change'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Action needed: change your DASV leads for Leads 2026 reviewed and send them again by 13 July 2026 at 10:00');
    expect(mails[0].text).toContain(reason);
    const [submission] = await app.dataSource.query(`SELECT status, decision_reason FROM nomination_submission WHERE id = $1`, [
      pending.data!.submitNomination.id,
    ]);
    expect(submission).toEqual({ status: 'REJECTED', decision_reason: reason });
  });

  it('refuses to accept an older return’s answer once a newer return’s answer has named the leads, on the page and in GraphQL', async () => {
    const olderId = await openReturn(app, national, { scopeOdsCode: SOUTH_EAST_LONDON_ICB, title: 'Older return', requiresApproval: true });
    app.clock.advance(60_000);
    const newerId = await openReturn(app, national, { scopeOdsCode: SOUTH_EAST_LONDON_ICB, title: 'Newer return' });
    const admin = (await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    const older = await app.gql(admin, SUBMIT, { i: trustAnswer(olderId, GUYS, uniqueEmail('guys.old.exec')) });
    expect(older.data!.submitNomination.status).toBe('PENDING');
    const newerExecutive = uniqueEmail('guys.new.exec');
    expect((await app.gql(admin, SUBMIT, { i: trustAnswer(newerId, GUYS, newerExecutive) })).data!.submitNomination.status).toBe('ACCEPTED');
    const leadsBefore = await app.dataSource.query(
      `SELECT l.id FROM dasv_lead l JOIN organisation o ON o.id = l.organisation_id WHERE o.ods_code = $1 AND l.ended_at IS NULL ORDER BY l.id`,
      [GUYS],
    );

    const reviewPath = `/nominations/${olderId}/${GUYS}/review`;
    const review = squashed((await national.get(reviewPath).expect(200)).text);
    expect(review).toContain('“Newer return” was opened after this return');
    await national
      .post(reviewPath)
      .type('form')
      .send({ _csrf: await tokenOf(national, reviewPath), decision: 'accept' })
      .expect(303);
    const refused = await national.get(reviewPath).expect(200);
    expect(errorSummary(refused.text)[0]).toContain('“Newer return”, a later return, has already named this organisation’s leads');

    const byApi = await app.gql(national, DECIDE, { id: older.data!.submitNomination.id, a: true });
    expect(byApi.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOMINATION_SUPERSEDED' });
    const [stillPending] = await app.dataSource.query(`SELECT status FROM nomination_submission WHERE id = $1`, [older.data!.submitNomination.id]);
    expect(stillPending.status).toBe('PENDING');
    const leadsAfter = await app.dataSource.query(
      `SELECT l.id FROM dasv_lead l JOIN organisation o ON o.id = l.organisation_id WHERE o.ods_code = $1 AND l.ended_at IS NULL ORDER BY l.id`,
      [GUYS],
    );
    expect(leadsAfter).toEqual(leadsBefore);
  });

  it('accepts a submission in one transaction in well under a second', async () => {
    const returnId = await openReturn(app, national, { scopeOdsCode: LONDON, title: 'Timed acceptance', requiresApproval: true });
    const admin = (await app.signedIn({ odsCode: KINGS, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    const operational = Array.from({ length: 6 }, (_, i) => uniqueEmail(`kings.timed.op${i}`));
    const submitted = await app.gql(admin, SUBMIT, { i: trustAnswer(returnId, KINGS, uniqueEmail('kings.timed.exec'), operational) });
    expect(submitted.errors).toBeUndefined();
    const started = process.hrtime.bigint();
    const accepted = await app.gql(national, DECIDE, { id: submitted.data!.submitNomination.id, a: true });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(accepted.data!.decideSubmission.status).toBe('ACCEPTED');
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('previews an opening in GraphQL with the same counts as the check page, for national administrators only', async () => {
    const input = { title: 'Preview', organisationTypes: ['TRUST'], scopeOdsCode: SOUTH_EAST_LONDON_ICB, deadline: londonDeadline(app, 42) };
    const preview = await app.gql(national, PREVIEW, { i: input });
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.nominationReturnPreview).toMatchObject({ asked: 5, reachable: 3, unreachable: 2 });
    expect(preview.data!.nominationReturnPreview.unreachableOrganisations.map((o: { odsCode: string }) => o.odsCode).sort()).toEqual([LAS, OXLEAS].sort());

    // A regional administrator, even of London itself, cannot open returns and so cannot preview one.
    const regional = (await app.signedIn({ odsCode: LONDON, roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    const refused = await app.gql(regional, PREVIEW, { i: input });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const past = await app.gql(national, PREVIEW, { i: { ...input, deadline: '2026-02-31T12:00', scopeOdsCode: 'RJ1' } });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOMINATION_SCOPE_INVALID' });
    expect(Object.keys(past.errors?.[0].extensions?.fields ?? {}).sort()).toEqual(['deadline', 'scopeOdsCode']);
  });
});
