import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, createUser, launchBrowser, Role, serve, TestApp } from '@dasv/testing';

/** Pages under the Content-Security-Policy in Chromium: the NHS.UK scripts still run, and nothing is refused. */
describe('pages under the Content-Security-Policy', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let refused: string[];

  beforeAll(async () => {
    app = await createTestApp();
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    refused = [];
    // Chromium reports every CSP refusal as a console error; scripts that throw surface as page errors.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    page.on('pageerror', (error) => refused.push(error.message));
  });
  afterEach(() => context.close());

  it('runs the NHS.UK components on every page of a journey with no CSP violation', async () => {
    const admin = await createUser(app.dataSource, { odsCode: 'X24', name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const response = await page.goto(`${baseUrl}/sign-in`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);

    // The served js-enabled script marked the body before the components started.
    await expect(page.locator('body').getAttribute('class')).resolves.toMatch(/\bjs-enabled\b.*\bnhsuk-frontend-supported\b/);
    // initAll ran: the password input's "Show" button is revealed and works.
    await page.fill('#password', 'not shown');
    await page.click('button.nhsuk-password-input__toggle');
    await expect(page.locator('#password').getAttribute('type')).resolves.toBe('text');

    // A refused form: the error summary takes focus, which its script does.
    await page.fill('#password', '');
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('.nhsuk-error-summary');
    await expect(page.locator('.nhsuk-error-summary').evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);

    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await page.click('button:has-text("Sign in")');
    for (const path of ['/account', '/organisations', '/directory', '/admin/invite', '/training']) {
      const visited = await page.goto(`${baseUrl}${path}`);
      expect([path, visited?.status()]).toEqual([path, 200]);
    }
    expect(refused).toEqual([]);
  });

  it('refuses an inline script injected into a page', async () => {
    await page.goto(`${baseUrl}/sign-in`);
    // An inline <script> element, as an injected fragment of markup would be.
    await page.addScriptTag({ content: 'document.body.dataset.injected = "ran"' }).catch(() => undefined);
    await expect(page.locator('body').getAttribute('data-injected')).resolves.toBeNull();
    expect(refused).toEqual([expect.stringMatching(/inline script violates .*Content Security Policy/)]);
  });
});
