import { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  createTestApp,
  createUser,
  GUYS,
  journeyBudget,
  launchBrowser,
  LONDON,
  Mailbox,
  Role,
  serve,
  SOUTH_EAST_LONDON_ICB,
  TestApp,
  uniqueEmail,
} from '@dasv/testing';

/**
 * In Chromium: a regional admin goes from a return's dashboard to one trust's chasing, chases it by
 * hand with a message (form, check page, confirmation), pauses it and resumes it. Every page passes
 * axe-core's WCAG 2.2 AA rules and reflows at 320 CSS pixels.
 */
describe('chasing pages in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let returnId: string;
  const guysAdmin = uniqueEmail('guys.browser');

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-11-18T14:30:00Z') });
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    await createUser(app.dataSource, { odsCode: GUYS, email: guysAdmin, roles: [{ role: Role.ORG_ADMIN }] });
    const regional = await createUser(app.dataSource, { odsCode: LONDON, name: 'Lou London', roles: [{ role: Role.REGIONAL_ADMIN }] });
    const national = (await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
    const opened = await app.gql(national, `mutation($i: OpenNominationReturnInput!) { openNominationReturn(input: $i) { id } }`, {
      i: { title: 'Chased in the browser', organisationTypes: ['TRUST'], scopeOdsCode: LONDON, deadline: '2026-12-14T17:00' },
    });
    expect(opened.errors).toBeUndefined();
    returnId = opened.data!.openNominationReturn.id;
    await app.runJobs();
    page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(`/nominations/${returnId}?within=${SOUTH_EAST_LONDON_ICB}`)}`);
    await page.fill('#email', regional.email);
    await page.fill('#password', regional.password);
    await page.click('button:has-text("Sign in")');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Passes axe; the chasing pages (not the dashboard, whose tables are another part's) reflow at 320 px. */
  async function expectAccessible(heading: string | RegExp, reflows = true): Promise<void> {
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
    expect(await axeViolations(page)).toEqual([]);
    if (!reflows) return;
    await page.setViewportSize({ width: 320, height: 800 });
    await expect(page.locator('html').evaluate((html) => html.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  it(
    'chases a trust by hand with a message, pauses and resumes it, from its row on the dashboard',
    async () => {
      await expectAccessible('Chased in the browser', false);
      const guysRow = page.locator('#requests tbody tr', { hasText: "GUY'S AND ST THOMAS'" });
      await expect(guysRow.innerText()).resolves.toContain('A reminder on 30 November 2026');
      await guysRow.locator('a:has-text("Chasing")').click();
      await expectAccessible("Chasing Guy's and St Thomas' NHS Foundation Trust");

      await page.click('a:has-text("Chase GUY")');
      await expectAccessible("Chase Guy's and St Thomas' NHS Foundation Trust now");
      await page.fill('#note', 'As agreed on the phone: the leads by Friday, please.');
      await page.click('button:has-text("Continue")');
      await expectAccessible("Check before you chase Guy's and St Thomas' NHS Foundation Trust");
      await expect(page.locator('.nhsuk-summary-list').innerText()).resolves.toContain(guysAdmin);
      await page.click('button:has-text("Send the chase")');
      await expectAccessible("Guy's and St Thomas' NHS Foundation Trust has been chased");
      await expect(page.locator('main').innerText()).resolves.toContain('next, a reminder on 30 November 2026');

      await app.runJobs();
      const [mail] = (await Mailbox.waitFor(guysAdmin, 2)).filter(
        (m) => m.subject === 'Reminder: please answer Chased in the browser by 14 December 2026 at 17:00',
      );
      expect(mail.text).toContain('As agreed on the phone: the leads by Friday, please.');

      await page.click('a:has-text("chase log")');
      await expectAccessible("Chasing Guy's and St Thomas' NHS Foundation Trust");
      await expect(page.locator('#chase-log').innerText()).resolves.toContain('Chased by hand');

      await page.click('a:has-text("Pause chasing")');
      await expectAccessible("Pause chasing Guy's and St Thomas' NHS Foundation Trust");
      await page.click('button:has-text("Pause chasing")');
      await expectAccessible("Pause chasing Guy's and St Thomas' NHS Foundation Trust");
      await expect(page.locator('.nhsuk-error-summary').innerText()).resolves.toMatch(/real date[\s\S]*Enter a reason/);
      await page.fill('input[name="untilDay"]', '4');
      await page.fill('input[name="untilMonth"]', '12');
      await page.fill('input[name="untilYear"]', '2026');
      await page.fill('#reason', 'Board meeting moved to 3 December');
      await page.click('button:has-text("Pause chasing")');
      await expectAccessible("Chasing Guy's and St Thomas' NHS Foundation Trust is paused");

      await page.click('a:has-text("resume chasing")');
      await expectAccessible("Resume chasing Guy's and St Thomas' NHS Foundation Trust");
      await page.click('button:has-text("Resume chasing")');
      await expectAccessible("Chasing Guy's and St Thomas' NHS Foundation Trust has resumed");
    },
    journeyBudget(30),
  );
});
