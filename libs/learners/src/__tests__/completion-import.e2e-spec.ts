import { randomBytes } from 'node:crypto';
import { completeCourseAsLearner, countRows, createTestApp, createUser, Role, TestApp } from '@dasv/testing';

// Real codes from libs/organisations/data: Guy's and St Thomas' (RJ1) and King's College Hospital
// (RJZ), both in South East London ICB (QKK).
const GUYS = 'RJ1';
const KINGS = 'RJZ';
const SOUTH_EAST_LONDON_ICB = 'QKK';

const IMPORT = `mutation($i: ImportCompletionsInput!) { importCompletions(input: $i) { rows newlyCounted alreadyCounted source organisation { odsCode } } }`;

const run = randomBytes(4).toString('hex');
const address = (name: string, domain = 'nhs.net') => `${name}.${run}@${domain}`;

interface Completion {
  email: string;
  user_id: string | null;
  ods_code: string;
  sources: string[];
  completed_at: Date;
}

describe('importing completions from e-LfH and ESR', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(() => app.close());

  const completions = async (): Promise<Map<string, Completion>> => {
    const rows: Completion[] = await app.dataSource.query(
      `SELECT c.email, c.user_id, o.ods_code, c.sources, c.completed_at FROM learner_completion c JOIN organisation o ON o.id = c.organisation_id`,
    );
    return new Map(rows.map((r) => [r.email.toLowerCase(), r]));
  };
  /** The counter dashboards read, next to a recount from the raw rows: they must agree. */
  const completedAt = async (odsCode: string): Promise<{ counter: number; recount: number }> => {
    const [row] = await app.dataSource.query(
      `SELECT COALESCE((SELECT s.completed FROM organisation_course_stats s WHERE s.organisation_id = o.id), 0) AS counter,
              (SELECT count(*)::int FROM learner_completion c WHERE c.organisation_id = o.id) AS recount
       FROM organisation o WHERE o.ods_code = $1`,
      [odsCode],
    );
    return row;
  };

  /** A learner at Guy's completes the course here, through the real course and assessment. */
  async function completeOnPlatform(email: string): Promise<void> {
    const { agent } = await app.signedIn({ odsCode: GUYS, email, roles: [{ role: Role.LEARNER }] });
    await completeCourseAsLearner(app, agent);
  }

  it('counts each person once, whatever the number of imports and sources, and whether they also completed here', async () => {
    const { agent } = await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] });
    const platform = address('platform.learner');
    await completeOnPlatform(platform);
    expect(await completedAt(GUYS)).toEqual({ counter: 1, recount: 1 });

    const invited = await createUser(app.dataSource, { odsCode: GUYS, email: address('invited.nurse'), activated: false });
    const noAccount = address('no.account');
    const personal = address('personal', 'gmail.com');
    const elfh = [
      'Email Address,Completion Date',
      `${platform.toUpperCase()},31/01/2026`,
      `${noAccount},2026-02-15`,
      `${invited.email},2026-02-28T14:30:00Z`,
      `${personal},1/3/2026 17:45`,
    ].join('\r\n');

    const first = await app.gql(agent, IMPORT, { i: { odsCode: GUYS, source: 'ELFH', csv: elfh } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.importCompletions).toEqual({ rows: 4, newlyCounted: 3, alreadyCounted: 1, source: 'ELFH', organisation: { odsCode: GUYS } });
    let recorded = await completions();
    expect(recorded.get(platform)).toMatchObject({ sources: ['ELFH', 'PLATFORM'], ods_code: GUYS, user_id: expect.any(String) });
    expect(recorded.get(noAccount)).toMatchObject({ sources: ['ELFH'], ods_code: GUYS, user_id: null, completed_at: new Date('2026-02-15T00:00:00Z') });
    expect(recorded.get(invited.email)).toMatchObject({ sources: ['ELFH'], user_id: invited.id, completed_at: new Date('2026-02-28T14:30:00Z') });
    // 1 March 2026 at 17:45 in London (GMT).
    expect(recorded.get(personal)).toMatchObject({ sources: ['ELFH'], user_id: null, completed_at: new Date('2026-03-01T17:45:00Z') });
    expect(await completedAt(GUYS)).toEqual({ counter: 4, recount: 4 });

    // The same file again counts nobody.
    const again = await app.gql(agent, IMPORT, { i: { odsCode: GUYS, source: 'ELFH', csv: elfh } });
    expect(again.data!.importCompletions).toMatchObject({ rows: 4, newlyCounted: 0, alreadyCounted: 4 });
    expect(await completedAt(GUYS)).toEqual({ counter: 4, recount: 4 });

    // ESR reports one of them again and someone new: only the new person counts; the sources are remembered.
    const esrOnly = address('esr.only');
    const esr = await app.gql(agent, IMPORT, {
      i: { odsCode: GUYS, source: 'ESR', csv: `email,completion date\n${noAccount},10/02/2026\n${esrOnly},20/02/2026` },
    });
    expect(esr.data!.importCompletions).toMatchObject({ rows: 2, newlyCounted: 1, alreadyCounted: 1, source: 'ESR' });
    recorded = await completions();
    expect(recorded.get(noAccount)!.sources).toEqual(['ELFH', 'ESR']);
    expect(await completedAt(GUYS)).toEqual({ counter: 5, recount: 5 });
    const [days] = await app.dataSource.query(
      `SELECT sum(d.completed)::int AS n FROM organisation_completion_day d JOIN organisation o ON o.id = d.organisation_id WHERE o.ods_code = $1`,
      [GUYS],
    );
    expect(days.n).toBe(5);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'learner.completions_imported'`)).toBe(3);
  });

  it('refuses a file with bad rows as a whole, naming each row, and counts nothing', async () => {
    const { agent } = await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] });
    const before = { completions: await countRows(app.dataSource, 'learner_completion'), guys: await completedAt(GUYS) };
    const csv = [
      'email,completion date',
      `${address('fine.one')},2026-02-01`,
      `${address('tomorrow')},03/03/2026`,
      `${address('no.such.day')},31/02/2026`,
      `${address('short.year')},1/2/26`,
      `${address('no.date')},`,
      `${address('FINE.ONE')},2026-02-02`,
      `not-an-address,2026-02-01`,
    ].join('\n');
    const result = await app.gql(agent, IMPORT, { i: { odsCode: GUYS, source: 'ESR', csv } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEARNER_COMPLETIONS_INVALID' });
    const fields = result.errors![0].extensions!.fields!;
    expect(Object.keys(fields)).toEqual(['row 3', 'row 4', 'row 5', 'row 6', 'row 7', 'row 8']);
    expect(fields['row 3'][0]).toMatch(/is in the future/);
    expect(fields['row 4'][0]).toMatch(/is not a date/);
    expect(fields['row 5'][0]).toMatch(/is not a date/);
    expect(fields['row 6']).toEqual(['Enter the completion date']);
    expect(fields['row 7'][0]).toMatch(/also on row 2/);
    expect(fields['row 8'][0]).toMatch(/not an e-mail address/);
    expect(await countRows(app.dataSource, 'learner_completion')).toBe(before.completions);
    expect(await completedAt(GUYS)).toEqual(before.guys);

    const wrongColumns = await app.gql(agent, IMPORT, { i: { odsCode: GUYS, source: 'ESR', csv: `email,name\n${address('x')},X` } });
    expect(wrongColumns.errors?.[0].extensions).toMatchObject({
      reason: 'LEARNER_CSV_UNREADABLE',
      fields: { csv: [expect.stringMatching(/no completion date column/)] },
    });
    const unknownCourse = await app.gql(agent, IMPORT, {
      i: { odsCode: GUYS, source: 'ESR', course: 'no-such-course', csv: `email,completion date\n${address('x')},2026-01-01` },
    });
    expect(unknownCourse.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LEARNER_UNKNOWN_COURSE' });
  });

  it('keeps an import to the admin’s subtree, and credits people with accounts to their own organisation', async () => {
    const { agent: guysAdmin } = await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] });
    const { agent: icbAdmin } = await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, roles: [{ role: Role.ICB_ADMIN }] });
    const kingsNurse = await createUser(app.dataSource, { odsCode: KINGS, email: address('kings.nurse') });
    const csv = `email,completion date\n${address('guys.porter')},2026-02-01\n${kingsNurse.email},2026-02-03`;
    const before = await countRows(app.dataSource, 'learner_completion');

    const otherTrust = await app.gql(guysAdmin, IMPORT, { i: { odsCode: KINGS, source: 'ESR', csv } });
    expect(otherTrust.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
    const reaching = await app.gql(guysAdmin, IMPORT, { i: { odsCode: GUYS, source: 'ESR', csv } });
    expect(reaching.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LEARNER_COMPLETIONS_INVALID',
      fields: { 'row 3': [`${kingsNurse.email} has an account at an organisation outside the ones you look after`] },
    });
    expect(await countRows(app.dataSource, 'learner_completion')).toBe(before);

    const kingsBefore = await completedAt(KINGS);
    const byIcb = await app.gql(icbAdmin, IMPORT, { i: { odsCode: GUYS, source: 'ESR', csv } });
    expect(byIcb.data!.importCompletions).toMatchObject({ rows: 2, newlyCounted: 2, alreadyCounted: 0 });
    const recorded = await completions();
    expect(recorded.get(kingsNurse.email)).toMatchObject({ ods_code: KINGS, user_id: kingsNurse.id, sources: ['ESR'] });
    expect(recorded.get(address('guys.porter'))).toMatchObject({ ods_code: GUYS, user_id: null });
    expect(await completedAt(KINGS)).toEqual({ counter: kingsBefore.counter + 1, recount: kingsBefore.recount + 1 });
    const guys = await completedAt(GUYS);
    expect(guys.counter).toBe(guys.recount);
  });
});
