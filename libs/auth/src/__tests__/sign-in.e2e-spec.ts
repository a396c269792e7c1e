import { countRows, createTestApp, createUser, Mailbox, TestApp, TEST_PASSWORD } from '@dasv/testing';
import { Role } from '@dasv/auth';

const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { email } }`;

describe('sign-in, sessions and password reset', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('signs in with a server-side session in an httpOnly, SameSite cookie, and signs out', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.DASV_LEAD }] });
    const agent = app.client();
    const res = await agent.post('/graphql').send({ query: SIGN_IN, variables: { i: { email: user.email, password: TEST_PASSWORD } } });
    expect(res.body.data.signIn.email).toBe(user.email);
    const cookie = [res.headers['set-cookie']].flat().find((c: string) => c.startsWith('dasv.sid='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // The cookie is only an id: nothing about the user travels in it.
    expect(cookie).not.toContain(user.id);

    expect((await app.gql(agent, `{ me { email } }`)).data!.me.email).toBe(user.email);
    expect((await app.gql(agent, `mutation { signOut }`)).data!.signOut).toBe(true);
    expect((await app.gql(agent, `{ me { email } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Replaying the old cookie after sign-out does not bring the session back.
    const replay = await app.client().post('/graphql').set('Cookie', cookie.split(';')[0]).send({ query: `{ me { email } }` });
    expect(replay.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1' });
    const wrong = await app.gql(app.client(), SIGN_IN, { i: { email: user.email, password: 'not the password' } });
    const unknown = await app.gql(app.client(), SIGN_IN, { i: { email: 'nobody@nhs.net', password: 'not the password' } });
    expect(wrong.errors?.[0]).toMatchObject({
      message: unknown.errors?.[0].message,
      extensions: { code: 'UNAUTHENTICATED', reason: 'AUTH_INVALID_CREDENTIALS' },
    });
  });

  it('locks an account after repeated failures, even for the right password, and says so', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1' });
    const max = app.config.env.SIGN_IN_MAX_FAILURES;
    for (let i = 0; i < max - 1; i++) {
      const r = await app.gql(app.client(), SIGN_IN, { i: { email: user.email, password: `wrong ${i}` } });
      expect(r.errors?.[0].extensions?.reason).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const last = await app.gql(app.client(), SIGN_IN, { i: { email: user.email, password: 'wrong again' } });
    expect(last.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'AUTH_LOCKED_OUT' });
    const right = await app.gql(app.client(), SIGN_IN, { i: { email: user.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(right.errors?.[0].extensions?.reason).toBe('AUTH_LOCKED_OUT');
    expect(await countRows(app.dataSource, 'audit_event', `action = 'auth.locked_out' AND entity_id = $1`, [user.id])).toBe(1);
  });

  it('resets a forgotten password through an e-mailed single-use link, signing out other sessions', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1' });
    const elsewhere = app.client();
    await app.gql(elsewhere, SIGN_IN, { i: { email: user.email, password: TEST_PASSWORD } });
    expect((await app.gql(elsewhere, `{ me { email } }`)).data!.me.email).toBe(user.email);
    const ask = `mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) }`;
    expect((await app.gql(app.client(), ask, { i: { email: user.email } })).data!.requestPasswordReset).toBe(true);
    // An unknown address gets the same answer and no e-mail.
    expect((await app.gql(app.client(), ask, { i: { email: 'nobody.here@nhs.net' } })).data!.requestPasswordReset).toBe(true);
    await app.runJobs();
    const [mail] = await Mailbox.waitFor(user.email);
    expect(mail.subject).toBe('Reset your DASV Network password');
    expect(await Mailbox.messagesTo('nobody.here@nhs.net')).toEqual([]);
    const token = Mailbox.linkIn(mail, '/reset-password/').split('/').pop()!;

    const reset = `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }`;
    const short = await app.gql(app.client(), reset, { i: { token, password: 'short' } });
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { password: expect.any(Array) } });

    expect((await app.gql(app.client(), reset, { i: { token, password: 'my brand new passphrase' } })).data!.resetPassword).toBe(true);
    expect((await app.gql(elsewhere, `{ me { email } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(app.client(), reset, { i: { token, password: 'yet another passphrase' } })).errors?.[0].extensions?.reason).toBe(
      'AUTH_TOKEN_INVALID',
    );
    expect((await app.gql(app.client(), SIGN_IN, { i: { email: user.email, password: 'my brand new passphrase' } })).data!.signIn.email).toBe(user.email);
    expect((await app.gql(app.client(), SIGN_IN, { i: { email: user.email, password: TEST_PASSWORD } })).errors).toBeDefined();
  });

  it('rejects malformed sign-in input with per-field messages', async () => {
    const r = await app.gql(app.client(), SIGN_IN, { i: { email: 'nope', password: '' } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { email: expect.any(Array), password: expect.any(Array) } });
  });
});
