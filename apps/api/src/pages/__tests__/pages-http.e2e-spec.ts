import { Logger } from '@nestjs/common';
import { OrganisationsService } from '@dasv/organisations';
import { createTestApp, createUser, Role, TestApp } from '@dasv/testing';
import type TestAgent from 'supertest/lib/agent';

/** What the browser tests cannot easily show: the HTTP edges of the pages. */
describe('pages over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function formToken(agent: TestAgent, path: string): Promise<string> {
    const res = await agent.get(path).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (!token) throw new Error(`no form token on ${path}`);
    return token;
  }

  async function signIn(agent: TestAgent, email: string, password: string, next?: string) {
    const _csrf = await formToken(agent, '/sign-in');
    return agent
      .post(`/sign-in${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`)
      .type('form')
      .send({ _csrf, email, password });
  }

  it('lays every page out as an NHS.UK page in British English', async () => {
    const res = await app.client().get('/sign-in').expect(200);
    expect(res.text).toContain('<html lang="en-GB"');
    expect(res.text).toContain('<title>Sign in – DASV Network – NHS England</title>');
    expect(res.text).toMatch(/<a[^>]*class="nhsuk-skip-link"[^>]*href="#maincontent"|<a[^>]*href="#maincontent"[^>]*class="nhsuk-skip-link"/);
    expect(res.text).toMatch(/<header[^>]*class="nhsuk-header/);
    expect(res.text).toContain('<span class="nhsuk-header__service-name">DASV Network</span>');
    expect(res.text).toMatch(/<main[^>]*id="maincontent"/);
    expect(res.text).toMatch(/<footer[^>]*class="nhsuk-footer/);
  });

  it('refuses a form without this session’s token, and says the form has expired', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    const agent = app.client();
    await formToken(agent, '/sign-in');

    const missing = await agent
      .post('/sign-in?next=%2Faccount')
      .set('host', 'dasv.test')
      .set('referer', 'http://dasv.test/sign-in?next=%2Faccount')
      .type('form')
      .send({ email: user.email, password: user.password })
      .expect(403);
    expect(missing.text).toContain('This form has expired');
    expect(missing.text).toContain('href="/sign-in?next=%2Faccount"');
    await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), email: user.email, password: user.password })
      .expect(403);
    // Another visitor's token is no good either: it is tied to their session.
    const stranger = await formToken(app.client(), '/sign-in');
    await agent.post('/sign-in').type('form').send({ _csrf: stranger, email: user.email, password: user.password }).expect(403);
    expect((await agent.get('/account')).headers.location).toBe('/sign-in?next=%2Faccount');
  });

  it('goes back only to pages on this site after signing in', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    const cases: Array<[string, string]> = [
      ['/organisations/RBV?search=x', '/organisations/RBV?search=x'],
      ['//evil.example/phish', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example/', '/'],
      ['/sign-in?next=//evil.example', '/'],
    ];
    for (const [next, expected] of cases) {
      const res = await signIn(app.client(), user.email, user.password, next);
      expect([next, res.status, res.headers.location]).toEqual([next, 303, expected]);
    }
  });

  it('sends a signed-out form submission to sign in, and back to the form afterwards', async () => {
    const agent = app.client();
    const _csrf = await formToken(agent, '/forgotten-password');
    const res = await agent.post('/admin/invite').type('form').send({ _csrf, email: 'a@nhs.net' }).expect(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Finvite');
  });

  it('answers an unknown address with the 404 page for browsers and JSON for API clients', async () => {
    const page = await app.client().get('/no/such/page').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>Page not found – DASV Network – NHS England</title>');
    const api = await app.client().get('/no/such/page').set('accept', 'application/json').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404 });
  });

  it('shows a generic error page, with no stack trace or internal detail, when something unexpected fails', async () => {
    const { agent } = await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    // The one stand-in in these tests: a failure the real database will not produce on demand.
    const failure = jest.spyOn(app.api.get(OrganisationsService), 'list').mockRejectedValueOnce(new Error('relation "secret_table" does not exist'));
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const res = await agent.get('/organisations').expect(500);
      expect(res.text).toContain('Sorry, there is a problem with the service');
      expect(res.text).not.toMatch(/secret_table|at \w+ \(|\.ts:\d+/);
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ path: '/organisations' }), 'unexpected error rendering a page');
    } finally {
      failure.mockRestore();
      logged.mockRestore();
    }
  });

  it('keeps pages out of caches and answers a malformed ODS code in the address plainly', async () => {
    const { agent } = await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    const res = await agent.get('/organisations/RBV').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    await agent.get('/organisations/%00').expect(400);
    await agent.get('/organisations/ZZZ99').expect(404);
    await agent.get('/organisations?after=not-a-cursor').expect(400);
  });

  it('leaves GraphQL errors to GraphQL', async () => {
    const { agent } = await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    const result = await app.gql(agent, `{ organisation(odsCode: "ZZZ99") { name } }`);
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
