import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  createTestApp,
  createUser,
  GUYS,
  journeyBudget,
  launchBrowser,
  localUrl,
  Mailbox,
  Role,
  serve,
  SOUTH_EAST_LONDON_ICB,
  TestApp,
  uniqueEmail,
} from '@dasv/testing';

/**
 * In Chromium: a national admin opens a return from the pages, an organisation admin follows the
 * e-mailed link, signs in and answers, and the national dashboard shows the answer. Every page
 * passes axe-core's WCAG 2.2 AA rules in the states people meet it in.
 */
describe('nomination pages in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let nationalContext: BrowserContext;
  let national: Page;
  let orgAdmin: { email: string; password: string };

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-06-01T09:00:00Z') });
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    const admin = await createUser(app.dataSource, { odsCode: 'X24', name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] });
    orgAdmin = await createUser(app.dataSource, { odsCode: GUYS, name: 'Grace Admin', email: uniqueEmail('grace.admin'), roles: [{ role: Role.ORG_ADMIN }] });
    nationalContext = await browser.newContext();
    national = await nationalContext.newPage();
    await national.goto(`${baseUrl}/sign-in?next=/nominations`);
    await signIn(national, admin.email, admin.password);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button:has-text("Sign in")');
  }

  async function expectAccessible(page: Page, heading: string | RegExp): Promise<void> {
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
    expect(await axeViolations(page)).toEqual([]);
  }

  const cells = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

  it(
    'opens a return, is answered through the e-mailed link, and shows the answer on the dashboard',
    async () => {
      await expectAccessible(national, 'Lead returns');
      await national.click('text=Open a return');
      await expectAccessible(national, 'Open a lead return');

      // Sent with nothing filled in but the defaults: each problem is listed at once and the page is still accessible.
      await national.fill('#overdueEveryWorkingDays', 'five');
      await national.click('button:has-text("Continue")');
      await expectAccessible(national, 'Open a lead return');
      await expect(national.title()).resolves.toMatch(/^Error: /);
      await expect(national.locator('.nhsuk-error-summary li').allInnerTexts()).resolves.toEqual([
        'Enter a title',
        'Enter the deadline',
        'Enter a whole number of working days, like 5',
      ]);
      await expect(national.locator('#deadline-error').textContent()).resolves.toContain('Enter the deadline');
      await national.fill('#overdueEveryWorkingDays', '5');

      await national.fill('#title', 'South East London DASV leads');
      await national.uncheck('input[name="typeIcb"]');
      await expect(national.isChecked('input[name="typeTrust"]')).resolves.toBe(true);
      await national.fill('#scopeOdsCode', SOUTH_EAST_LONDON_ICB);
      await national.fill('input[name="deadlineDay"]', '13');
      await national.fill('input[name="deadlineMonth"]', '7');
      await national.fill('input[name="deadlineYear"]', '2025');
      await national.click('button:has-text("Continue")');
      // A past date is the service's refusal, in its own words, in the date's box; the rest is kept.
      await expect(national.locator('#deadline-error').textContent()).resolves.toContain('The deadline must be in the future');
      await expect(national.inputValue('#title')).resolves.toBe('South East London DASV leads');
      await national.fill('input[name="deadlineYear"]', '2026');
      await national.click('button:has-text("Continue")');
      // Nothing is sent before the check: who is asked, who can be reached, who cannot, and the chase plan.
      await expectAccessible(national, 'Check before you open the return');
      await expect(cells(national, '#asked, #reachable, #unreachable')).resolves.toEqual(['5', '1', '4']);
      await expect(national.locator('#unreachable-organisations li').count()).resolves.toBe(4);
      await expect(national.locator('#chase-plan').textContent()).resolves.toContain('an overdue reminder on 14 July 2026');
      await national.click('button:has-text("Open the return and e-mail 1 organisation")');
      await expectAccessible(national, 'The return is open');
      await expect(national.locator('#outcome').innerText()).resolves.toBe('E-mailed 1 of 5 organisations; 4 cannot be reached: see them.');
      await national.click('text=Follow the return on its dashboard');
      await expectAccessible(national, 'South East London DASV leads');
      await expect(national.locator('.nhsuk-summary-list').textContent()).resolves.toMatch(/Deadline\s+13 July 2026 at 23:59/);
      const dashboardPath = new URL(national.url()).pathname;
      const returnId = dashboardPath.split('/').pop()!;
      await expect(cells(national, '#totals td')).resolves.toEqual(['5', '0', '0', '5', '4']);

      await app.runJobs();
      const [request] = await Mailbox.waitFor(orgAdmin.email);
      const link = localUrl(Mailbox.linkIn(request, '/nominations/'), baseUrl);
      expect(new URL(link).pathname).toBe(`/nominations/${returnId}/${GUYS}`);

      const adminContext = await browser.newContext();
      const page = await adminContext.newPage();
      await page.goto(link);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signIn(page, orgAdmin.email, orgAdmin.password);
      expect(new URL(page.url()).pathname).toBe(`/nominations/${returnId}/${GUYS}`);
      await expectAccessible(page, 'Name your DASV leads');
      await expect(page.locator('.nhsuk-caption-l').textContent()).resolves.toBe("Guy's and St Thomas' NHS Foundation Trust");

      const executive = uniqueEmail('page.exec', 'gstt.nhs.uk');
      const operational = uniqueEmail('page.op');
      await page.fill('#executiveName', 'Erin Executive');
      await page.fill('#executiveJobTitle', 'Chief Nurse');
      await page.fill('#executiveEmail', 'erin@gmail.com');
      await page.fill('#operational1Name', 'Omar Operational');
      await page.fill('#operational1JobTitle', 'Safeguarding Lead');
      await page.fill('#operational1Email', operational);
      await page.click('button:has-text("Send your leads")');
      await expectAccessible(page, 'Name your DASV leads');
      await expect(page.locator('#executiveEmail-error').textContent()).resolves.toContain('ending in nhs.net or nhs.uk');
      await expect(page.locator('#executiveOnExecutiveTeam-error').textContent()).resolves.toContain('must sit on your executive team');
      // What was typed is kept, in the box it was typed in.
      await expect(page.inputValue('#operational1Email')).resolves.toBe(operational);

      await page.fill('#executiveEmail', executive);
      await page.check('#executiveOnExecutiveTeam');
      await page.click('button:has-text("Send your leads")');
      await expectAccessible(page, 'Your leads have been sent');
      await expect(page.locator('.nhsuk-summary-list').textContent()).resolves.toMatch(/Executive lead\s+Erin Executive, Chief Nurse/);
      await expect(page.locator('.nhsuk-summary-list').textContent()).resolves.toMatch(/Operational lead\s+Omar Operational/);
      await app.runJobs();
      const confirmations = await Mailbox.waitFor(orgAdmin.email, 2);
      expect(confirmations.map((m) => m.subject)).toContain(
        "Guy's and St Thomas' NHS Foundation Trust: your DASV leads for South East London DASV leads are received",
      );

      // Coming back shows what was sent, ready to change.
      await page.click('text=Change your answer');
      await expect(page.locator('.nhsuk-inset-text').textContent()).resolves.toContain('This is what you sent last (version 1)');
      await expect(page.inputValue('#executiveEmail')).resolves.toBe(executive);
      await expect(page.inputValue('#operational0Email')).resolves.toBe(operational);
      await expect(page.isChecked('#executiveOnExecutiveTeam')).resolves.toBe(true);
      await adminContext.close();

      await national.reload();
      await expectAccessible(national, 'South East London DASV leads');
      await expect(cells(national, '#totals td')).resolves.toEqual(['5', '1', '0', '4', '4']);
      const guysRow = national.locator('#requests tbody tr', { hasText: "GUY'S AND ST THOMAS'" });
      await expect(guysRow.locator('.nhsuk-tag').textContent()).resolves.toContain('Responded');
      await national.click('nav >> a:has-text("Responded")');
      await expect(national.locator('#requests tbody tr').count()).resolves.toBe(1);
      await expect(national.locator('nav a[aria-current="page"]').textContent()).resolves.toBe('Responded');

      // The national admin drills into the organisation: its history, as sent.
      await national.click(`#requests a:has-text("GUY'S AND ST THOMAS'")`);
      await expectAccessible(national, 'Name your DASV leads');
      await expect(national.locator('details').first().textContent()).resolves.toContain('Erin Executive');
    },
    journeyBudget(19),
  );

  it(
    'drills down from the regions, updates itself only when asked, and closes',
    async () => {
      await national.goto(`${baseUrl}/nominations/new`);
      await national.fill('#title', 'All trusts and ICBs 2026');
      await national.fill('input[name="deadlineDay"]', '20');
      await national.fill('input[name="deadlineMonth"]', '7');
      await national.fill('input[name="deadlineYear"]', '2026');
      await national.click('button:has-text("Continue")');
      await national.click('button:has-text("Open the return and e-mail")');
      await national.click('text=Follow the return on its dashboard');
      await expectAccessible(national, 'All trusts and ICBs 2026');
      await expect(national.locator('table caption', { hasText: 'By region' }).count()).resolves.toBe(1);
      await expect(national.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(0);

      await national.click('main table >> text=London');
      await expectAccessible(national, 'All trusts and ICBs 2026');
      await expect(national.locator('.nhsuk-caption-l').textContent()).resolves.toBe('London');
      await national.click('main table >> text=NHS South East London Integrated Care Board');
      await expect(national.locator('.nhsuk-breadcrumb__list a').allInnerTexts()).resolves.toEqual(['Lead returns', 'All trusts and ICBs 2026', 'London']);
      await expect(cells(national, '#totals td')).resolves.toEqual(['6', '0', '0', '6', '5']);

      // Updating by itself is the reader's choice (WCAG 2.2.1), and axe reports the refresh it then
      // carries, as it must: that is the only finding, and the page offers the way to stop it.
      await national.click('text=Update these figures every 30 seconds');
      await expect(national.locator('meta[http-equiv="refresh"]').getAttribute('content')).resolves.toBe('30');
      expect((await axeViolations(national)).map((v) => v.id)).toEqual(['meta-refresh']);
      await national.click('text=Stop updating automatically');
      await expect(national.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(0);

      await national.click('a:has-text("Close the return")');
      await expectAccessible(national, 'Are you sure you want to close this return?');
      await national.click('button:has-text("Close the return")');
      await expectAccessible(national, 'The return is closed');
      await national.click('text=Go to the return’s dashboard');
      await expect(national.locator('a:has-text("Close the return")').count()).resolves.toBe(0);

      await national.goto(`${baseUrl}/nominations`);
      await expectAccessible(national, 'Lead returns');
      await expect(national.locator('main tbody tr').count()).resolves.toBe(2);
    },
    journeyBudget(13),
  );
});
