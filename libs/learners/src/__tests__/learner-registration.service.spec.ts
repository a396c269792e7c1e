import { Role } from '@dasv/auth';
import { LearnersErrorReason, LearnersModule, LearnerRegistrationService } from '@dasv/learners';
import { countRows, createServiceTest, newUser, ServiceTest, updateOrganisation } from '@dasv/testing';

// Real organisations (libs/organisations/data): Guy's and St Thomas' (RJ1), Lewisham and Greenwich
// (RJ2), Manchester University NHS FT (R0A). The end-to-end test (registration.e2e-spec.ts) proves the
// journey through GraphQL, the e-mail and the pages; this one the rules behind it, against the tables.
const LIMIT = 20;

describe('LearnerRegistrationService', () => {
  let test: ServiceTest;
  let registration: LearnerRegistrationService;
  let ip = 0;
  // Each case from its own address, so that the per-address limit is met only where a case means it.
  const nextIp = () => `192.0.2.${++ip}`;

  beforeAll(async () => {
    test = await createServiceTest({ imports: [LearnersModule], env: { REGISTRATIONS_PER_IP_PER_HOUR: String(LIMIT) } });
    registration = test.get(LearnerRegistrationService);
  });
  afterAll(() => test.close());

  /** The e-mails queued (outbox rows) to one address, oldest first. */
  async function queuedTo(email: string): Promise<Array<{ subject: string; text: string }>> {
    return test.dataSource.query(`SELECT payload->>'subject' AS subject, payload->>'text' AS text FROM outbox_message WHERE payload->>'to' = $1 ORDER BY id`, [
      email,
    ]);
  }

  async function auditOf(userId: string): Promise<Array<{ action: string; details: Record<string, unknown> }>> {
    return test.dataSource.query(`SELECT action, details FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`, [userId]);
  }

  it('makes a learner at the chosen organisation, without a password, and queues the link to set one', async () => {
    await registration.register({ name: 'Nia New', email: 'nia.new@nhs.net', odsCode: 'rj1' }, nextIp());

    const [account] = await test.dataSource.query(
      `SELECT u.id, u.name, u.password_hash, o.ods_code, array_agg(r.role || '@' || ro.ods_code) AS roles
       FROM app_user u JOIN organisation o ON o.id = u.organisation_id
       JOIN role_assignment r ON r.user_id = u.id JOIN organisation ro ON ro.id = r.organisation_id
       WHERE u.email = 'nia.new@nhs.net' GROUP BY u.id, o.ods_code`,
    );
    expect(account).toMatchObject({ name: 'Nia New', password_hash: null, ods_code: 'RJ1', roles: ['LEARNER@RJ1'] });
    expect(await countRows(test.dataSource, 'user_token', `user_id = $1 AND purpose = 'INVITATION' AND used_at IS NULL`, [account.id])).toBe(1);
    const [mail] = await queuedTo('nia.new@nhs.net');
    expect(mail.subject).toBe('Finish setting up your DASV Network training account');
    expect(mail.text).toContain("Guy's and St Thomas' NHS Foundation Trust");
    expect(mail.text).toContain('http://localhost:3000/training/set-up/');
    expect(await auditOf(account.id)).toEqual([
      { action: 'role.granted', details: { role: 'LEARNER', reason: 'self_registration' } },
      { action: 'learner.registered', details: { email: 'nia.new@nhs.net' } },
    ]);
  });

  it('sends an account that was invited but never set up a fresh link, naming the organisation it belongs to', async () => {
    const invited = await newUser(test.dataSource, { odsCode: 'R0A', email: 'ivy.invited@nhs.net', activated: false, roles: [{ role: Role.LEARNER }] });

    // Registering "at" another trust must not move the account or give it a role there.
    await registration.register({ name: 'Ivy Other', email: 'IVY.INVITED@nhs.net', odsCode: 'RJ2' }, nextIp());

    const [mail] = await queuedTo('ivy.invited@nhs.net');
    expect(mail.subject).toBe('Finish setting up your DASV Network training account');
    expect(mail.text).toContain('Manchester University NHS Foundation Trust');
    expect(mail.text).not.toContain('LEWISHAM');
    const [after] = await test.dataSource.query(
      `SELECT u.name, o.ods_code, (SELECT array_agg(role) FROM role_assignment WHERE user_id = u.id) AS roles FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [invited.id],
    );
    expect(after).toEqual({ name: invited.name, ods_code: 'R0A', roles: ['LEARNER'] });
    expect((await auditOf(invited.id)).map((a) => a.action)).toEqual(['learner.registration_link_resent']);
  });

  it('e-mails nobody about a deactivated account, and records why', async () => {
    const gone = await newUser(test.dataSource, { odsCode: 'RJ1', email: 'gus.gone@nhs.net', isActive: false });

    await registration.register({ name: 'Gus Gone', email: 'gus.gone@nhs.net', odsCode: 'RJ1' }, nextIp());

    expect(await queuedTo('gus.gone@nhs.net')).toEqual([]);
    expect(await countRows(test.dataSource, 'user_token', 'user_id = $1', [gone.id])).toBe(0);
    expect(await auditOf(gone.id)).toEqual([{ action: 'learner.registration_ignored', details: { why: 'inactive' } }]);
  });

  it('makes one account when the same address registers twice at once', async () => {
    const [first, second] = await Promise.allSettled([
      registration.register({ name: 'Rae Race', email: 'rae.race@nhs.net', odsCode: 'RJ1' }, nextIp()),
      registration.register({ name: 'Rae Race', email: 'rae.race@nhs.net', odsCode: 'RJ1' }, nextIp()),
    ]);
    expect([first.status, second.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(await countRows(test.dataSource, 'app_user', `email = 'rae.race@nhs.net'`)).toBe(1);
    expect(await countRows(test.dataSource, 'role_assignment', `user_id = (SELECT id FROM app_user WHERE email = 'rae.race@nhs.net')`)).toBe(1);
  });

  it('refuses a closed organisation as it refuses an unknown one, writing nothing', async () => {
    await updateOrganisation(test.dataSource, 'RJ2', { isActive: false, closedOn: '2026-03-31' });
    const users = await countRows(test.dataSource, 'app_user');
    const outbox = await countRows(test.dataSource, 'outbox_message');

    await expect(registration.register({ name: 'Cal Closed', email: 'cal.closed@nhs.net', odsCode: 'RJ2' }, nextIp())).rejects.toMatchObject({
      reason: LearnersErrorReason.UnknownOrganisation,
      fields: { odsCode: ['Choose the organisation you work for'] },
    });
    await expect(registration.register({ name: 'Uma Unknown', email: 'uma.unknown@nhs.net', odsCode: 'ZZZ99' }, nextIp())).rejects.toMatchObject({
      reason: LearnersErrorReason.UnknownOrganisation,
    });
    await expect(registration.register({ name: 'Pat Personal', email: 'pat@gmail.com', odsCode: 'RJ1' }, nextIp())).rejects.toMatchObject({
      reason: LearnersErrorReason.NotWorkEmail,
    });
    expect(await countRows(test.dataSource, 'app_user')).toBe(users);
    expect(await countRows(test.dataSource, 'outbox_message')).toBe(outbox);
  });

  it('counts every attempt from one address against its hourly limit, refused or not', async () => {
    const flood = nextIp();
    for (let i = 0; i < LIMIT; i++) {
      // Refusals count too: otherwise an address could probe for open organisations without limit.
      await registration
        .register({ name: 'Flo Flood', email: `flo.${i}@nhs.net`, odsCode: i % 2 ? 'RJ1' : 'ZZZ99' }, flood)
        .catch((error: { reason?: string }) => {
          expect(error.reason).toBe(LearnersErrorReason.UnknownOrganisation);
        });
    }
    await expect(registration.register({ name: 'Flo Flood', email: 'flo.last@nhs.net', odsCode: 'RJ1' }, flood)).rejects.toMatchObject({
      reason: LearnersErrorReason.RegistrationRateLimited,
    });
    expect(await countRows(test.dataSource, 'app_user', `email LIKE 'flo.%'`)).toBe(LIMIT / 2);
    // Another address is unaffected.
    await registration.register({ name: 'Nel Next', email: 'nel.next@nhs.net', odsCode: 'RJ1' }, nextIp());
    expect(await countRows(test.dataSource, 'app_user', `email = 'nel.next@nhs.net'`)).toBe(1);
  });
});
