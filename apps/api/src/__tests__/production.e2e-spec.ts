import { createTestApp, TestApp, TEST_PASSWORD, createUser } from '@dasv/testing';

describe('in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env: { NODE_ENV: 'production', TRUST_PROXY: 'true' } });
  });
  afterAll(() => app.close());

  it('turns GraphQL introspection and the sandbox page off', async () => {
    const r = await app.gql(app.client(), `{ __schema { queryType { name } } }`);
    expect(r.errors?.[0].message).toMatch(/introspection/i);
    const page = await app.client().get('/graphql').set('Accept', 'text/html');
    expect(page.text).not.toMatch(/<html/i);
  });

  it('marks the session cookie Secure when the request came over TLS through the proxy', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RJ1' });
    const res = await app
      .client()
      .post('/graphql')
      .set('X-Forwarded-Proto', 'https')
      .send({ query: `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, variables: { i: { email: user.email, password: TEST_PASSWORD } } });
    const cookie = [res.headers['set-cookie']].flat().find((c: string) => c.startsWith('dasv.sid='))!;
    expect(cookie).toMatch(/; Secure/);
  });
});
