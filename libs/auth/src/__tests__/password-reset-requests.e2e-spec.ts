import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Role } from '@dasv/auth';
import { countRows, createTestApp, createUser, Mailbox, TestApp } from '@dasv/testing';
import { ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR, PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR } from '../account-email-limits.service';

const ASK = `mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) }`;

describe('password-reset requests', () => {
  let app: TestApp;
  let addresses = 0;
  beforeAll(async () => {
    // Behind a proxy, as in production, so each test can come from its own client address.
    app = await createTestApp({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => app.close());

  // The SMTP sink outlives this file: addresses unique to the run keep other files' mail out of the counts.
  const person = () =>
    createUser(app.dataSource, { email: `reset.${randomBytes(6).toString('hex')}@nhs.net`, odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
  const newAddress = () => `198.51.100.${++addresses}`;
  const ask = (from: string, query: string, variables: Record<string, unknown>) =>
    app
      .client()
      .post('/graphql')
      .set('X-Forwarded-For', from)
      .send({ query, variables })
      .then((res) => res.body);

  it('sends at most the per-recipient limit of e-mails for one request with 20 aliases, answering true to each', async () => {
    const user = await person();
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: requestPasswordReset(input: { email: "${user.email}" })`).join('\n');
    const result = await ask(newAddress(), `mutation { ${aliases} }`, {});
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data)).toEqual(Array(20).fill(true));
    await app.runJobs();
    const mails = await Mailbox.waitFor(user.email, ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR);
    expect(mails.length).toBe(ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR);
    // From another address, the recipient's limit still holds: it is about the inbox, not the caller.
    expect((await ask(newAddress(), ASK, { i: { email: user.email } })).data.requestPasswordReset).toBe(true);
    await app.runJobs();
    expect(await Mailbox.messagesTo(user.email)).toHaveLength(ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR);
  });

  it('stops e-mailing from one client address past its hourly limit, whoever the recipients are', async () => {
    const from = newAddress();
    const people = [];
    for (let i = 0; i <= PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR; i++) people.push(await person());
    for (const person of people) expect((await ask(from, ASK, { i: { email: person.email } })).data.requestPasswordReset).toBe(true);
    await app.runJobs();
    const last = people.pop()!;
    await Mailbox.waitFor(people[people.length - 1].email);
    expect(await Mailbox.messagesTo(last.email)).toEqual([]);
    // The same person asking from elsewhere is e-mailed.
    await ask(newAddress(), ASK, { i: { email: last.email } });
    await app.runJobs();
    expect(await Mailbox.waitFor(last.email)).toHaveLength(1);
  });

  it('does the same database work for an address with an account as for one without: one outbox row, nothing else', async () => {
    const user = await person();
    const statements = (run: () => Promise<unknown>) => recordSql(app.dataSource, run);
    const tables = async () => ({
      outbox: await countRows(app.dataSource, 'outbox_message', `job_name = 'password-reset-request'`),
      tokens: await countRows(app.dataSource, 'user_token'),
      audit: await countRows(app.dataSource, 'audit_event'),
    });

    const before = await tables();
    const known = await statements(() => ask(newAddress(), ASK, { i: { email: user.email } }));
    const afterKnown = await tables();
    const unknown = await statements(() => ask(newAddress(), ASK, { i: { email: `nobody.${process.pid}@nhs.net` } }));
    const afterUnknown = await tables();

    expect(afterKnown).toEqual({ ...before, outbox: before.outbox + 1 });
    expect(afterUnknown).toEqual({ ...afterKnown, outbox: afterKnown.outbox + 1 });
    // The same statements, in the same order, with nothing that depends on whether the account exists.
    expect(unknown).toEqual(known);
    expect(known.length).toBeGreaterThan(0);

    // The worker then e-mails the account, and no one else.
    await app.runJobs();
    expect(await Mailbox.waitFor(user.email)).toHaveLength(1);
    expect(await Mailbox.messagesTo(`nobody.${process.pid}@nhs.net`)).toEqual([]);
  });

  it('takes as long for an address with an account as for one without (medians of interleaved samples)', async () => {
    const samples = 15;
    const people = [];
    for (let i = 0; i < samples; i++) people.push(await person());
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Alternating which goes first, so that drift in the machine's load falls on both equally.
      const order: Array<[number[], string]> = [
        [known, people[i].email],
        [unknown, `nobody.${i}.${process.pid}@nhs.net`],
      ];
      if (i % 2) order.reverse();
      for (const [into, email] of order) {
        const started = process.hrtime.bigint();
        await ask(newAddress(), ASK, { i: { email } });
        into.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Generous, for a loaded two-core machine: before the fix the known path did three more writes and rendered an e-mail.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(20, 0.5 * median(unknown)));
  });
});

/**
 * The SQL the API sends through `dataSource` while `run` is in flight, with parameters dropped: which
 * statements, not which values. The in-process worker's own passes (the outbox relay polls on a
 * timer) are not the request's work and are left out. Read-only: every call passes through.
 */
async function recordSql(dataSource: DataSource, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- only ever called as original.apply(this, …) below
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    if (this.connection === dataSource) seen.push(String(args[0]).replace(/\s+/g, ' ').trim());
    return original.apply(this, args);
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return seen;
}
