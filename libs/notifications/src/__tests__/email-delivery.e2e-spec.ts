import { createTestApp, Mailbox, TestApp } from '@dasv/testing';
import { EmailOutboxService, EmailSenderService, SendEmailPayload } from '@dasv/notifications';

describe('e-mail delivery through the outbox', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const mail = (to: string, key: string): SendEmailPayload => ({ key, to, subject: 'Hello', text: 'Plain text body', html: '<p>HTML body</p>' });

  it('sends nothing for a transaction that rolls back', async () => {
    const to = `rolled.back.${process.pid}@nhs.net`;
    await expect(
      app.dataSource.transaction(async (manager) => {
        await app.api.get(EmailOutboxService).queue(manager, mail(to, `rollback-${process.pid}`));
        throw new Error('use case failed after queueing');
      }),
    ).rejects.toThrow('use case failed');
    await app.runJobs();
    expect(await Mailbox.messagesTo(to)).toEqual([]);
  });

  it('delivers each key once, however often the job is replayed', async () => {
    const to = `once.${process.pid}@nhs.net`;
    const key = `once-${process.pid}`;
    // The same e-mail queued twice (a replayed outbox row) and delivered again by hand (a retried job).
    await app.dataSource.transaction((m) => app.api.get(EmailOutboxService).queue(m, [mail(to, key), mail(to, key)]));
    await app.runJobs();
    expect(await app.worker.get(EmailSenderService).deliver(mail(to, key))).toBe('skipped');
    const received = await Mailbox.waitFor(to, 1);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ subject: 'Hello', text: expect.stringContaining('Plain text body') });
  });
});
