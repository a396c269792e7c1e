import { createTestApp, TestApp } from '@dasv/testing';
import { selfHostedNhsukStylesheet } from '../http/stylesheet';

describe('the pages’ stylesheet is served from the platform and asks for nothing outside it', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('is NHS.UK’s styles and this service’s, with no off-platform font, and every page links to it', async () => {
    const css = await app.client().get('/assets/app/styles.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=86400');
    expect(css.text).toContain('.nhsuk-table-responsive');
    expect(css.text).toContain('.app-scroll-region');
    expect(css.text).not.toMatch(/https?:\/\//);
    expect(css.text).not.toContain('@font-face');
    // Text falls back to the stylesheet's next fonts, as NHS.UK pages do when Frutiger cannot load.
    expect(css.text).toContain('font-family:Frutiger W01,arial,sans-serif');

    const page = await app.client().get('/sign-in').expect(200);
    expect(page.text).toContain('<link rel="stylesheet" href="/assets/app/styles.css">');
    expect(page.headers['content-security-policy']).toMatch(/(^|;)font-src 'self'(;|$)/);
  });

  it('refuses to start with a stylesheet that would load something from elsewhere', () => {
    expect(selfHostedNhsukStylesheet('@font-face{font-family:X;src:url(https://fonts.example/x.woff2)}.a{color:red}')).toBe('.a{color:red}');
    expect(() => selfHostedNhsukStylesheet('.a{background:url(https://images.example/a.png)}')).toThrow(/outside this platform/);
    expect(selfHostedNhsukStylesheet('.a{background:url(/assets/images/a.svg)}.b{background:url("data:image/svg+xml,x")}')).toContain('/assets/images/a.svg');
  });
});
