import { createTestApp, requireEnv, Role, ServiceOutage, TestApp, waitFor } from '@dasv/testing';
import type TestAgent from 'supertest/lib/agent';

/** PostgreSQL or Redis going away is an outage to wait out, not a crash: coded 503s, then recovery on its own. */
describe('while PostgreSQL or Redis is down', () => {
  let app: TestApp;
  let postgres: ServiceOutage;
  let redis: ServiceOutage;
  let agent: TestAgent;

  beforeAll(async () => {
    postgres = await ServiceOutage.inFrontOf(requireEnv('DATABASE_URL'));
    redis = await ServiceOutage.inFrontOf(requireEnv('REDIS_URL'));
    app = await createTestApp({ connect: ({ databaseUrl, redisUrl }) => ({ databaseUrl: postgres.through(databaseUrl), redisUrl: redis.through(redisUrl) }) });
    agent = (await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.ORG_ADMIN }] })).agent;
  });
  afterAll(async () => {
    await postgres.restore();
    await redis.restore();
    await app.close();
    await postgres.close();
    await redis.close();
  });

  const me = () => app.gql(agent, '{ me { id } }');

  async function expectUnavailable(): Promise<void> {
    const started = Date.now();
    const graphql = await me();
    expect([graphql.status, graphql.errors?.map((e) => e.extensions?.code)]).toEqual([503, ['SERVICE_UNAVAILABLE']]);
    expect(JSON.stringify(graphql)).not.toMatch(/statusCode|Internal server error|ECONNREFUSED|stack/i);
    const page = await agent.get('/account').set('Accept', 'text/html');
    expect(page.status).toBe(503);
    expect(page.text).toContain('<h1>Sorry, the service is unavailable</h1>');
    expect(page.text).toContain('nhsuk-header');
    expect(page.headers['retry-after']).toBe('30');
    // Refused promptly rather than left hanging until a client or proxy gives up.
    expect(Date.now() - started).toBeLessThan(15_000);
  }

  async function expectRecovered(): Promise<void> {
    const back = await waitFor(
      'the API to answer again after the outage',
      async () => {
        const r = await me();
        return r.status === 200 ? r : false;
      },
      20_000,
      200,
    );
    expect(back.data?.me?.id).toEqual(expect.any(String));
    await waitFor('the account page to answer again after the outage', async () => (await agent.get('/account')).status === 200 || false, 20_000, 200);
  }

  it('answers 503 SERVICE_UNAVAILABLE without PostgreSQL, and recovers by itself', async () => {
    expect((await me()).status).toBe(200);
    await postgres.cut();
    try {
      await expectUnavailable();
    } finally {
      await postgres.restore();
    }
    await expectRecovered();
  });

  it('answers 503 SERVICE_UNAVAILABLE without Redis (sessions), and recovers by itself', async () => {
    await redis.cut();
    try {
      await expectUnavailable();
    } finally {
      await redis.restore();
    }
    await expectRecovered();
  });
});
