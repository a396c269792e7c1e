import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type TestAgent from 'supertest/lib/agent';
import { countRows, createTestApp, createUser, Mailbox, TestApp } from '@dasv/testing';
import { Role } from '@dasv/auth';
import { CHASE_QUEUE, CHASE_SWEEP_EVERY_MS, CHASE_SWEEP_JOB, ChaseSweepService, ChaseSweepResult, ChaseSweepScheduler } from '@dasv/chasing';

// A London trust (RJ1) with an organisation admin, and a return due Monday 14 December 2026 at
// 17:00: Monday 30 November is its 14-day reminder.
describe('the repeating chase sweep job', () => {
  let app: TestApp;
  let national: TestAgent;
  const run = randomBytes(3).toString('hex');
  const admin = `rj1.${run}@nhs.net`;
  const nationalAdmin = `national.${run}@nhs.net`;
  const londonAdmin = `london.${run}@nhs.net`;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-16T10:00:00Z') });
    await createUser(app.dataSource, { odsCode: 'RJ1', email: admin, roles: [{ role: Role.ORG_ADMIN }] });
    national = (await app.signedIn({ odsCode: 'X24', email: nationalAdmin, name: 'Nia National', roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
    const opened = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'Swept by the worker', organisationTypes: ['TRUST'], scopeOdsCode: 'QKK', deadline: '2026-12-14T17:00' },
    });
    expect(opened.errors).toBeUndefined();
    await app.runJobs();
  });
  afterAll(() => app.close());

  it('is one scheduler named after the job, whose runs the worker processes as sweeps', async () => {
    const queue = app.worker.get<Queue>(getQueueToken(CHASE_QUEUE), { strict: false });
    const scheduler = app.worker.get(ChaseSweepScheduler);
    // The test harness does not schedule it (its clock is fixed): nothing repeats until asked.
    expect(await queue.getJobSchedulers()).toEqual([]);

    app.clock.set(new Date('2026-11-30T09:00:00Z'));
    await scheduler.schedule();
    await scheduler.schedule(); // a second worker starting: still one scheduler
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: CHASE_SWEEP_JOB, name: CHASE_SWEEP_JOB, every: CHASE_SWEEP_EVERY_MS });

    // A scheduler with `every` runs its first sweep at once; wait for it, then stop repeating.
    for (let i = 0; i < 10_000 && (await queue.getCompletedCount()) === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await scheduler.unschedule()).toBe(true);
    await queue.clean(0, 100, 'delayed');
    await app.runJobs();

    const [job] = await queue.getCompleted();
    expect(job.returnvalue as ChaseSweepResult).toMatchObject({ day: '2026-11-30', chases: 1, emails: 1 });
    expect(await countRows(app.dataSource, 'chase_log', `stage = 'REMINDER' AND due_on = '2026-11-30'`)).toBe(1);
    const reminders = (await Mailbox.waitFor(admin, 2)).filter((m) => m.subject.startsWith('Reminder:'));
    expect(reminders).toHaveLength(1);
  });

  it('escalates an ICB to its region’s admins and a region to the national admins', async () => {
    await createUser(app.dataSource, { odsCode: 'Y56', email: londonAdmin, name: 'Lou London', roles: [{ role: Role.REGIONAL_ADMIN }] });
    const opened = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'Senior and ICB leads', organisationTypes: ['REGION', 'ICB'], deadline: '2026-12-14T17:00', escalateAfterWorkingDays: 0 },
    });
    expect(opened.errors).toBeUndefined();
    const campaign = `nomination-return:${opened.data!.openNominationReturn.id}`;

    app.clock.set(new Date('2026-12-15T09:00:00Z'));
    await app.worker.get(ChaseSweepService).run();
    await app.runJobs();

    const digests: Array<{ email: string }> = await app.dataSource.query(
      `SELECT unnest(recipients)::text AS email FROM chase_log WHERE campaign = $1 AND organisation_id IS NULL ORDER BY 1`,
      [campaign],
    );
    const nationals: Array<{ email: string }> = await app.dataSource.query(
      `SELECT DISTINCT u.email::text AS email FROM role_assignment r JOIN app_user u ON u.id = r.user_id AND u.is_active WHERE r.role = 'NATIONAL_ADMIN'`,
    );
    expect(digests.map((d) => d.email)).toEqual([londonAdmin, ...nationals.map((n) => n.email)].sort());

    const listed = (text: string) => [...text.matchAll(/\(([A-Z0-9]{3,6})\): http/g)].map((m) => m[1]).sort();
    const [london] = await Mailbox.waitFor(londonAdmin, 1);
    expect(listed(london.text)).toEqual(['QKK', 'QMF', 'QMJ', 'QRV', 'QWE']);
    const [nationwide] = await Mailbox.waitFor(nationalAdmin, 1).then((mails) => mails.filter((m) => m.subject.includes('Senior and ICB leads')));
    const regions: Array<{ ods_code: string }> = await app.dataSource.query(`SELECT ods_code FROM organisation WHERE type = 'REGION' AND is_active ORDER BY 1`);
    expect(listed(nationwide.text)).toEqual(regions.map((r) => r.ods_code));
  });
});
