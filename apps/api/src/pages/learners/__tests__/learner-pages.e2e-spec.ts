import { Browser, BrowserContext, Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { axeViolations, countRows, createTestApp, createUser, journeyBudget, launchBrowser, localUrl, Mailbox, Role, serve, TestApp } from '@dasv/testing';

const GUYS = 'RJ1';
const run = randomBytes(4).toString('hex');

/** The pages in Chromium, without help from the test: what a person sees, and axe-core's WCAG 2.2 AA check. */
describe('learner pages in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let visitor: BrowserContext;
  let admin: BrowserContext;

  beforeAll(async () => {
    app = await createTestApp();
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    visitor = await browser.newContext();
    admin = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function expectAccessible(page: Page, heading: string | RegExp): Promise<void> {
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
    expect(await axeViolations(page)).toEqual([]);
  }

  it(
    'registers from the search to the confirmation',
    async () => {
      const page = await visitor.newPage();
      await page.goto(`${baseUrl}/register`);
      await expectAccessible(page, 'Create a training account');

      await page.fill('#search', 'St Thomas');
      await page.keyboard.press('Enter');
      await page.waitForURL(/search=St\+Thomas|search=St%20Thomas/);
      await expectAccessible(page, 'Create a training account');
      await page.check('input[name="odsCode"][value="RJ1"]');
      await page.fill('#name', 'Rhiannon Register');
      await page.fill('#email', `rhiannon.${run}@yahoo.co.uk`);
      await page.click('button:has-text("Create my account")');
      await expectAccessible(page, 'Create a training account');
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Enter your work e-mail address');
      // What was typed and chosen survives the refusal.
      await expect(page.inputValue('#name')).resolves.toBe('Rhiannon Register');
      await expect(page.isChecked('input[name="odsCode"][value="RJ1"]')).resolves.toBe(true);

      await page.fill('#email', `rhiannon.${run}@nhs.net`);
      await page.click('button:has-text("Create my account")');
      await expectAccessible(page, 'Check your e-mail');
      expect(await countRows(app.dataSource, 'app_user', 'email = $1', [`rhiannon.${run}@nhs.net`])).toBe(1);

      // The e-mail's link: one password, and they are on the course, signed in, ready to start.
      await app.runJobs();
      const [mail] = await Mailbox.waitFor(`rhiannon.${run}@nhs.net`, 1);
      await page.goto(localUrl(Mailbox.linkIn(mail, '/training/set-up/'), baseUrl));
      await expectAccessible(page, 'Set a password to start your training');
      await page.fill('#password', 'short');
      await page.click('button:has-text("Set password and start the course")');
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toMatch(/password/i);
      await page.fill('#password', 'a lantern over quiet water');
      await page.click('button:has-text("Set password and start the course")');
      await page.waitForURL(`${baseUrl}/training/courses/understanding-sexual-misconduct`);
      await expectAccessible(page, 'Understanding sexual misconduct in the workplace');
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Your account is set up and you are signed in');
      await page.close();
    },
    journeyBudget(12),
  );

  it(
    'sends a bad staff list back with an error summary naming the rows, and nothing written',
    async () => {
      const user = await createUser(app.dataSource, { odsCode: GUYS, name: 'Sam Staffing', roles: [{ role: Role.ORG_ADMIN }] });
      const page = await admin.newPage();
      await page.goto(`${baseUrl}/sign-in?next=/training/staff`);
      await page.fill('#email', user.email);
      await page.fill('#password', user.password);
      await page.click('button:has-text("Sign in")');
      // One organisation to look after: straight to it.
      await page.waitForURL(`${baseUrl}/training/staff/${GUYS}`);
      await expectAccessible(page, "Guy's and St Thomas' NHS Foundation Trust");

      await page.click('a:has-text("Upload a staff list")');
      await expectAccessible(page, 'Upload a staff list');
      const users = await countRows(app.dataSource, 'app_user');
      const csv = `email,name\nfine.${run}@nhs.net,Fine Person\nnobody.${run}@example.com,Nobody\n,No Address\n`;
      await page.setInputFiles('input[type=file][name=csv]', { name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.click('button:has-text("Upload the staff list")');
      await expectAccessible(page, 'Upload a staff list');
      const summary = page.locator('.nhsuk-error-summary');
      await expect(summary.isVisible()).resolves.toBe(true);
      await expect(summary.textContent()).resolves.toMatch(/2 rows of the staff list have problems/);
      await expect(summary.textContent()).resolves.toContain(`Row 3: nobody.${run}@example.com is not a work e-mail address`);
      await expect(summary.textContent()).resolves.toContain('Row 4: Enter an e-mail address');
      await expect(page.locator('#problems').isVisible()).resolves.toBe(true);
      expect(await countRows(app.dataSource, 'app_user')).toBe(users);

      await page.click('a:has-text("Back to")');
      await page.click('a:has-text("Set the headcount")');
      await expectAccessible(page, 'Set the headcount');
      await page.click('a:has-text("Back to")');
      await page.click('a:has-text("Import completions")');
      await expectAccessible(page, 'Import completions');
      await page.click('button:has-text("Import the completions")');
      await expectAccessible(page, 'Import completions');
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Choose where the completions come from');
      await page.close();
    },
    journeyBudget(16),
  );

  it(
    'lets an ICB admin choose among the organisations they look after',
    async () => {
      const user = await createUser(app.dataSource, { odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${baseUrl}/sign-in?next=/training/staff`);
      await page.fill('#email', user.email);
      await page.fill('#password', user.password);
      await page.click('button:has-text("Sign in")');
      await page.waitForURL(`${baseUrl}/training/staff`);
      await expectAccessible(page, 'Staff and headcount');
      // The ICB itself first, then its trusts; nothing from another ICB.
      const names = await page.locator('tbody tr td:first-child a').allTextContents();
      expect(names[0]).toBe('NHS South East London Integrated Care Board');
      expect(names).toContain("King's College Hospital NHS Foundation Trust");
      expect(names).not.toContain('Royal Free London NHS Foundation Trust');
      await page.fill('#search', 'king');
      await page.keyboard.press('Enter');
      await page.waitForURL(/search=king/);
      await expectAccessible(page, 'Staff and headcount');
      await expect(page.locator('tbody tr td:first-child a').allTextContents()).resolves.toEqual(["King's College Hospital NHS Foundation Trust"]);
      await context.close();
    },
    journeyBudget(6),
  );
});
