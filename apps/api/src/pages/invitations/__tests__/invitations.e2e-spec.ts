import { Browser, BrowserContext, Page } from 'playwright-core';
import { countRows, createTestApp, createUser, journeyBudget, launchBrowser, localUrl, Mailbox, Role, serve, TestApp } from '@dasv/testing';

describe('inviting a user through the admin pages', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A browser of its own (cookies and all), signed in through the sign-in page. */
  async function signedInAs(spec: Parameters<typeof createUser>[1], options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const user = await createUser(app.dataSource, spec);
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await page.click('button:has-text("Sign in")');
    await expect(page.locator('header').textContent()).resolves.toContain('Sign out');
    return page;
  }

  async function fillInvitation(page: Page, invitation: { email: string; name: string; jobTitle?: string; odsCode: string; role: Role }): Promise<void> {
    await page.fill('#email', invitation.email);
    await page.fill('#name', invitation.name);
    await page.fill('#jobTitle', invitation.jobTitle ?? '');
    await page.fill('#organisationOdsCode', invitation.odsCode);
    await page.check(`input[name="role"][value="${invitation.role}"]`);
    await page.click('button:has-text("Send the invitation")');
  }

  it(
    'invites someone, who follows the e-mailed link, sets a password and is signed in; the link then dies',
    async () => {
      const admin = await signedInAs({ odsCode: 'X24', name: 'Nia National', roles: [{ role: Role.NATIONAL_ADMIN }] });
      const email = 'grace.invited@nhs.net';

      await admin.click('header >> text=Invite a user');
      await expect(admin.locator('h1').textContent()).resolves.toBe('Invite a user');
      await fillInvitation(admin, { email, name: 'Grace Invited', jobTitle: 'Safeguarding lead', odsCode: 'rbv', role: Role.DASV_LEAD });

      expect(new URL(admin.url()).pathname).toBe('/admin/invite/sent');
      await expect(admin.locator('.nhsuk-panel').textContent()).resolves.toContain(`We have e-mailed ${email}`);
      await expect(admin.locator('.nhsuk-summary-list').textContent()).resolves.toMatch(/The Christie NHS Foundation Trust \(RBV\)[\s\S]*DASV lead/);
      // Reloading the confirmation does not send a second invitation (Post/Redirect/Get).
      await admin.reload();
      expect(new URL(admin.url()).pathname).toBe('/admin/invite');

      await app.runJobs();
      const [mail] = await Mailbox.waitFor(email);
      const link = localUrl(Mailbox.linkIn(mail, '/accept-invitation/'), baseUrl);

      const inviteeContext = await browser.newContext();
      contexts.push(inviteeContext);
      const invitee = await inviteeContext.newPage();
      await invitee.goto(link);
      await expect(invitee.locator('h1').textContent()).resolves.toBe('Set up your account');
      await invitee.fill('#password', 'short');
      await invitee.click('button:has-text("Set up my account")');
      await expect(invitee.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Password must be at least 12 characters');
      await invitee.fill('#name', 'Grace Hopper-Invited');
      await invitee.fill('#password', 'grace chooses a long password');
      await invitee.click('button:has-text("Set up my account")');

      expect(new URL(invitee.url()).pathname).toBe('/account');
      await expect(invitee.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Your account is set up and you are signed in.');
      const account = await invitee.locator('main').textContent();
      expect(account).toContain('Grace Hopper-Invited');
      expect(account).toContain('Safeguarding lead');
      expect(account).toMatch(/DASV lead\s+The Christie NHS Foundation Trust \(RBV\)/);

      await invitee.goto(link);
      await expect(invitee.locator('h1').textContent()).resolves.toBe('This link has expired or has already been used');
    },
    journeyBudget(5),
  );

  it('shows every problem with the form in an error summary and beside each field, keeping what was typed', async () => {
    const admin = await signedInAs({ odsCode: 'Y56', roles: [{ role: Role.REGIONAL_ADMIN }] });
    await admin.goto(`${baseUrl}/admin/invite`);
    await admin.fill('#email', 'not-an-address');
    await admin.fill('#jobTitle', 'Named nurse');
    await admin.fill('#organisationOdsCode', 'R-B-V!');
    await admin.click('button:has-text("Send the invitation")');

    await expect(admin.title()).resolves.toBe('Error: Invite a user – DASV Network – NHS England');
    await expect(
      admin.locator('.nhsuk-error-summary a').evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.textContent?.trim()])),
    ).resolves.toEqual([
      ['#email', 'Enter an e-mail address in the correct format, like name@nhs.net'],
      ['#name', 'Enter a name'],
      ['#organisationOdsCode', 'Enter an ODS code of 3 to 6 letters and numbers, like RBV'],
      ['#role', 'Choose a role'],
    ]);
    await expect(admin.locator('#organisationOdsCode-error').textContent()).resolves.toContain('Enter an ODS code of 3 to 6 letters and numbers, like RBV');
    await expect(admin.inputValue('#email')).resolves.toBe('not-an-address');
    await expect(admin.inputValue('#jobTitle')).resolves.toBe('Named nurse');
    // A regional administrator is offered roles up to their own, never national administrator.
    await expect(admin.locator('input[name="role"]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('value')))).resolves.toEqual([
      'REGIONAL_ADMIN',
      'ICB_ADMIN',
      'ORG_ADMIN',
      'DASV_LEAD',
      'LEARNER',
    ]);
  });

  it('refuses a London regional administrator inviting into a North West trust, saying why', async () => {
    const admin = await signedInAs({ odsCode: 'Y56', roles: [{ role: Role.REGIONAL_ADMIN }] });
    await admin.goto(`${baseUrl}/admin/invite`);
    await fillInvitation(admin, { email: 'out.of.reach@nhs.net', name: 'Out Of Reach', odsCode: 'RBV', role: Role.DASV_LEAD });

    expect(new URL(admin.url()).pathname).toBe('/admin/invite');
    await expect(admin.locator('.nhsuk-error-summary').textContent()).resolves.toContain('That organisation is outside the organisations you look after.');
    await expect(admin.locator('#organisationOdsCode-error').textContent()).resolves.toContain(
      'That organisation is outside the organisations you look after.',
    );
    await expect(admin.inputValue('#organisationOdsCode')).resolves.toBe('RBV');
    await expect(admin.isChecked('input[name="role"][value="DASV_LEAD"]')).resolves.toBe(true);
    await expect(countRows(app.dataSource, 'app_user', 'email = $1', ['out.of.reach@nhs.net'])).resolves.toBe(0);

    // Inside London the same administrator succeeds.
    await fillInvitation(admin, { email: 'in.reach@nhs.net', name: 'In Reach', odsCode: 'Y56', role: Role.DASV_LEAD });
    await expect(admin.locator('h1').textContent()).resolves.toContain('Invitation sent');
  });

  it('shows the invitation page only to those who may invite', async () => {
    const lead = await signedInAs({ odsCode: 'RBV', roles: [{ role: Role.DASV_LEAD }] });
    const response = await lead.goto(`${baseUrl}/admin/invite`);
    expect(response?.status()).toBe(403);
    await expect(lead.locator('h1').textContent()).resolves.toBe('You cannot do that');
  });

  it('signs in and invites with JavaScript turned off', async () => {
    const admin = await signedInAs({ odsCode: 'QOP', roles: [{ role: Role.ICB_ADMIN }] }, { javaScriptEnabled: false });
    // The NHS.UK template's inline script marks the body when JavaScript runs.
    expect((await admin.locator('body').getAttribute('class')) ?? '').not.toContain('js-enabled');

    await admin.click('header >> text=Invite a user');
    await admin.click('button:has-text("Send the invitation")');
    await expect(admin.locator('.nhsuk-error-summary li').count()).resolves.toBe(4);
    await fillInvitation(admin, { email: 'no.script@nhs.net', name: 'No Script', odsCode: 'RBV', role: Role.ORG_ADMIN });

    await expect(admin.locator('h1').textContent()).resolves.toContain('Invitation sent');
    await expect(
      countRows(app.dataSource, 'role_assignment r JOIN app_user u ON u.id = r.user_id', "u.email = 'no.script@nhs.net' AND r.role = 'ORG_ADMIN'"),
    ).resolves.toBe(1);
  });
});
