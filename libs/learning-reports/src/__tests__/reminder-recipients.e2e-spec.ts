import type TestAgent from 'supertest/lib/agent';
import { Role } from '@dasv/auth';
import { countRows, createTestApp, newEnrolment, newUser, recordCompletions, SLUG, TestApp, uniqueEmail } from '@dasv/testing';

const NOT_COMPLETED = `query($slug: String!, $odsCode: String) {
  learnersNotCompleted(slug: $slug, odsCode: $odsCode, first: 100) { totalCount edges { node { email } } } }`;
const SEND = `mutation($i: SendCourseRemindersInput!) { sendCourseReminders(input: $i) { id } }`;

// Wednesday 15 July 2026, 10:00 in London; a grace period of 10 days after being asked.
const NOW = new Date('2026-07-15T09:00:00Z');
const DAY = 86_400_000;

/** Staff of Guy's and St Thomas' (RJ1), each asked (given the learner role) at a different time, or never. */
describe('who course reminders go to', () => {
  let app: TestApp;
  let icbAdmin: TestAgent;
  const emails: Record<string, string> = {};

  async function person(key: string, spec: { role: Role; askedAt: Date; isActive?: boolean }): Promise<{ id: string; email: string; organisationId: string }> {
    const user = await newUser(app.dataSource, { odsCode: 'RJ1', email: uniqueEmail(key), name: key, roles: [{ role: spec.role }], isActive: spec.isActive });
    await app.dataSource.query(`UPDATE role_assignment SET created_at = $2 WHERE user_id = $1`, [user.id, spec.askedAt]);
    emails[key] = user.email;
    return user;
  }

  beforeAll(async () => {
    app = await createTestApp({ now: NOW, env: { COURSE_REMINDER_GRACE_DAYS: '10' } });
    await person('asked in May', { role: Role.LEARNER, askedAt: new Date('2026-05-01T09:00:00Z') });
    await person('asked just over 10 days ago', { role: Role.LEARNER, askedAt: new Date(NOW.getTime() - 10 * DAY - 60_000) });
    await person('asked exactly 10 days ago', { role: Role.LEARNER, askedAt: new Date(NOW.getTime() - 10 * DAY) });
    await person('asked last week', { role: Role.LEARNER, askedAt: new Date('2026-07-08T09:00:00Z') });
    await person('completed', { role: Role.LEARNER, askedAt: new Date('2026-05-01T09:00:00Z') });
    await recordCompletions(app, [{ odsCode: 'RJ1', at: '2026-06-30T09:00:00Z', email: emails.completed }]);
    await person('left', { role: Role.LEARNER, askedAt: new Date('2026-05-01T09:00:00Z'), isActive: false });
    // Administrators and leads of the trust, working there, are nobody's learners as such...
    await person('administrator', { role: Role.ORG_ADMIN, askedAt: new Date('2026-01-01T09:00:00Z') });
    await person('lead', { role: Role.DASV_LEAD, askedAt: new Date('2026-01-01T09:00:00Z') });
    // ...unless they started the course themselves.
    const started = await person('lead who started in June', { role: Role.DASV_LEAD, askedAt: new Date('2026-01-01T09:00:00Z') });
    await newEnrolment(app.dataSource, { user: started, startedAt: new Date('2026-06-01T09:00:00Z') });
    icbAdmin = (await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.ICB_ADMIN, odsCode: 'QKK' }] })).agent;
  });
  afterAll(() => app.close());

  it('lists and counts the same people: those asked to take the course who have not completed it', async () => {
    const { data, errors } = await app.gql(icbAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ1' });
    expect(errors).toBeUndefined();
    const listed = data!.learnersNotCompleted.edges.map((e: any) => e.node.email).sort();
    const asked = ['asked in May', 'asked just over 10 days ago', 'asked exactly 10 days ago', 'asked last week', 'lead who started in June'];
    expect(listed).toEqual(asked.map((k) => emails[k]).sort());
    expect(data!.learnersNotCompleted.totalCount).toBe(listed.length);
  });

  it('reminds exactly the learners not completed who were asked more than the grace period ago', async () => {
    expect((await app.gql(icbAdmin, SEND, { i: { slug: SLUG, odsCode: 'RJ1' } })).errors).toBeUndefined();
    await app.runJobs();
    const reminded: Array<{ email: string }> = await app.dataSource.query(
      `SELECT u.email::text AS email FROM course_reminder r JOIN app_user u ON u.id = r.user_id ORDER BY u.email`,
    );
    const expected = ['asked in May', 'asked just over 10 days ago', 'lead who started in June'].map((k) => emails[k]).sort();
    expect(reminded.map((r) => r.email)).toEqual(expected);
    expect(await countRows(app.dataSource, 'outbox_message', `payload->>'key' LIKE 'course-reminder:%'`)).toBe(expected.length);
  });
});
