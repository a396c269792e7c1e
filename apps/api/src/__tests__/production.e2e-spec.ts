import { randomBytes } from 'node:crypto';
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

  it('does not suggest field names in errors once introspection is off', async () => {
    const r = await app.gql(app.client(), `{ use { id } }`);
    expect([r.status, r.errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(r.errors)).not.toMatch(/Did you mean|users|\bme\b/);
    const argument = await app.gql(app.client(), `{ organisations(firts: 5) { totalCount } }`);
    expect(argument.errors?.[0].message).toBe('Unknown argument "firts" on field "Query.organisations".');
  });

  it('does not serve metrics on the public port without METRICS_TOKEN', async () => {
    await app.client().get('/metrics').expect(404);
  });

  it('serves metrics only to a caller presenting METRICS_TOKEN', async () => {
    const token = randomBytes(24).toString('base64url');
    const withToken = await createTestApp({ env: { NODE_ENV: 'production', METRICS_TOKEN: token } });
    try {
      await withToken.client().get('/metrics').expect(401);
      await withToken.client().get('/metrics').set('Authorization', `Bearer ${token}x`).expect(401);
      const metrics = await withToken.client().get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
      expect(metrics.text).toContain('dasv_http_request_duration_seconds');
    } finally {
      await withToken.close();
    }
  });
});
