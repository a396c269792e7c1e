import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type TestAgent from 'supertest/lib/agent';
import { Role } from '@dasv/auth';
import {
  countRows,
  createTestApp,
  createUser,
  Mailbox,
  recordCompletions,
  setHeadcounts,
  SLUG,
  startCourseAsLearner,
  TEST_PASSWORD,
  TestApp,
  uniqueEmail,
} from '@dasv/testing';
import { COURSE_REMINDER_QUEUE, COURSE_REMINDER_SWEEP_JOB, CourseReminderSweepService, CourseReminderSweepScheduler } from '@dasv/learning-reports';

const NOT_COMPLETED = `query($slug: String!, $odsCode: String, $first: Int, $after: String) {
  learnersNotCompleted(slug: $slug, odsCode: $odsCode, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name email hasStarted startedAt lastActiveAt lastRemindedAt } } } }`;
const NOT_COMPLETED_CSV = `query($slug: String!, $odsCode: String) { learnersNotCompletedCsv(slug: $slug, odsCode: $odsCode) }`;
const SEND = `mutation($i: SendCourseRemindersInput!) { sendCourseReminders(input: $i) { id odsCode organisationName period origin requestedBy requestedAt reminded finishedAt } }`;
const SCHEDULE = `mutation($i: SetCourseReminderScheduleInput!) { setCourseReminderSchedule(input: $i) { odsCode enabled enabledBy lastPeriod } }`;
const STATUS = `query($slug: String!, $odsCode: String) { courseReminders(slug: $slug, odsCode: $odsCode) {
  schedule { enabled lastPeriod } runs { id period origin requestedBy reminded finishedAt } } }`;

const MINUTE = 60_000;

