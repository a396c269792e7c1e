import { Browser, Page } from 'playwright-core';
import { OrganisationType } from '@dasv/organisations';
import {
  axeViolations,
  countRows,
  createTestApp,
  createUser,
  journeyBudget,
  launchBrowser,
  Mailbox,
  newLead,
  Role,
  seededOrganisations,
  serve,
  TestApp,
  uniqueEmail,
} from '@dasv/testing';

const GUYS = 'RJ1';

/**
 * Reaching organisations, through the pages only: NHS England loads contacts for every trust from a
 * file (a bad file changes nothing), a return opened on the existing page then reaches every trust
 * at the SMTP server, and admins of a subtree edit contacts on the organisation's page, which shows
 * what the viewer may see and do there. Every page is checked with axe-core (WCAG 2.2 AA).
 */
describe('organisation contact pages in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-06-01T09:00:00Z') });
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedInPage(spec: Parameters<typeof createUser>[1], next: string): Promise<Page> {
    const user = await createUser(app.dataSource, spec);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${baseUrl}${next}`);
    return page;
  }

  async function expectAccessible(page: Page, heading: string | RegExp): Promise<void> {
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
    expect(await axeViolations(page)).toEqual([]);
  }

  async function upload(page: Page, csv: string, button: string): Promise<void> {
    await page.setInputFiles('input[type=file][name=csv]', { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click(`button:has-text("${button}")`);
  }

  it(
    'loads contacts for every trust from a file, and a return opened next reaches every trust',
    async () => {
      const trusts = (await seededOrganisations(app.dataSource, { type: OrganisationType.TRUST })).filter((t) => t.isActive);
      expect(trusts.length).toBeGreaterThan(100);
      const contacts = trusts.map((t) => ({ ods: t.odsCode, email: uniqueEmail(`ceo.${t.odsCode.toLowerCase()}`, 'nhs.uk') }));
      const good = ['ODS code,Contact role,Name,Email', ...contacts.map((c) => `${c.ods},Chief executive's office,,${c.email}`)];

      const national = await signedInPage({ odsCode: 'X24', name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] }, '/organisations');
      await national.click('a:has-text("Load organisation contacts from a CSV file")');
      await expectAccessible(national, 'Load organisation contacts');

      // One bad row: nothing changes, and the row is named in the error summary.
      await upload(national, [...good, `${GUYS},Chief executive,,someone@nhs.net`].join('\n'), 'Upload and check');
      await expectAccessible(national, 'Load organisation contacts');
      const summary = national.locator('.nhsuk-error-summary');
      await expect(summary.textContent()).resolves.toContain('1 row of the contacts file has problems, so nothing was imported');
      await expect(summary.textContent()).resolves.toContain(`Row ${good.length + 1}: Enter the chief executive’s name`);
      expect(await countRows(app.dataSource, 'organisation_contact')).toBe(0);

      await upload(national, good.join('\n'), 'Upload and check');
      await expectAccessible(national, 'Check the contacts before you load them');
      await expect(national.locator('.nhsuk-summary-list').first().innerText()).resolves.toMatch(new RegExp(`Contacts to add\\s+${trusts.length}\\s`));
      expect(await countRows(app.dataSource, 'organisation_contact')).toBe(0);
      await national.click('button:has-text("Load the contacts")');
      await expectAccessible(national, 'Contacts loaded');
      await expect(national.locator('.nhsuk-panel').textContent()).resolves.toContain(
        `${trusts.length.toLocaleString('en-GB')} contacts added, 0 changed and 0 removed`,
      );
      expect(await countRows(app.dataSource, 'organisation_contact')).toBe(trusts.length);

      // The open-a-return page as it is: trusts only, a deadline.
      await national.goto(`${baseUrl}/nominations/new`);
      await national.fill('#title', 'Every trust 2026');
      if (await national.isChecked('input[name="typeIcb"]')) await national.uncheck('input[name="typeIcb"]');
      await national.fill('input[name="deadlineDay"]', '20');
      await national.fill('input[name="deadlineMonth"]', '7');
      await national.fill('input[name="deadlineYear"]', '2026');
      await national.click('button:has-text("Continue")');
      // The check page, before anything is sent: every trust asked can be reached.
      await expect(national.locator('#asked, #reachable, #unreachable').allInnerTexts()).resolves.toEqual([
        trusts.length.toLocaleString('en-GB'),
        trusts.length.toLocaleString('en-GB'),
        '0',
      ]);
      await national.click('button:has-text("Open the return and e-mail")');
      await expect(national.locator('#outcome').innerText()).resolves.toBe(`E-mailed all ${trusts.length} organisations asked.`);
      await app.runJobs();
      const missed: string[] = [];
      for (const contact of contacts) {
        const mails = await Mailbox.waitFor(contact.email);
        if (mails.length !== 1 || !mails[0].text.includes(`/${contact.ods}`)) missed.push(contact.ods);
      }
      expect(missed).toEqual([]);
    },
    journeyBudget(20) + 120_000,
  );

  it(
    'lets a regional admin edit contacts in their region on the organisation page, and refuses the rest',
    async () => {
      await createUser(app.dataSource, { odsCode: GUYS, name: 'Grace Admin', email: uniqueEmail('grace.admin'), roles: [{ role: Role.ORG_ADMIN }] });
      await newLead(app.dataSource, { odsCode: GUYS, name: 'Lena Lead', jobTitle: 'Chief Nurse' });
      const region = await signedInPage({ odsCode: 'Y56', name: 'Rory Regional', roles: [{ role: Role.REGIONAL_ADMIN }] }, `/organisations/${GUYS}`);
      await expectAccessible(region, /Guy's and St Thomas'/i);
      for (const heading of ['Contacts', 'Administrators', 'DASV leads', 'Lead returns', 'Training']) {
        await expect(region.locator('h2', { hasText: heading }).count()).resolves.toBe(1);
      }
      await expect(region.locator('#administrators + ul').textContent()).resolves.toContain('Grace Admin');
      await expect(region.locator('main').textContent()).resolves.toContain('Lena Lead');
      await expect(region.locator('a:has-text("Invite an administrator")').count()).resolves.toBe(1);

      await region.click(`a[href="/organisations/${GUYS}/contacts/chief-executive"]`);
      await expectAccessible(region, 'Add the chief executive contact');
      await region.fill('#email', 'not an address');
      await region.click('button:has-text("Save the contact")');
      // Both problems at once.
      await expectAccessible(region, 'Add the chief executive contact');
      const summary = await region.locator('.nhsuk-error-summary').textContent();
      expect(summary).toContain('Enter the person’s name');
      expect(summary).toContain('Enter an e-mail address in the correct format');
      await region.fill('#name', 'Clara Chief');
      const email = uniqueEmail('clara.chief');
      await region.fill('#email', email);
      await region.click('button:has-text("Save the contact")');
      await expectAccessible(region, /Guy's and St Thomas'/i);
      await expect(region.locator('.nhsuk-notification-banner').textContent()).resolves.toContain(`Chief executive contact saved: Clara Chief, ${email}.`);

      await region.click(`a[href="/organisations/${GUYS}/contacts/chief-executive/remove"]`);
      await expectAccessible(region, 'Remove the chief executive contact?');
      await region.click('button:has-text("Remove the contact")');
      await expect(region.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Chief executive contact removed');
      expect(await countRows(app.dataSource, 'organisation_contact', `role = 'CHIEF_EXECUTIVE'`)).toBe(0);

      // Outside London: no contacts shown, and the edit page is refused; the national loads are refused too.
      const [northWestTrust] = await seededOrganisations(app.dataSource, { under: 'Y62', type: OrganisationType.TRUST });
      await region.goto(`${baseUrl}/organisations/${northWestTrust.odsCode}`);
      await expect(region.locator('h2', { hasText: 'Contacts' }).count()).resolves.toBe(0);
      for (const path of [
        `/organisations/${northWestTrust.odsCode}/contacts/chief-executive`,
        '/contact-imports/contacts',
        '/contact-imports/administrators',
      ]) {
        const response = await region.goto(`${baseUrl}${path}`);
        expect(response?.status()).toBe(403);
      }
    },
    journeyBudget(16),
  );
});
