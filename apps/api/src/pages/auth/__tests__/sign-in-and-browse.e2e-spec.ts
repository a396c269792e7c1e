import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, createUser, journeyBudget, launchBrowser, localUrl, Mailbox, Role, serve, TestApp } from '@dasv/testing';

describe('signing in, browsing organisations and resetting a password in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await createTestApp();
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  // A fresh context per test: its own cookies, so one test's session never leaks into the next.
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  async function signIn(email: string, password: string): Promise<void> {
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button:has-text("Sign in")');
  }

  it(
    'signs in, comes back to the page asked for, browses region → ICB → trust and signs out',
    async () => {
      const lead = await createUser(app.dataSource, { odsCode: 'RBV', name: 'Lena Lead', roles: [{ role: Role.DASV_LEAD }] });

      await page.goto(`${baseUrl}/account`);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?next=%2Faccount');
      await signIn(lead.email, lead.password);

      expect(new URL(page.url()).pathname).toBe('/account');
      await expect(page.title()).resolves.toBe('My account – DASV Network – NHS England');
      const summary = await page.locator('.nhsuk-summary-list').textContent();
      expect(summary).toContain('Lena Lead');
      expect(summary).toContain(lead.email);
      expect(summary).toContain('The Christie NHS Foundation Trust');
      await expect(page.locator('table').textContent()).resolves.toMatch(/DASV lead\s+The Christie NHS Foundation Trust \(RBV\)/);
      // A DASV lead cannot invite, so the navigation does not offer it.
      await expect(page.locator('header nav').allTextContents()).resolves.not.toContain(expect.stringContaining('Invite'));

      await page.click('header >> text=Organisations');
      await expect(page.locator('h1').textContent()).resolves.toBe('Organisations');
      await expect(page.locator('main tbody tr').count()).resolves.toBe(7);
      await page.click('main >> text=North West');
      await expect(page.locator('h1').textContent()).resolves.toBe('North West');
      await page.click('text=NHS Greater Manchester Integrated Care Board');
      await expect(page.locator('h1').textContent()).resolves.toBe('NHS Greater Manchester Integrated Care Board');
      await page.click('text=The Christie NHS Foundation Trust');

      expect(new URL(page.url()).pathname).toBe('/organisations/RBV');
      await expect(page.locator('h1').textContent()).resolves.toBe('The Christie NHS Foundation Trust');
      await expect(page.locator('.nhsuk-breadcrumb__list a').allInnerTexts()).resolves.toEqual([
        'Home',
        'Organisations',
        'North West',
        'NHS Greater Manchester Integrated Care Board',
      ]);
      const details = await page.locator('.nhsuk-summary-list').textContent();
      expect(details).toMatch(/ODS code\s+RBV/);
      expect(details).toMatch(/Kind of trust\s+specialist/);
      expect(details).toMatch(/Part of\s+NHS Greater Manchester Integrated Care Board/);
      // A trust has nothing beneath it to list or search.
      await expect(page.locator('input[type="search"]').count()).resolves.toBe(0);

      await page.click('.nhsuk-breadcrumb__list >> text=North West');
      await page.fill('#search', 'christie');
      await page.press('#search', 'Enter');
      await expect(page.locator('h1').textContent()).resolves.toBe('North West');
      await expect(page.locator('main tbody tr').allTextContents()).resolves.toEqual([
        expect.stringMatching(/The Christie NHS Foundation Trust\s+RBV\s+Trust \(specialist\)/),
      ]);

      await page.click('button:has-text("Sign out")');
      await expect(page.locator('h1').textContent()).resolves.toBe('You have signed out');
      await page.goto(`${baseUrl}/account`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await expect(page.locator('header').textContent()).resolves.not.toContain('Lena Lead');
    },
    journeyBudget(8),
  );

  it(
    'searches all organisations by name or ODS code, a page at a time',
    async () => {
      const user = await createUser(app.dataSource, { odsCode: 'X24', roles: [{ role: Role.LEARNER }] });
      await page.goto(`${baseUrl}/sign-in?next=/organisations`);
      await signIn(user.email, user.password);

      await page.fill('#search', 'rbv');
      await page.press('#search', 'Enter');
      await expect(page.locator('h2').first().textContent()).resolves.toBe('1 result for ‘rbv’');

      await page.fill('#search', 'foundation');
      await page.press('#search', 'Enter');
      const total = Number((await page.locator('main h2').first().textContent())!.split(' ')[0]);
      expect(total).toBeGreaterThan(40);
      const first = await page.locator('main tbody tr td:first-child').allTextContents();
      expect(first).toHaveLength(20);
      await expect(page.locator('main').textContent()).resolves.toContain(`Showing 1 to 20 of ${total}`);

      await page.click('a[rel="next"]');
      await expect(page.locator('main').textContent()).resolves.toContain(`Showing 21 to 40 of ${total}`);
      await page.click('a[rel="next"]');
      await expect(page.locator('main').textContent()).resolves.toContain(`Showing 41 to `);
      const third = await page.locator('main tbody tr td:first-child').allTextContents();
      await page.click('a[rel="prev"]');
      await page.click('a[rel="prev"]');
      await expect(page.locator('main').textContent()).resolves.toContain(`Showing 1 to 20 of ${total}`);
      await expect(page.locator('main tbody tr td:first-child').allTextContents()).resolves.toEqual(first);
      await expect(page.locator('a[rel="prev"]').count()).resolves.toBe(0);
      expect(third.every((name) => name.toLowerCase().includes('foundation'))).toBe(true);
      expect(third.some((name) => first.includes(name))).toBe(false);
    },
    journeyBudget(5),
  );

  it('refuses a wrong password with one message that does not say which part was wrong', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    await page.goto(`${baseUrl}/sign-in`);
    await signIn(user.email, 'not the password');

    await expect(page.title()).resolves.toBe('Error: Sign in – DASV Network – NHS England');
    await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('The e-mail address or password is not right.');
    await expect(page.locator('.nhsuk-error-summary a').getAttribute('href')).resolves.toBe('#email');
    await expect(page.inputValue('#email')).resolves.toBe(user.email);
    // Never sent back to the browser.
    await expect(page.inputValue('#password')).resolves.toBe('');

    await page.fill('#email', 'not an address');
    await page.click('button:has-text("Sign in")');
    await expect(page.locator('#email-error').textContent()).resolves.toContain('Enter an e-mail address in the correct format, like name@nhs.net');
    await expect(page.locator('#password-error').textContent()).resolves.toContain('Enter your password');
  });

  it(
    'resets a forgotten password from the e-mailed link, once',
    async () => {
      const user = await createUser(app.dataSource, { odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
      const newPassword = 'a brand new passphrase';

      await page.goto(`${baseUrl}/sign-in`);
      await page.click('text=I have forgotten my password');
      await page.fill('#email', user.email);
      await page.click('button:has-text("Send the link")');
      await expect(page.locator('h1').textContent()).resolves.toBe('Check your e-mail');
      const answerForAccount = await page.locator('main p').first().textContent();

      // The answer for an address with no account is the same, apart from the address itself.
      await page.goto(`${baseUrl}/forgotten-password`);
      await page.fill('#email', 'nobody.here@nhs.net');
      await page.click('button:has-text("Send the link")');
      await expect(page.locator('main p').first().textContent()).resolves.toBe(answerForAccount!.replace(user.email, 'nobody.here@nhs.net'));

      await app.runJobs();
      const [mail] = await Mailbox.waitFor(user.email);
      const link = localUrl(Mailbox.linkIn(mail, '/reset-password/'), baseUrl);
      await page.goto(link);
      await expect(page.locator('h1').textContent()).resolves.toBe('Choose a new password');
      await page.fill('#password', 'too short');
      await page.click('button:has-text("Save the password")');
      await expect(page.locator('#password-error').textContent()).resolves.toContain('Password must be at least 12 characters');
      await page.fill('#password', newPassword);
      await page.click('button:has-text("Save the password")');

      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Your password has been changed');
      await signIn(user.email, newPassword);
      expect(new URL(page.url()).pathname).toBe('/');
      await expect(page.locator('header').textContent()).resolves.toContain('Sign out');

      await page.goto(link);
      await expect(page.locator('h1').textContent()).resolves.toBe('This link has expired or has already been used');
    },
    journeyBudget(9),
  );
});
