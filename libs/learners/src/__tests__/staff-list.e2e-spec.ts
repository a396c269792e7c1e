import { randomBytes } from 'node:crypto';
import { countRows, createTestApp, createUser, Mailbox, Role, TestApp } from '@dasv/testing';

// Real codes from libs/organisations/data: South East London ICB (QKK) holds Guy's and St Thomas'
// (RJ1) and King's College Hospital (RJZ); North Central London ICB (QMJ), one branch over in the
// same region, holds the Royal Free (RAL); Manchester University NHS FT (R0A) is in the North West.
const GUYS = 'RJ1';
const KINGS = 'RJZ';
const ROYAL_FREE = 'RAL';
const MANCHESTER = 'R0A';
const SOUTH_EAST_LONDON_ICB = 'QKK';

const UPLOAD = `mutation($i: UploadStaffListInput!) { uploadStaffList(input: $i) { rows accountsCreated alreadyHadAccounts headcount organisation { odsCode } } }`;
const SET_HEADCOUNT = `mutation($i: SetHeadcountInput!) { setHeadcount(input: $i) { headcount source updatedByName } }`;
const STAFF = `query($ods: String!) { organisationStaff(odsCode: $ods) { organisation { odsCode } headcount { headcount source updatedByName } recentActivity { action actorName summary } } }`;

const run = randomBytes(4).toString('hex');
const address = (name: string) => `${name}.${run}@nhs.net`;

/** Every table an upload writes, so a refusal can be shown to have written none of them. */
async function writtenRows(app: TestApp): Promise<Record<string, number>> {
  const tables = ['app_user', 'role_assignment', 'user_token', 'outbox_message', 'organisation_headcount', 'audit_event'];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countRows(app.dataSource, t)])));
}

function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

