import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { countRows, createTestApp, createUser, EMAIL_QUEUE, Mailbox, SentMail, TestApp } from '@dasv/testing';
import { Role } from '@dasv/auth';
import { OutboxService } from '@dasv/database';
import { EmailSenderService, SendEmailPayload } from '@dasv/notifications';
import { ChaseDeciderService, ChaseSourcesService, ChaseSweepService } from '@dasv/chasing';
import { NOMINATION_RETURN_CAMPAIGN } from '@dasv/nominations';

// London trusts from libs/organisations/data; the deadline is Monday 14 December 2026 at 17:00, so
// the 14- and 7-day reminders fall on Mondays 30 November and 7 December (GMT: Z times are London's).
const run = randomBytes(3).toString('hex');
const address = (label: string) => `${label}.${run}@nhs.net`;

describe('each chase e-mail is delivered exactly once', () => {
  let app: TestApp;
  let returnId: string;
  const recipients = [address('rj1.first'), address('rj1.second'), address('rj2.admin'), address('ral.admin')];
  const reminders = async (to: string, count: number): Promise<SentMail[]> =>
    (await Mailbox.waitFor(to, count)).filter((m) => m.subject.startsWith('Reminder:'));
  const chaseOutbox = () => countRows(app.dataSource, 'outbox_message', `payload->>'key' LIKE 'chase|%'`);

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-16T10:00:00Z') });
    const [first, second, rj2, ral] = recipients;
    await createUser(app.dataSource, { odsCode: 'RJ1', email: first, roles: [{ role: Role.ORG_ADMIN }] });
    await createUser(app.dataSource, { odsCode: 'RJ1', email: second, roles: [{ role: Role.ORG_ADMIN }] });
    await createUser(app.dataSource, { odsCode: 'RJ2', email: rj2, roles: [{ role: Role.ORG_ADMIN }] });
    await createUser(app.dataSource, { odsCode: 'RAL', email: ral, roles: [{ role: Role.ORG_ADMIN }] });
    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const opened = await app.gql(agent, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'Leads, exactly once', organisationTypes: ['TRUST'], scopeOdsCode: 'Y56', deadline: '2026-12-14T17:00' },
    });
    expect(opened.errors).toBeUndefined();
    returnId = opened.data!.openNominationReturn.id;
    await app.runJobs();
  });
  afterAll(() => app.close());

  it('decides each chase once when sweeps run at the same time', async () => {
    app.clock.set(new Date('2026-11-30T09:00:00Z'));
    const sweep = app.worker.get(ChaseSweepService);
    const results = await Promise.all([sweep.run(), sweep.run(), sweep.run()]);
    // Between them the sweeps decided the three reachable trusts once, whichever won each key.
    expect(results.reduce((n, r) => n + r.chases, 0)).toBe(3);
    expect(results.reduce((n, r) => n + r.emails, 0)).toBe(4);
    expect(await countRows(app.dataSource, 'chase_log', `stage = 'REMINDER'`)).toBe(3);
    expect(await chaseOutbox()).toBe(4);

    await app.runJobs();
    for (const to of recipients) expect(await reminders(to, 2)).toHaveLength(1);
  });

  it('loses nothing and repeats nothing when the worker dies between decision and send', async () => {
    app.clock.set(new Date('2026-12-07T09:00:00Z'));
    const now = app.clock.now();
    const source = app.worker.get(ChaseSourcesService).get(NOMINATION_RETURN_CAMPAIGN);
    const [campaign] = await source.findCampaigns(app.dataSource.manager, [returnId]);

    // Killed before the decision committed: nothing happened, so the next sweep decides it again.
    await expect(
      app.dataSource.transaction(async (manager) => {
        const decision = await app.worker.get(ChaseDeciderService).decideCampaign(manager, source, campaign, now);
        expect(decision.emails).toBe(4);
        throw new Error('worker killed before commit');
      }),
    ).rejects.toThrow('worker killed');
    expect(await countRows(app.dataSource, 'chase_log', `due_on = '2026-12-07'`)).toBe(0);

    // This test is the relay from here on: the worker's own background passes would claim the rows first.
    await app.outboxRelay.pause();
    // Decided and committed; then the relay dies twice: once before it reaches Redis (the rows wait),
    // once after adding the jobs but before marking the rows sent (the jobs run; the rows are replayed).
    expect((await app.worker.get(ChaseSweepService).run()).emails).toBe(4);
    const outbox = app.worker.get(OutboxService);
    expect(await outbox.relay(100, () => Promise.reject(new Error('Redis unreachable')))).toBe(0);
    const queue = app.worker.get<Queue>(getQueueToken(EMAIL_QUEUE), { strict: false });
    const replayed: SendEmailPayload[] = [];
    expect(
      await outbox.relay(100, async (messages) => {
        await queue.addBulk(messages.map((m) => ({ name: m.jobName, data: m.payload, opts: { jobId: m.jobId } })));
        replayed.push(...messages.map((m) => m.payload as unknown as SendEmailPayload));
        throw new Error('relay killed after add');
      }),
    ).toBe(0);
    expect(replayed).toHaveLength(4);
    expect(await countRows(app.dataSource, 'outbox_message', `relayed_at IS NULL AND payload->>'key' LIKE 'chase|%'`)).toBe(4);

    // A new relay replays the same job ids, and a send job retried after it finished sends nothing.
    await app.runJobs();
    for (const payload of replayed) expect(await app.worker.get(EmailSenderService).deliver(payload)).toBe('skipped');
    expect(await app.worker.get(ChaseSweepService).run()).toMatchObject({ chases: 0, digests: 0, emails: 0 });
    await app.runJobs();

    for (const to of recipients) {
      const received = await reminders(to, 3);
      expect(received).toHaveLength(2);
    }
    expect(await countRows(app.dataSource, 'email_delivery', `key LIKE 'chase|%'`)).toBe(8);
  });

  it('sends one e-mail per recipient, each under its own key, linking to the submission page', async () => {
    const [first, second] = recipients;
    const [mail] = await reminders(first, 3);
    expect(mail.to).toEqual([first]);
    expect(mail.text).toContain(`http://localhost:3000/nominations/${returnId}/RJ1`);
    expect((await reminders(second, 3))[0].to).toEqual([second]);
    const keys: Array<{ key: string }> = await app.dataSource.query(
      `SELECT key FROM email_delivery WHERE recipient = ANY($1::citext[]) AND key LIKE 'chase|%'`,
      [[first, second]],
    );
    expect(new Set(keys.map((k) => k.key)).size).toBe(4);
  });
});
