import { Role } from '@dasv/auth';
import { countRows, createTestApp, createUser, TestApp, TEST_PASSWORD } from '@dasv/testing';
import { ACCOUNT_FAILURES_PER_ADDRESS_LIMIT } from '../sign-in.service';

const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { email } }`;

/** Behind a TLS-terminating proxy, as in production: the client's address comes from X-Forwarded-For. */
describe('sign-in lockout is per account and address', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => app.close());

  function signInFrom(address: string, email: string, password: string) {
    return app
      .client()
      .post('/graphql')
      .set('X-Forwarded-For', address)
      .send({ query: SIGN_IN, variables: { i: { email, password } } })
      .then((res) => res.body as { data?: { signIn: { email: string } } | null; errors?: Array<{ extensions: { code: string; reason?: string } }> });
  }

  it('does not let failures from other addresses lock the real user out of their own', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    const max = app.config.env.SIGN_IN_MAX_FAILURES;
    // Five wrong passwords from each of five addresses: every one of those addresses is now locked out…
    for (let a = 1; a <= 5; a++) {
      const address = `198.51.100.${a}`;
      for (let i = 1; i < max; i++)
        expect((await signInFrom(address, user.email, `wrong ${i}`)).errors?.[0].extensions.reason).toBe('AUTH_INVALID_CREDENTIALS');
      expect((await signInFrom(address, user.email, 'wrong again')).errors?.[0].extensions).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        reason: 'AUTH_LOCKED_OUT',
      });
      expect((await signInFrom(address, user.email, TEST_PASSWORD)).errors?.[0].extensions.reason).toBe('AUTH_LOCKED_OUT');
    }
    // …while the person, from their own address, signs in as usual.
    const own = await signInFrom('203.0.113.7', user.email, TEST_PASSWORD);
    expect(own.errors).toBeUndefined();
    expect(own.data!.signIn.email).toBe(user.email);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'auth.locked_out' AND entity_id = $1`, [user.id])).toBe(5);
  });

  it('still locks an account for everyone once failures from many addresses pass a much higher count', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    const max = app.config.env.SIGN_IN_MAX_FAILURES;
    const total = max * ACCOUNT_FAILURES_PER_ADDRESS_LIMIT;
    let last;
    // One failure fewer than locks each address, spread over as many addresses as it takes.
    for (let n = 0; n < total; n++) {
      last = await signInFrom(`192.0.2.${Math.floor(n / (max - 1)) + 1}`, user.email, `guess ${n}`);
    }
    expect(last?.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'AUTH_LOCKED_OUT' });
    expect((await signInFrom('203.0.113.8', user.email, TEST_PASSWORD)).errors?.[0].extensions.reason).toBe('AUTH_LOCKED_OUT');
  });

  it('keeps the per-address lock when the right password is tried from the locked address', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    const max = app.config.env.SIGN_IN_MAX_FAILURES;
    for (let i = 0; i < max; i++) await signInFrom('198.51.100.50', user.email, `wrong ${i}`);
    expect((await signInFrom('198.51.100.50', user.email, TEST_PASSWORD)).errors?.[0].extensions.reason).toBe('AUTH_LOCKED_OUT');
  });
});
