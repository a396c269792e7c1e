import { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, createTestApp, createUser, journeyBudget, launchBrowser, localUrl, Mailbox, Role, serve, TestApp } from '@dasv/testing';

/** Every page, in the states people meet it in, has no axe-core WCAG 2.2 AA violations. */
describe('page accessibility', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let admin: BrowserContext;
  let visitor: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await createTestApp();
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    const user = await createUser(app.dataSource, { odsCode: 'X24', name: 'Nadia Admin', roles: [{ role: Role.NATIONAL_ADMIN }] });
    admin = await browser.newContext();
    page = await admin.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await page.click('button:has-text("Sign in")');
    visitor = await browser.newContext();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function expectAccessible(target: Page, path: string, heading: string | RegExp): Promise<void> {
    if (path) await target.goto(`${baseUrl}${path}`);
    await expect(target.locator('h1').first().textContent()).resolves.toMatch(heading);
    expect(await axeViolations(target)).toEqual([]);
  }

  it(
    'signed-out pages',
    async () => {
      const anonymous = await visitor.newPage();
      await expectAccessible(anonymous, '/', 'DASV Network');
      await expectAccessible(anonymous, '/sign-in', 'Sign in');
      await anonymous.click('button:has-text("Sign in")');
      await expectAccessible(anonymous, '', 'Sign in');
      await expect(anonymous.locator('.nhsuk-error-summary').isVisible()).resolves.toBe(true);
      await expectAccessible(anonymous, '/forgotten-password', 'Reset your password');
      await expectAccessible(anonymous, '/signed-out', 'You have signed out');
      await expectAccessible(anonymous, '/reset-password/not-a-real-token-at-all-000000', 'This link has expired');
      await anonymous.close();
    },
    journeyBudget(7),
  );

  it(
    'reset password and accept invitation forms',
    async () => {
      const invitee = 'ada.accessible@nhs.net';
      await expectAccessible(page, '/admin/invite', 'Invite a user');
      await page.click('button:has-text("Send the invitation")');
      await expectAccessible(page, '', 'Invite a user');
      await expect(page.locator('.nhsuk-error-summary li').count()).resolves.toBeGreaterThanOrEqual(4);

      await page.fill('#email', invitee);
      await page.fill('#name', 'Ada Accessible');
      await page.fill('#organisationOdsCode', 'RBV');
      await page.check('input[name="role"][value="DASV_LEAD"]');
      await page.click('button:has-text("Send the invitation")');
      await expectAccessible(page, '', 'Invitation sent');

      await app.runJobs();
      const [invitation] = await Mailbox.waitFor(invitee);
      const anonymous = await visitor.newPage();
      await expectAccessible(anonymous, new URL(localUrl(Mailbox.linkIn(invitation, '/accept-invitation/'), baseUrl)).pathname, 'Set up your account');
      await anonymous.click('button:has-text("Set up my account")');
      await expectAccessible(anonymous, '', 'Set up your account');

      const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
      await anonymous.goto(`${baseUrl}/forgotten-password`);
      await anonymous.fill('#email', user.email);
      await anonymous.click('button:has-text("Send the link")');
      await expectAccessible(anonymous, '', 'Check your e-mail');
      await app.runJobs();
      const [reset] = await Mailbox.waitFor(user.email);
      await expectAccessible(anonymous, new URL(localUrl(Mailbox.linkIn(reset, '/reset-password/'), baseUrl)).pathname, 'Choose a new password');
      await anonymous.fill('#password', 'short');
      await anonymous.click('button:has-text("Save the password")');
      await expectAccessible(anonymous, '', 'Choose a new password');
      await anonymous.close();
    },
    journeyBudget(14),
  );

  it(
    'signed-in pages',
    async () => {
      await expectAccessible(page, '/', 'DASV Network');
      await expectAccessible(page, '/account', 'My account');
      await expectAccessible(page, '/organisations', 'Organisations');
      await expectAccessible(page, '/organisations/Y62', 'North West');
      await expectAccessible(page, '/organisations/RBV', 'The Christie NHS Foundation Trust');
      await expectAccessible(page, '/organisations?search=university', 'Organisations');
      await expect(page.locator('.nhsuk-pagination').isVisible()).resolves.toBe(true);
      await expectAccessible(page, '/organisations/Y62?search=manchester', 'North West');
      await expectAccessible(page, '/no-such-page', 'Page not found');
    },
    journeyBudget(8),
  );

  it('refusals', async () => {
    const lead = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.DASV_LEAD }] });
    const context = await browser.newContext();
    const leadPage = await context.newPage();
    await leadPage.goto(`${baseUrl}/sign-in?next=/admin/invite`);
    await leadPage.fill('#email', lead.email);
    await leadPage.fill('#password', lead.password);
    await leadPage.click('button:has-text("Sign in")');
    await expectAccessible(leadPage, '', 'You cannot do that');
    await context.close();
  });
});
