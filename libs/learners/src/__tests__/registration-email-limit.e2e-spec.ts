import { randomBytes } from 'node:crypto';
import { ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR } from '@dasv/auth';
import { createTestApp, createUser, Mailbox, Role, TestApp } from '@dasv/testing';

const REGISTER = `mutation($i: RegisterLearnerInput!) { registerLearner(input: $i) }`;

describe('"you already have an account" e-mails from registration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('reach one person at most the per-recipient limit an hour, however many times their address is registered', async () => {
    const person = await createUser(app.dataSource, {
      email: `registered.${randomBytes(4).toString('hex')}@nhs.net`,
      odsCode: 'RJ1',
      roles: [{ role: Role.LEARNER }],
    });
    for (let i = 0; i < 50; i++) {
      const result = await app.gql(app.client(), REGISTER, { i: { name: `Someone ${i}`, email: person.email, odsCode: 'RJ1' } });
      expect(result.data).toEqual({ registerLearner: true });
    }
    await app.runJobs();
    const mails = await Mailbox.waitFor(person.email, ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR);
    expect(mails).toHaveLength(ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR);
    expect(mails.every((m) => m.subject === mails[0].subject)).toBe(true);
  });
});