describe('staff list uploads and headcount', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('refuses a staff list with bad rows as a whole, naming every row, and writes nothing', async () => {
    const { agent } = await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] });
    const before = await writtenRows(app);
    const csv = [
      'email,name,job title',
      `${address('good.one')},Good One,Nurse`,
      `bad.one.${run}@gmail.com,Bad One,Porter`,
      `${address('nameless')},,Doctor`,
      `${address('GOOD.ONE')},Good Again,Nurse`,
      'not-an-address,Someone,',
      `${address('good.two')},Good Two,`,
    ].join('\n');

    const result = await app.gql(agent, UPLOAD, { i: { odsCode: GUYS, csv } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEARNER_STAFF_LIST_INVALID' });
    const fields = result.errors![0].extensions!.fields!;
    expect(Object.keys(fields)).toEqual(['row 3', 'row 4', 'row 5', 'row 6']);
    expect(fields['row 3'][0]).toMatch(/not a work e-mail address/);
    expect(fields['row 4']).toEqual(['Enter the person’s name']);
    expect(fields['row 5'][0]).toMatch(/also on row 2/);
    expect(fields['row 6'][0]).toMatch(/not an e-mail address/);
    expect(result.errors![0].message).toMatch(/^4 rows of the staff list have problems, so nothing was imported/);
    expect(await writtenRows(app)).toEqual(before);

    const noNameColumn = await app.gql(agent, UPLOAD, { i: { odsCode: GUYS, csv: `email,job title\n${address('x')},Nurse` } });
    expect(noNameColumn.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LEARNER_CSV_UNREADABLE',
      fields: { csv: [expect.stringMatching(/has no name column/)] },
    });
    const headerOnly = await app.gql(agent, UPLOAD, { i: { odsCode: GUYS, csv: 'email,name\n\n,,\n' } });
    expect(headerOnly.errors?.[0].extensions?.reason).toBe('LEARNER_CSV_UNREADABLE');
    expect(await writtenRows(app)).toEqual(before);
  });

  it('creates accounts and invitations for new people, leaves existing ones, and sets the headcount', async () => {
    const { agent, user: admin } = await app.signedIn({ odsCode: GUYS, name: 'Olu Admin', roles: [{ role: Role.ORG_ADMIN }] });
    const existing = await createUser(app.dataSource, {
      odsCode: GUYS,
      email: address('existing.nurse'),
      name: 'Existing Nurse',
      roles: [{ role: Role.DASV_LEAD }],
    });
    const emails = [address('ann.new'), address('bob.new'), address('cat.new')];
    // Excel's "CSV UTF-8": a byte-order mark, CRLF, headers in its own words, a quoted name with a comma, trailing empty rows.
    const csv =
      '\uFEFFE-mail Address , Full Name,Job Title\r\n' +
      `${emails[0]},Ann Ní Bhriain,Staff Nurse\r\n` +
      `  ${emails[1]} ,"Bob, the Builder",\r\n` +
      `${existing.email.toUpperCase()},Someone Else,Ward Manager\r\n` +
      `${emails[2]},Cat Cooper,Healthcare Assistant\r\n` +
      ',,\r\n\r\n';

    const result = await app.gql(agent, UPLOAD, { i: { odsCode: GUYS.toLowerCase(), csv } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.uploadStaffList).toEqual({ rows: 4, accountsCreated: 3, alreadyHadAccounts: 1, headcount: 4, organisation: { odsCode: GUYS } });

    const created = await app.dataSource.query(
      `SELECT u.email, u.name, u.job_title, o.ods_code, array_agg(r.role) AS roles FROM app_user u
       JOIN organisation o ON o.id = u.organisation_id JOIN role_assignment r ON r.user_id = u.id
       WHERE u.email = ANY($1::citext[]) GROUP BY u.id, o.ods_code ORDER BY u.email`,
      [emails],
    );
    expect(created).toEqual([
      { email: emails[0], name: 'Ann Ní Bhriain', job_title: 'Staff Nurse', ods_code: GUYS, roles: ['LEARNER'] },
      { email: emails[1], name: 'Bob, the Builder', job_title: null, ods_code: GUYS, roles: ['LEARNER'] },
      { email: emails[2], name: 'Cat Cooper', job_title: 'Healthcare Assistant', ods_code: GUYS, roles: ['LEARNER'] },
    ]);
    const [untouched] = await app.dataSource.query(
      `SELECT name, (SELECT array_agg(role) FROM role_assignment WHERE user_id = u.id) AS roles FROM app_user u WHERE id = $1`,
      [existing.id],
    );
    expect(untouched).toEqual({ name: 'Existing Nurse', roles: ['DASV_LEAD'] });
    const [headcount] = await app.dataSource.query(
      `SELECT h.headcount, h.source, h.updated_by_id FROM organisation_headcount h JOIN organisation o ON o.id = h.organisation_id WHERE o.ods_code = $1`,
      [GUYS],
    );
    expect(headcount).toEqual({ headcount: 4, source: 'STAFF_LIST', updated_by_id: admin.id });
    expect(await countRows(app.dataSource, 'audit_event', `action = 'learner.staff_list_uploaded' AND actor_id = $1`, [admin.id])).toBe(1);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'user.invited' AND actor_id = $1`, [admin.id])).toBe(3);

    await app.runJobs();
    const [mail] = await Mailbox.waitFor(emails[0]);
    expect(mail.subject).toBe('Set up your account for NHS sexual misconduct training');
    expect(mail.text).toContain("Olu Admin at Guy's and St Thomas' NHS Foundation Trust");
    expect(await Mailbox.messagesTo(existing.email)).toEqual([]);
    const token = Mailbox.linkIn(mail, '/training/set-up/').split('/').pop()!;
    const accepted = await app.gql(app.client(), `mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { email } }`, {
      i: { token, password: 'a long learner password' },
    });
    expect(accepted.data!.acceptInvitation.email).toBe(emails[0]);

    // The same list again: nobody new, nobody e-mailed twice.
    const outbox = await countRows(app.dataSource, 'outbox_message');
    const again = await app.gql(agent, UPLOAD, { i: { odsCode: GUYS, csv } });
    expect(again.data!.uploadStaffList).toMatchObject({ rows: 4, accountsCreated: 0, alreadyHadAccounts: 4, headcount: 4 });
    expect(await countRows(app.dataSource, 'outbox_message')).toBe(outbox);

    const staff = await app.gql(agent, STAFF, { ods: GUYS });
    expect(staff.data!.organisationStaff).toMatchObject({
      organisation: { odsCode: GUYS },
      headcount: { headcount: 4, source: 'STAFF_LIST', updatedByName: 'Olu Admin' },
      recentActivity: [
        { action: 'learner.staff_list_uploaded', actorName: 'Olu Admin', summary: 'Staff list of 4 people: 0 accounts created, headcount set to 4' },
        { action: 'learner.staff_list_uploaded', actorName: 'Olu Admin', summary: 'Staff list of 4 people: 3 accounts created, headcount set to 4' },
      ],
    });
  });

  it('keeps admins to their own subtree: another trust, an ICB one branch over, accounts elsewhere', async () => {
    const { agent: trustAdmin } = await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] });
    const { agent: icbAdmin } = await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, roles: [{ role: Role.ICB_ADMIN }] });
    const { agent: learner } = await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.LEARNER }] });
    const northerner = await createUser(app.dataSource, { odsCode: MANCHESTER, email: address('northerner') });
    const csv = `email,name\n${address('someone.new')},Someone New`;
    const before = await writtenRows(app);

    const otherTrust = await app.gql(trustAdmin, UPLOAD, { i: { odsCode: KINGS, csv } });
    expect(otherTrust.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
    const branchOver = await app.gql(icbAdmin, UPLOAD, { i: { odsCode: ROYAL_FREE, csv } });
    expect(branchOver.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
    const headcountBranchOver = await app.gql(icbAdmin, SET_HEADCOUNT, { i: { odsCode: ROYAL_FREE, headcount: 10 } });
    expect(headcountBranchOver.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const asLearner = await app.gql(learner, UPLOAD, { i: { odsCode: GUYS, csv } });
    expect(asLearner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(app.client(), UPLOAD, { i: { odsCode: GUYS, csv } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Naming a person whose account is in another subtree would reach into it: a row error.
    const reaching = await app.gql(icbAdmin, UPLOAD, { i: { odsCode: KINGS, csv: `${csv}\n${northerner.email},Northern Person` } });
    expect(reaching.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LEARNER_STAFF_LIST_INVALID',
      fields: { 'row 3': [`${northerner.email} already has an account at an organisation outside the ones you look after`] },
    });
    expect(await writtenRows(app)).toEqual(before);

    // Within the ICB, any of its trusts.
    const kings = await app.gql(icbAdmin, UPLOAD, { i: { odsCode: KINGS, csv } });
    expect(kings.data!.uploadStaffList).toMatchObject({ rows: 1, accountsCreated: 1, headcount: 1 });
  });

  it('lets an admin enter a headcount instead, audited, with bad input refused', async () => {
    const { agent, user: admin } = await app.signedIn({ odsCode: KINGS, name: 'Kim Admin', roles: [{ role: Role.ORG_ADMIN }] });
    const set = await app.gql(agent, SET_HEADCOUNT, { i: { odsCode: KINGS, headcount: 14_250 } });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setHeadcount).toEqual({ headcount: 14_250, source: 'ADMIN', updatedByName: 'Kim Admin' });
    const [audit] = await app.dataSource.query(`SELECT details FROM audit_event WHERE action = 'learner.headcount_set' AND actor_id = $1`, [admin.id]);
    expect(audit.details).toEqual({ headcount: 14_250, previousHeadcount: 1 });

    const negative = await app.gql(agent, SET_HEADCOUNT, { i: { odsCode: KINGS, headcount: -1 } });
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { headcount: ['The headcount cannot be negative'] } });
    const staff = await app.gql(agent, STAFF, { ods: KINGS });
    expect(staff.data!.organisationStaff.headcount.headcount).toBe(14_250);
  });

  it('uploads through the page: multipart with the CSRF token, and a bad file sent back with its rows', async () => {
    const admin = await createUser(app.dataSource, { odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] });
    const browser = app.client();
    const signInToken = csrfOf((await browser.get('/sign-in')).text);
    await browser.post('/sign-in').type('form').send({ _csrf: signInToken, email: admin.email, password: admin.password }).expect(303);
    const form = await browser.get(`/training/staff/${GUYS}/staff-list`);
    expect(form.status).toBe(200);
    const csrf = csrfOf(form.text);
    const before = await writtenRows(app);

    // Without the token: refused before anything is read into the database.
    const forged = await browser.post(`/training/staff/${GUYS}/staff-list`).attach('csv', Buffer.from(`email,name\n${address('forged')},Forged`), 'staff.csv');
    expect(forged.status).toBe(303);
    expect((await browser.get(forged.headers.location)).text).toContain('This form has expired or did not come from this service.');
    expect(await writtenRows(app)).toEqual(before);

    const bad = await browser
      .post(`/training/staff/${GUYS}/staff-list`)
      .field('_csrf', csrf)
      .attach('csv', Buffer.from(`email,name\n${address('fine')},Fine\nnobody@example.com,Nobody`), 'staff.csv');
    expect(bad.status).toBe(303);
    const refused = await browser.get(bad.headers.location);
    expect(refused.status).toBe(200);
    expect(refused.text).toContain('nhsuk-error-summary');
    expect(refused.text).toContain('Row 3: nobody@example.com is not a work e-mail address');
    expect(refused.text).toContain('Problems in the file');
    expect(await writtenRows(app)).toEqual(before);

    const tooBig = await browser
      .post(`/training/staff/${GUYS}/staff-list`)
      .field('_csrf', csrf)
      .attach('csv', Buffer.alloc(4 * 1024 * 1024 + 1, 'a'), 'huge.csv');
    expect(tooBig.status).toBe(303);
    expect((await browser.get(tooBig.headers.location)).text).toContain('The file must be 4 MB or smaller');
    const noFile = await browser.post(`/training/staff/${GUYS}/staff-list`).field('_csrf', csrf);
    expect(noFile.status).toBe(303);
    expect((await browser.get(noFile.headers.location)).text).toContain('Choose a CSV file to upload');
    expect(await writtenRows(app)).toEqual(before);

    // Excel's plain "CSV" is Windows-1252: accents must survive.
    const latin1 = Buffer.from(`email,name\n${address('zoe')},Zoë Brontë\n`, 'latin1');
    const good = await browser.post(`/training/staff/${GUYS}/staff-list`).field('_csrf', csrf).attach('csv', latin1, 'staff.csv');
    expect(good.status).toBe(303);
    // First the check page: what the upload will do, e-mails included, with nothing written yet.
    expect(good.headers.location).toMatch(new RegExp(`^/training/staff/${GUYS}/staff-list/check\\?upload=[0-9a-f-]{36}$`));
    const check = await browser.get(good.headers.location);
    expect(check.status).toBe(200);
    expect(check.text).toContain('<h1>Check the staff list before you upload it</h1>');
    expect(check.text).toContain('Upload the list and e-mail 1 person');
    expect(await writtenRows(app)).toEqual(before);
    const uploadId = /name="uploadId" value="([^"]+)"/.exec(check.text)![1];
    const confirmed = await browser
      .post(good.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(check.text), uploadId });
    expect(confirmed.headers.location).toBe(`/training/staff/${GUYS}`);
    const summary = await browser.get(confirmed.headers.location);
    expect(summary.status).toBe(200);
    expect(summary.text).toContain('<h1>Guy&#39;s and St Thomas&#39; NHS Foundation Trust</h1>');
    expect(summary.text).toContain('Staff list uploaded: 1 person. 1 new account e-mailed a link to set a password');
    // Confirmed once: the held list is gone, so a second click uploads nothing twice.
    const twice = await browser
      .post(good.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(check.text), uploadId });
    expect((await browser.get(twice.headers.location)).text).toContain('This staff list is no longer held: upload it again.');
    const [zoe] = await app.dataSource.query(`SELECT name FROM app_user WHERE email = $1`, [address('zoe')]);
    expect(zoe.name).toBe('Zoë Brontë');

    const headcount = await browser.post(`/training/staff/${GUYS}/headcount`).type('form').send({ _csrf: csrf, headcount: '4,500' });
    expect(headcount.headers.location).toBe(`/training/staff/${GUYS}`);
    const after = await browser.get(headcount.headers.location);
    expect(after.status).toBe(200);
    expect(after.text).toContain('The headcount is now 4,500.');
    expect(after.text).toContain('Entered by an administrator');

    // A list now would change the headcount an administrator entered: the check page asks which to keep.
    const second = await browser
      .post(`/training/staff/${GUYS}/staff-list`)
      .field('_csrf', csrf)
      .attach('csv', Buffer.from(`email,name\n${address('yan')},Yan Yew\n${address('zoe')},Zoë Brontë\n`), 'staff.csv');
    const choice = await browser.get(second.headers.location);
    expect(choice.text).toContain('4,500, entered by an administrator');
    expect(choice.text).toContain('Keep 4,500, the headcount entered');
    expect(choice.text).toContain('Use 2 people, the number of people in this list');
    const secondId = /name="uploadId" value="([^"]+)"/.exec(choice.text)![1];
    const unanswered = await browser
      .post(second.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(choice.text), uploadId: secondId });
    expect(unanswered.headers.location).toBe(second.headers.location);
    const asked = await browser.get(unanswered.headers.location);
    expect(asked.text).toContain('nhsuk-error-summary');
    expect(asked.text).toContain('Choose whether to keep the headcount of 4,500 or use the list’s 2');
    expect(await countRows(app.dataSource, 'app_user', 'email = $1', [address('yan')])).toBe(0);
    const kept = await browser
      .post(second.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(asked.text), uploadId: secondId, headcount: 'KEEP_ENTERED' });
    const keptPage = await browser.get(kept.headers.location);
    expect(keptPage.text).toContain('The headcount stays at 4,500.');
    expect(await countRows(app.dataSource, 'app_user', 'email = $1', [address('yan')])).toBe(1);
  });

  it('never replaces an entered headcount silently through GraphQL either: check, then choose', async () => {
    const CHECK = `mutation($i: UploadStaffListInput!) { checkStaffList(input: $i) { uploadId rows accountsToCreate alreadyHaveAccounts headcountNow { headcount source } listHeadcount isHeadcountChoiceNeeded } }`;
    const CONFIRM = `mutation($i: ConfirmStaffListInput!) { confirmStaffList(input: $i) { rows accountsCreated headcount keptEnteredHeadcount } }`;
    const { agent } = await app.signedIn({ odsCode: KINGS, name: 'Kit Admin', roles: [{ role: Role.ORG_ADMIN }] });
    expect((await app.gql(agent, SET_HEADCOUNT, { i: { odsCode: KINGS, headcount: 9_000 } })).errors).toBeUndefined();
    const csv = `email,name\n${address('kai')},Kai Kauri\n${address('lin')},Lin Larch\n${address('mo')},Mo Maple`;

    const before = await writtenRows(app);
    const silent = await app.gql(agent, UPLOAD, { i: { odsCode: KINGS, csv } });
    expect(silent.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LEARNER_HEADCOUNT_CHOICE_NEEDED',
      fields: { headcount: expect.any(Array) },
    });
    expect(await writtenRows(app)).toEqual(before);

    const checked = (await app.gql(agent, CHECK, { i: { odsCode: KINGS, csv } })).data!.checkStaffList;
    expect(checked).toMatchObject({
      rows: 3,
      accountsToCreate: 3,
      alreadyHaveAccounts: 0,
      headcountNow: { headcount: 9_000, source: 'ADMIN' },
      listHeadcount: 3,
      isHeadcountChoiceNeeded: true,
    });
    expect(await writtenRows(app)).toEqual(before);
    // Held for its checker only.
    const { agent: other } = await app.signedIn({ odsCode: KINGS, roles: [{ role: Role.ORG_ADMIN }] });
    const notYours = await app.gql(other, CONFIRM, { i: { uploadId: checked.uploadId, headcount: 'USE_LIST' } });
    expect(notYours.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEARNER_STAFF_LIST_UPLOAD_EXPIRED' });

    const used = await app.gql(agent, CONFIRM, { i: { uploadId: checked.uploadId, headcount: 'USE_LIST' } });
    expect(used.data!.confirmStaffList).toEqual({ rows: 3, accountsCreated: 3, headcount: 3, keptEnteredHeadcount: false });
    expect((await app.gql(agent, STAFF, { ods: KINGS })).data!.organisationStaff.headcount).toMatchObject({ headcount: 3, source: 'STAFF_LIST' });
    // A headcount from a list is simply replaced by the next list.
    const next = await app.gql(agent, UPLOAD, { i: { odsCode: KINGS, csv: `email,name\n${address('kai')},Kai Kauri` } });
    expect(next.data!.uploadStaffList).toMatchObject({ headcount: 1 });
  });

  it('takes a large trust’s list of 20 000 people in one upload', async () => {
    const { agent } = await app.signedIn({ odsCode: MANCHESTER, roles: [{ role: Role.ORG_ADMIN }] });
    const people = Array.from({ length: 20_000 }, (_, i) => `firstname${i}.lastname${i}.${run}@mft.nhs.uk,Firstname${i} Lastname${i},Staff Nurse Band 5`);
    const csv = `email,name,job title\n${people.join('\n')}`;
    const result = await app.gql(agent, UPLOAD, { i: { odsCode: MANCHESTER, csv } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.uploadStaffList).toEqual({
      rows: 20_000,
      accountsCreated: 20_000,
      alreadyHadAccounts: 0,
      headcount: 20_000,
      organisation: { odsCode: MANCHESTER },
    });
    expect(await countRows(app.dataSource, 'outbox_message', `job_id LIKE 'email-learner-invitation-%'`)).toBeGreaterThanOrEqual(20_000);
  });
});
