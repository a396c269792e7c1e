import { createTestApp, TestApp } from '@dasv/testing';

describe('operations endpoints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers liveness and readiness (PostgreSQL and Redis checked)', async () => {
    await app.client().get('/health/live').expect(200, { status: 'ok' });
    const ready = await app.client().get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    await app.client().get('/health/live');
    const metrics = await app.client().get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toContain('dasv_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/route="\/health\/live"/);
  });

  it('tags every response with a request id, reusing a sane one from the caller', async () => {
    const res = await app.client().get('/health/live').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    const fresh = await app.client().get('/health/live').set('X-Request-Id', '<script>');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers introspection and the sandbox page outside production', async () => {
    const r = await app.gql(app.client(), `{ __schema { queryType { name } } }`);
    expect(r.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const page = await app.client().get('/graphql').set('Accept', 'text/html');
    expect(page.text).toMatch(/<html/i);
  });

  it('never leaks internals in GraphQL errors', async () => {
    const res = await app.client().post('/graphql').send({ query: '{ nope }' });
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at Object|node_modules/);
  });
});
