import { Browser, BrowserContext, Page } from 'playwright-core';
import { countRows, createTestApp, createUser, journeyBudget, launchBrowser, Role, serve, TestApp } from '@dasv/testing';

describe('removing a role through the users pages, in a browser', () => {
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

  async function signedInAs(spec: Parameters<typeof createUser>[1]): Promise<Page> {
    const user = await createUser(app.dataSource, spec);
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await page.click('button:has-text("Sign in")');
    await expect(page.locator('header').textContent()).resolves.toContain('Sign out');
    return page;
  }

  it(
    'searches, opens the person, checks and removes their role; the role is gone and the audit trail has it',
    async () => {
      const person = await createUser(app.dataSource, {
        odsCode: 'RJ1',
        name: 'Daniel Whitmore',
        email: `daniel.whitmore.${process.pid}@nhs.net`,
        roles: [{ role: Role.ORG_ADMIN }, { role: Role.LEARNER }],
      });
      const admin = await signedInAs({ odsCode: 'Y56', name: 'Amara Okafor', roles: [{ role: Role.REGIONAL_ADMIN }] });

      await admin.click('header >> text=Users');
      await expect(admin.locator('h1').textContent()).resolves.toBe('Users');
      await admin.fill('#search', 'whitmore');
      await admin.selectOption('#role', { label: 'Organisation administrator' });
      await admin.click('button:has-text("Find people")');
      await expect(admin.locator('main h2').nth(1).textContent()).resolves.toContain('1 person found');

      await admin.click('a:has-text("Daniel Whitmore")');
      expect(new URL(admin.url()).pathname).toBe(`/admin/users/${person.id}`);
      const roles = admin.locator('table:has(caption:has-text("Roles of")) tbody tr');
      await expect(roles.count()).resolves.toBe(2);
      await roles.filter({ hasText: 'Organisation administrator' }).locator('a:has-text("Remove")').click();

      await expect(admin.locator('h1').textContent()).resolves.toBe('Remove this role?');
      await expect(admin.locator('.nhsuk-summary-list').textContent()).resolves.toMatch(/Organisation administrator[\s\S]*\(RJ1\)/);
      // Nothing happens until it is confirmed.
      await expect(countRows(app.dataSource, 'role_assignment', "user_id = $1 AND role = 'ORG_ADMIN'", [person.id])).resolves.toBe(1);
      await admin.click('button:has-text("Remove the role")');

      expect(new URL(admin.url()).pathname).toBe(`/admin/users/${person.id}/role-removed`);
      await expect(admin.locator('.nhsuk-panel').textContent()).resolves.toContain('Daniel Whitmore is no longer organisation administrator at');
      await expect(admin.locator('main').textContent()).resolves.toContain('What happens next');

      await expect(countRows(app.dataSource, 'role_assignment', "user_id = $1 AND role = 'ORG_ADMIN'", [person.id])).resolves.toBe(0);
      await expect(countRows(app.dataSource, 'role_assignment', "user_id = $1 AND role = 'LEARNER'", [person.id])).resolves.toBe(1);
      const [audit] = await app.dataSource.query(
        `SELECT a.actor_id, a.details FROM audit_event a WHERE a.action = 'role.revoked' AND a.entity_type = 'user' AND a.entity_id = $1`,
        [person.id],
      );
      const [actor] = await app.dataSource.query(`SELECT id FROM app_user WHERE name = 'Amara Okafor'`);
      expect(audit.actor_id).toBe(actor.id);
      expect(JSON.stringify(audit.details)).toContain('ORG_ADMIN');

      await admin.click('a:has-text("Back to Daniel Whitmore")');
      await expect(roles.count()).resolves.toBe(1);
    },
    journeyBudget(5),
  );
});
