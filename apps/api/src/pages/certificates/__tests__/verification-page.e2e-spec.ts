import { Browser, BrowserContext, Page } from 'playwright-core';
import { TransactionRunnerService } from '@dasv/database';
import { axeViolations, createTestApp, createUser, journeyBudget, launchBrowser, SEEDED_COURSE_SLUG, serve, TestApp } from '@dasv/testing';
import { CertificateIssuerService } from '@dasv/certificates';

/** The public verification page in Chromium: keyboard only, axe-clean in every state, and working without JavaScript. */
describe('certificate verification page in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let visitor: BrowserContext;
  let scriptless: BrowserContext;
  let code: string;
  const email = 'amara.okafor@nhs.net';

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-24T15:00:00Z') });
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    const user = await createUser(app.dataSource, { odsCode: 'RJ1', email, name: 'Amara Okafor' });
    const [version] = await app.dataSource.query(`SELECT v.id, v.course_id FROM course_version v JOIN course c ON c.id = v.course_id WHERE c.slug = $1`, [
      SEEDED_COURSE_SLUG,
    ]);
    ({ verificationCode: code } = await app.api
      .get(TransactionRunnerService)
      .run((manager) =>
        app.api
          .get(CertificateIssuerService)
          .issue(manager, { userId: user.id, courseId: version.course_id, versionId: version.id, completedAt: app.clock.now() }),
      ));
    // axe runs as a script in the page, so the accessibility checks need JavaScript on.
    visitor = await browser.newContext();
    scriptless = await browser.newContext({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function expectAccessible(page: Page, heading: string | RegExp): Promise<void> {
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
    expect(await axeViolations(page)).toEqual([]);
  }

  /** Tabs from the top of the page to the code box, as someone without a mouse would. */
  async function tabToCodeBox(page: Page): Promise<void> {
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      if (await page.locator('#code:focus').count()) return;
    }
    throw new Error('the verification code box cannot be reached with the keyboard');
  }

  async function checkByKeyboard(page: Page, typed: string): Promise<void> {
    await tabToCodeBox(page);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(typed);
    const loaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await loaded;
  }

  it(
    'confirms a real code, rejects a made-up and a malformed one, and is axe-clean throughout',
    async () => {
      const page = await visitor.newPage();
      await page.goto(`${baseUrl}/certificates/verify`);
      await expectAccessible(page, 'Check a certificate');

      // Typed as someone might read it out: lower case, spaced.
      await checkByKeyboard(page, code.toLowerCase().replace(/-/g, ' '));
      await expectAccessible(page, 'This certificate is genuine');
      expect(await page.title()).toMatch(/^This certificate is genuine/);
      const summary = await page.locator('.nhsuk-summary-list').innerText();
      expect(summary).toContain('Amara Okafor');
      expect(summary).toContain('24 November 2026');
      expect(summary).toContain(code);
      expect(await page.content()).not.toContain(email);

      await checkByKeyboard(page, 'ABCD-EFGH-JKMN');
      await expectAccessible(page, 'No certificate has this code');

      await checkByKeyboard(page, 'not a code');
      await expectAccessible(page, 'Check a certificate');
      expect(await page.title()).toMatch(/^Error: /);
      const errorSummary = page.locator('.nhsuk-error-summary');
      await expect(errorSummary.innerText()).resolves.toContain('12 letters and numbers');
      // The summary links to the box, which keeps what was typed.
      await errorSummary.locator('a[href="#code"]').click();
      expect(await page.inputValue('#code')).toBe('not a code');
      await page.close();
    },
    journeyBudget(6),
  );

  it('works with JavaScript off: the form is a plain GET', async () => {
    const page = await scriptless.newPage();
    await page.goto(`${baseUrl}/certificates/verify`);
    await checkByKeyboard(page, code);
    await expect(page.locator('h1').first().innerText()).resolves.toBe('This certificate is genuine');
    expect(new URL(page.url()).searchParams.get('code')).toBe(code);
    await page.close();
  });
});
