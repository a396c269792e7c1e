import type Redis from 'ioredis';
import { sessionStorePrefix } from '@dasv/auth';
import { REDIS } from '@dasv/database';
import { createTestApp, createUser, Role, TestApp } from '@dasv/testing';
import type TestAgent from 'supertest/lib/agent';

/** Signed-out visitors get working, protected forms without the server keeping anything for them. */
describe('forms for signed-out visitors', () => {
  let app: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    app = await createTestApp();
    redis = app.api.get<Redis>(REDIS);
  });
  afterAll(() => app.close());

  const storedSessions = async () => (await redis.keys(`${sessionStorePrefix(app.config)}*`)).length;
  const cookiesOf = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie'] ?? []].flat() as string[];

  async function formToken(agent: TestAgent, path: string): Promise<string> {
    const res = await agent.get(path).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (!token) throw new Error(`no form token on ${path}`);
    return token;
  }

  it('opens form pages without storing a session', async () => {
    const before = await storedSessions();
    for (const path of ['/sign-in', '/forgotten-password']) {
      const res = await app.client().get(path).expect(200);
      expect(res.text).toMatch(/name="_csrf" value="[\w-]{43}"/);
      const cookies = cookiesOf(res);
      expect(cookies.some((c) => c.startsWith('dasv.sid='))).toBe(false);
      expect(cookies.find((c) => c.startsWith('dasv.csrf='))).toMatch(/HttpOnly; SameSite=Lax/);
    }
    expect(await storedSessions()).toBe(before);
  });

  it('signs in with the token from the cookie-only form, then stores exactly one session', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    const agent = app.client();
    const _csrf = await formToken(agent, '/sign-in');
    const before = await storedSessions();
    const res = await agent.post('/sign-in').type('form').send({ _csrf, email: user.email, password: user.password }).expect(303);
    expect(res.headers.location).toBe('/');
    expect(await storedSessions()).toBe(before + 1);
    await agent.get('/account').expect(200);
  });

  it('still shows a refused signed-out form its errors and what was typed', async () => {
    const agent = app.client();
    const _csrf = await formToken(agent, '/sign-in');
    const refused = await agent.post('/sign-in').type('form').send({ _csrf, email: 'nobody@nhs.net', password: 'wrong password' }).expect(303);
    expect(refused.headers.location).toBe('/sign-in');
    const page = await agent.get('/sign-in').expect(200);
    expect(page.text).toContain('nhsuk-error-summary');
    expect(page.text).toContain('value="nobody@nhs.net"');
  });

  it('ties a signed-in form to the session: a token from before sign-in no longer works', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    const agent = app.client();
    const before = await formToken(agent, '/sign-in');
    await agent.post('/sign-in').type('form').send({ _csrf: before, email: user.email, password: user.password }).expect(303);
    const refused = await agent.post('/sign-out').type('form').send({ _csrf: before }).expect(403);
    expect(refused.text).toContain('This form has expired');
    const now = await formToken(agent, '/account');
    await agent.post('/sign-out').type('form').send({ _csrf: now }).expect(303);
  });

  it('refuses a token presented without the cookie it was made for', async () => {
    const _csrf = await formToken(app.client(), '/forgotten-password');
    const res = await app.client().post('/forgotten-password').type('form').send({ _csrf, email: 'someone@nhs.net' }).expect(403);
    expect(res.text).toContain('This form has expired');
  });
});