// Staff of two trusts of the South East London ICB (QKK): Lewisham and Greenwich (RJ2) and King's (RJZ).
// Reminders go in batches of two, one batch per run per minute and per sweep.
describe('learners not yet completed, and reminders to them', () => {
  let app: TestApp;
  let sweep: CourseReminderSweepService;
  let trustAdmin: TestAgent;
  let icbAdmin: TestAgent;
  const people = {
    amy: { name: 'Amy Ash', email: uniqueEmail('amy') },
    ben: { name: 'Ben Birch', email: uniqueEmail('ben') },
    cal: { name: 'Cal Cedar', email: uniqueEmail('cal') },
    dee: { name: 'Dee Dogwood', email: uniqueEmail('dee') },
    eve: { name: 'Eve Elm', email: uniqueEmail('eve') },
    fay: { name: 'Fay Fir', email: uniqueEmail('fay') },
    gus: { name: 'Gus Gorse', email: uniqueEmail('gus') },
  };
  const notCompletedAtRj2 = [people.amy, people.ben, people.cal, people.dee];
  const remindedInQkk = [...notCompletedAtRj2, people.gus];
  const deliveries = async (email: string): Promise<number> =>
    countRows(app.dataSource, 'email_delivery', `recipient = $1 AND key LIKE 'course-reminder:%'`, [email]);

  beforeAll(async () => {
    // Wednesday 15 July 2026, 10:00 in London.
    app = await createTestApp({ now: new Date('2026-07-15T09:00:00Z'), env: { COURSE_REMINDER_BATCH_SIZE: '2', COURSE_REMINDER_INTERVAL_SECONDS: '60' } });
    sweep = app.worker.get(CourseReminderSweepService);
    for (const person of Object.values(people))
      await createUser(app.dataSource, { odsCode: person === people.gus ? 'RJZ' : 'RJ2', ...person, roles: [{ role: Role.LEARNER }] });
    await app.dataSource.query(`UPDATE app_user SET is_active = false WHERE email = $1`, [people.fay.email]);
    // Asked to take the course in May, so that July's reminders are past the grace period after the invitation.
    await app.dataSource.query(`UPDATE role_assignment SET created_at = '2026-05-01T09:00:00Z' WHERE role = 'LEARNER'`);
    // Eve completed on the e-Learning for Healthcare hub: matched to her by e-mail.
    await recordCompletions(app, [{ odsCode: 'RJ2', at: '2026-06-30T09:00:00Z', email: people.eve.email }]);
    // Dee has started here. Her account signs in as any learner would.
    const dee = app.client();
    await app.gql(dee, `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, { i: { email: people.dee.email, password: TEST_PASSWORD } });
    await startCourseAsLearner(app, dee);
    // The administrators' own accounts are at NHS England, so that they are nobody's learners here.
    trustAdmin = (await app.signedIn({ odsCode: 'X24', name: 'Tess Trust', roles: [{ role: Role.ORG_ADMIN, odsCode: 'RJ2' }] })).agent;
    icbAdmin = (await app.signedIn({ odsCode: 'X24', name: 'Ian Icb', roles: [{ role: Role.ICB_ADMIN, odsCode: 'QKK' }] })).agent;
  });
  afterAll(() => app.close());

  it("lists an organisation's own active staff who have not completed, a page at a time", async () => {
    const first = await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ2', first: 2 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.learnersNotCompleted;
    expect(page1.totalCount).toBe(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e: any) => e.node.name)).toEqual(['Amy Ash', 'Ben Birch']);
    expect(page1.edges[0].node).toMatchObject({ email: people.amy.email, hasStarted: false, startedAt: null, lastActiveAt: null, lastRemindedAt: null });

    const second = await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ2', first: 2, after: page1.pageInfo.endCursor });
    const page2 = second.data!.learnersNotCompleted;
    expect(page2.edges.map((e: any) => e.node.name)).toEqual(['Cal Cedar', 'Dee Dogwood']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.edges[1].node).toMatchObject({ hasStarted: true, startedAt: '2026-07-15T09:00:00.000Z', lastActiveAt: '2026-07-15T09:00:00.000Z' });

    // Left out the organisation: the trust admin's widest, their trust.
    expect((await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG })).data!.learnersNotCompleted.totalCount).toBe(4);
    // With a headcount the total is still the people listed (counts and lists agree); the headcount's 9 is the rate's business.
    await setHeadcounts(app, { RJ2: 10 });
    const counted = (await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ2', first: 2 })).data!.learnersNotCompleted;
    expect(counted.totalCount).toBe(4);
    expect(counted.edges.map((e: any) => e.node.name)).toEqual(['Amy Ash', 'Ben Birch']);

    const csv = await app.gql(trustAdmin, NOT_COMPLETED_CSV, { slug: SLUG, odsCode: 'RJ2' });
    const lines: string[] = csv
      .data!.learnersNotCompletedCsv.replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Name,E-mail,Started,Started on (UK time),Last active (UK time),Last reminded (UK time)');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Amy Ash', 'Ben Birch', 'Cal Cedar', 'Dee Dogwood']);
    expect(lines[4]).toBe(`Dee Dogwood,${people.dee.email},Yes,2026-07-15 10:00,2026-07-15 10:00,`);
  });

  it('refuses the list one branch over, and bad paging', async () => {
    expect((await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJZ' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherIcb = (await app.signedIn({ odsCode: 'QMJ', roles: [{ role: Role.ICB_ADMIN }] })).agent;
    expect((await app.gql(otherIcb, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ2' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(otherIcb, NOT_COMPLETED_CSV, { slug: SLUG, odsCode: 'RJ2' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const badCursor = await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ2', after: 'not-a-cursor' });
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { after: expect.any(Array) } });
    const tooMany = await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ2', first: 1000 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { first: expect.any(Array) } });
  });

  it('reminds each learner once a month, in rate-limited batches, however often an admin asks', async () => {
    const sent = await app.gql(icbAdmin, SEND, { i: { slug: SLUG, odsCode: 'QKK' } });
    expect(sent.errors).toBeUndefined();
    const run = sent.data!.sendCourseReminders;
    expect(run).toMatchObject({ odsCode: 'QKK', period: '2026-07', origin: 'ADMIN', requestedBy: 'Ian Icb', reminded: 0, finishedAt: null });
    // A second click while the first is under way joins it.
    expect((await app.gql(icbAdmin, SEND, { i: { slug: SLUG, odsCode: 'QKK' } })).data!.sendCourseReminders.id).toBe(run.id);

    // The first batch goes at once; the next not before a minute has passed.
    await app.runJobs();
    expect(await countRows(app.dataSource, 'course_reminder')).toBe(2);
    expect((await sweep.run()).reminded).toBe(0);
    app.clock.advance(MINUTE);
    expect((await sweep.run()).reminded).toBe(2);
    app.clock.advance(MINUTE);
    const last = await sweep.run();
    expect(last.batches).toEqual([{ runId: run.id, reminded: 1, isFinished: true }]);
    app.clock.advance(MINUTE);
    expect((await sweep.run()).batches).toEqual([]);
    await app.runJobs();

    for (const person of remindedInQkk) {
      const [mail] = await Mailbox.waitFor(person.email, 1);
      expect(mail.subject).toBe('Reminder: complete “Understanding sexual misconduct in the workplace”');
      expect(mail.text).toContain(`Dear ${person.name},`);
      expect(mail.text).toContain('http://localhost:3000/training/courses/understanding-sexual-misconduct');
      expect(mail.text).toContain('0808 500 2222');
      expect(mail.text).toContain(person === people.dee ? 'You have started' : 'You have not yet taken');
      expect(await deliveries(person.email)).toBe(1);
    }
    // Completed (Eve) and deactivated (Fay) staff are not reminded.
    expect(await deliveries(people.eve.email)).toBe(0);
    expect(await deliveries(people.fay.email)).toBe(0);

    // Asked again in the same month: a new run, which finds everybody already reminded.
    app.clock.advance(60 * MINUTE);
    const again = await app.gql(icbAdmin, SEND, { i: { slug: SLUG, odsCode: 'QKK' } });
    expect(again.data!.sendCourseReminders.id).not.toBe(run.id);
    const trustToo = await app.gql(trustAdmin, SEND, { i: { slug: SLUG, odsCode: 'RJ2' } });
    expect(trustToo.errors).toBeUndefined();
    await app.runJobs();
    for (const person of remindedInQkk) expect(await deliveries(person.email)).toBe(1);
    expect(await countRows(app.dataSource, 'course_reminder')).toBe(5);
    expect(await countRows(app.dataSource, 'outbox_message', `payload->>'key' LIKE 'course-reminder:%'`)).toBe(5);

    // When each was reminded is on the list, and the runs on the organisation's record.
    const listed = (await app.gql(trustAdmin, NOT_COMPLETED, { slug: SLUG, odsCode: 'RJ2' })).data!.learnersNotCompleted.edges.map((e: any) => e.node);
    expect(listed.every((l: any) => typeof l.lastRemindedAt === 'string' && l.lastRemindedAt.startsWith('2026-07-15T09:0'))).toBe(true);
    const status = (await app.gql(icbAdmin, STATUS, { slug: SLUG, odsCode: 'QKK' })).data!.courseReminders;
    expect(status.schedule).toEqual({ enabled: false, lastPeriod: null });
    expect(status.runs.map((r: any) => [r.origin, r.requestedBy, r.reminded, r.finishedAt !== null])).toEqual([
      ['ADMIN', 'Ian Icb', 0, true],
      ['ADMIN', 'Ian Icb', 5, true],
    ]);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'course_reminders.sent'`)).toBe(4);
  });

  it('refuses reminders outside the caller’s organisations and malformed requests, writing nothing', async () => {
    const before = { runs: await countRows(app.dataSource, 'course_reminder_run'), outbox: await countRows(app.dataSource, 'outbox_message') };
    const otherIcb = (await app.signedIn({ odsCode: 'QMJ', roles: [{ role: Role.ICB_ADMIN }] })).agent;
    expect((await app.gql(otherIcb, SEND, { i: { slug: SLUG, odsCode: 'QKK' } })).errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'AUTH_OUT_OF_SCOPE',
    });
    expect((await app.gql(otherIcb, SCHEDULE, { i: { slug: SLUG, odsCode: 'RJ2', enabled: true } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A trust's admin cannot remind their whole ICB.
    expect((await app.gql(trustAdmin, SEND, { i: { slug: SLUG, odsCode: 'QKK' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const learner = (await app.signedIn({ odsCode: 'RAL', roles: [{ role: Role.LEARNER }] })).agent;
    expect((await app.gql(learner, SEND, { i: { slug: SLUG, odsCode: 'RAL' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const malformed = await app.gql(icbAdmin, SEND, { i: { slug: 'Not a slug', odsCode: '!' } });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['odsCode', 'slug']);
    expect((await app.gql(icbAdmin, SEND, { i: { slug: 'no-such-course', odsCode: 'QKK' } })).errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'LEARNING_REPORT_COURSE_NOT_FOUND',
    });
    expect(await countRows(app.dataSource, 'course_reminder_run')).toBe(before.runs);
    expect(await countRows(app.dataSource, 'outbox_message')).toBe(before.outbox);
  });

  it('sends the monthly schedule on the first working day of the month, by the clock, to those still not completed', async () => {
    app.clock.set(new Date('2026-07-20T08:00:00Z'));
    const on = await app.gql(trustAdmin, SCHEDULE, { i: { slug: SLUG, odsCode: 'RJ2', enabled: true } });
    expect(on.errors).toBeUndefined();
    expect(on.data!.setCourseReminderSchedule).toEqual({ odsCode: 'RJ2', enabled: true, enabledBy: 'Tess Trust', lastPeriod: null });

    // Turned on mid-month: this month's run starts at the next sweep, and finds July's reminders already sent.
    const july = await sweep.run();
    expect(july).toMatchObject({ period: '2026-07', scheduledRunsStarted: 1, reminded: 0 });
    expect((await sweep.run()).scheduledRunsStarted).toBe(0);

    // Saturday 1 August: not a working day, so nothing starts.
    app.clock.set(new Date('2026-08-01T08:00:00Z'));
    expect(await sweep.run()).toMatchObject({ day: '2026-08-01', scheduledRunsStarted: 0, reminded: 0 });
    // Cal completes over the weekend.
    await recordCompletions(app, [{ odsCode: 'RJ2', at: '2026-08-02T12:00:00Z', email: people.cal.email }]);

    // Monday 3 August: August's run, two at a time, to the three still not completed at RJ2.
    app.clock.set(new Date('2026-08-03T08:00:00Z'));
    expect(await sweep.run()).toMatchObject({ day: '2026-08-03', period: '2026-08', scheduledRunsStarted: 1, reminded: 2 });
    app.clock.advance(MINUTE);
    expect(await sweep.run()).toMatchObject({ scheduledRunsStarted: 0, reminded: 1 });
    app.clock.set(new Date('2026-08-04T08:00:00Z'));
    expect(await sweep.run()).toMatchObject({ scheduledRunsStarted: 0, reminded: 0 });
    await app.runJobs();

    for (const person of [people.amy, people.ben, people.dee]) {
      expect(await Mailbox.waitFor(person.email, 2)).toHaveLength(2);
      expect(await deliveries(person.email)).toBe(2);
    }
    expect(await deliveries(people.cal.email)).toBe(1);
    expect(await deliveries(people.gus.email)).toBe(1);
    const status = (await app.gql(trustAdmin, STATUS, { slug: SLUG, odsCode: 'RJ2' })).data!.courseReminders;
    expect(status.schedule).toEqual({ enabled: true, lastPeriod: '2026-08' });
    expect(status.runs[0]).toMatchObject({ origin: 'SCHEDULE', requestedBy: null, reminded: 3 });

    // Turned off, September passes without a run.
    const off = await app.gql(trustAdmin, SCHEDULE, { i: { slug: SLUG, odsCode: 'RJ2', enabled: false } });
    expect(off.data!.setCourseReminderSchedule.enabled).toBe(false);
    app.clock.set(new Date('2026-09-01T08:00:00Z'));
    expect((await sweep.run()).scheduledRunsStarted).toBe(0);
    expect(await countRows(app.dataSource, 'audit_event', `action LIKE 'course_reminders.schedule_%'`)).toBe(2);
  });

  it('sends one e-mail per learner when an admin run and a scheduled run overlap, whichever sweep gets there first', async () => {
    const before = new Map(await Promise.all(remindedInQkk.map(async (p) => [p.email, await deliveries(p.email)] as const)));
    // Thursday 1 October: RJ2's schedule is due, and the ICB's admin asks for the whole ICB at once.
    app.clock.set(new Date('2026-10-01T08:00:00Z'));
    expect((await app.gql(trustAdmin, SCHEDULE, { i: { slug: SLUG, odsCode: 'RJ2', enabled: true } })).errors).toBeUndefined();
    expect((await app.gql(icbAdmin, SEND, { i: { slug: SLUG, odsCode: 'QKK' } })).errors).toBeUndefined();
    for (let round = 0; round < 10 && (await countRows(app.dataSource, 'course_reminder_run', 'finished_at IS NULL')) > 0; round++) {
      await Promise.all([sweep.run(), sweep.run(), app.runJobs()]);
      app.clock.advance(MINUTE);
    }
    expect(await countRows(app.dataSource, 'course_reminder_run', 'finished_at IS NULL')).toBe(0);
    await app.runJobs();
    for (const person of remindedInQkk) {
      const expected = person === people.cal ? 0 : 1;
      expect((await deliveries(person.email)) - before.get(person.email)!).toBe(expected);
    }
    expect(await countRows(app.dataSource, 'course_reminder', `period = '2026-10'`)).toBe(4);
  });

  it('runs the sweep from one repeating job scheduler, however many workers start', async () => {
    const queue = app.worker.get<Queue>(getQueueToken(COURSE_REMINDER_QUEUE), { strict: false });
    const scheduler = app.worker.get(CourseReminderSweepScheduler);
    expect(await queue.getJobSchedulers()).toEqual([]);
    await scheduler.schedule();
    await scheduler.schedule();
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: COURSE_REMINDER_SWEEP_JOB, name: COURSE_REMINDER_SWEEP_JOB, every: MINUTE });
    expect(await scheduler.unschedule()).toBe(true);
    await queue.clean(0, 100, 'delayed');
    await app.runJobs();
  });
});
