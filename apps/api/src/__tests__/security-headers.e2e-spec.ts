import { createTestApp, TestApp } from '@dasv/testing';

/** The headers a browser needs to contain what a page can do; present on every kind of response. */
function expectSecurityHeaders(headers: Record<string, string | undefined>): void {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toMatch(/(^|;)script-src 'self'(;|$)/);
  expect(csp).toMatch(/(^|;)style-src 'self'(;|$)/);
  expect(csp).toMatch(/(^|;)frame-ancestors 'none'(;|$)/);
  expect(csp).toMatch(/(^|;)object-src 'none'(;|$)/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toMatch(/camera=\(\)/);
  expect(headers['permissions-policy']).toMatch(/microphone=\(\)/);
  expect(headers['permissions-policy']).toMatch(/geolocation=\(\)/);
}

describe('security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('are on pages, GraphQL answers, static files and not-found pages', async () => {
    const responses = await Promise.all([
      app.client().get('/sign-in').expect(200),
      app.client().post('/graphql').send({ query: '{ me { id } }' }),
      app.client().get('/assets/app/init.js').expect(200),
      app.client().get('/assets/nhsuk/nhsuk-frontend.min.css').expect(200),
      app.client().get('/no-such-page').expect(404),
    ]);
    for (const res of responses) expectSecurityHeaders(res.headers);
  });

  it('leave HSTS off while PUBLIC_URL is plain http', async () => {
    const res = await app.client().get('/sign-in').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
  });

  it('send pages with no inline script or style, so the policy can forbid them', async () => {
    const page = (await app.client().get('/sign-in').expect(200)).text;
    const scripts = page.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/assets\//);
    expect(page).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(page).not.toMatch(/\sstyle=|<style\b|\son[a-z]+=/i);
  });

  it('serve the scripts the pages load', async () => {
    for (const path of ['/assets/app/js-enabled.js', '/assets/app/init.js']) {
      const res = await app.client().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
    }
  });

  it('turn HSTS on when PUBLIC_URL is https', async () => {
    const tls = await createTestApp({ env: { PUBLIC_URL: 'https://dasv.example.nhs.uk' } });
    try {
      const res = await tls.client().get('/sign-in').expect(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
      expectSecurityHeaders(res.headers);
    } finally {
      await tls.close();
    }
  });
});
