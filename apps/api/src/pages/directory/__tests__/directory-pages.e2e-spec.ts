import { parse } from 'csv-parse/sync';
import { Browser, BrowserContext, Page } from 'playwright-core';
import type TestAgent from 'supertest/lib/agent';
import { axeViolations, createLead, createTestApp, endLead, journeyBudget, launchBrowser, Role, serve, TestApp, TestLead } from '@dasv/testing';

// Real codes from libs/organisations/data: Guy's and St Thomas' (RJ1) in South East London ICB (QKK),
// London (Y56); The Christie (RBV) in Greater Manchester (QOP), North West (Y62); Newcastle upon
// Tyne Hospitals (RTD) in North East and North Cumbria ICB (QHM), North East and Yorkshire (Y63).
describe('the lead directory pages', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let priya: TestLead;
  let aisha: TestLead;
  let walter: TestLead;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T10:00:00Z') });
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    priya = await createLead(app.dataSource, {
      name: 'Priya Patel',
      odsCode: 'RJ1',
      jobTitle: 'Chief Nurse',
      profile: {
        phone: '020 7188 7188',
        bio: 'Executive lead for safeguarding.\nChairs the London DASV network.',
        areasOfInterest: ['Coercive control', 'Stalking'],
      },
    });
    aisha = await createLead(app.dataSource, { name: 'Aisha Khan', odsCode: 'RBV', leadRole: 'OPERATIONAL' });
    walter = await createLead(app.dataSource, { name: 'Walter Grey', odsCode: 'RJ1', leadRole: 'OPERATIONAL', startedAt: new Date('2021-05-04T08:00:00Z') });
    await endLead(app.dataSource, walter.leadId, { at: new Date('2025-03-31T16:00:00Z'), successorLeadId: priya.leadId });
    // Enough leads in one region for a second page of results.
    for (let n = 1; n <= 21; n++) {
      await createLead(app.dataSource, { name: `Northern Lead ${String(n).padStart(2, '0')}`, odsCode: 'RTD', leadRole: n % 2 ? 'EXECUTIVE' : 'OPERATIONAL' });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  async function signIn(person: { email: string; password: string }, next: string): Promise<void> {
    await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
    await page.fill('#email', person.email);
    await page.fill('#password', person.password);
    await page.click('button:has-text("Sign in")');
  }

  async function expectHeading(heading: string | RegExp): Promise<void> {
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
  }

  /** axe takes a second or two a page, so it runs once for each template and state, not on every visit. */
  async function expectAccessible(heading: string | RegExp): Promise<void> {
    await expectHeading(heading);
    expect(await axeViolations(page)).toEqual([]);
  }

  it(
    'lets a lead search the directory by name and filters, page through it and open a profile',
    async () => {
      await signIn(aisha, '/directory');
      await expectHeading('DASV lead directory');
      await expect(page.locator('main h2').nth(1).textContent()).resolves.toBe('23 leads');

      await page.fill('#search', 'patle');
      await page.click('button:has-text("Search")');
      await expectHeading('DASV lead directory');
      await expect(page.title()).resolves.toBe('Search results – DASV lead directory – DASV Network – NHS England');
      const rows = await page.locator('main tbody tr').allTextContents();
      expect(rows).toEqual([expect.stringMatching(/Priya Patel\s+Chief Nurse\s+Executive lead, Guy's and St Thomas' NHS Foundation Trust\s+.*@nhs\.net/)]);

      await page.click('text=Clear the search');
      await page.selectOption('#region', 'Y63');
      await page.selectOption('#leadRole', 'EXECUTIVE');
      await page.click('button:has-text("Search")');
      await expect(page.locator('main h2').nth(1).textContent()).resolves.toBe('11 leads found');
      await page.selectOption('#leadRole', '');
      await page.click('button:has-text("Search")');
      await expect(page.locator('main').textContent()).resolves.toContain('Showing 1 to 20 of 21');
      await page.click('a[rel="next"]');
      await expect(page.locator('main').textContent()).resolves.toContain('Showing 21 to 21 of 21');
      // The filters ride along with the page links.
      await expect(page.inputValue('#region')).resolves.toBe('Y63');
      await expect(page.locator('main tbody tr').allTextContents()).resolves.toEqual([expect.stringContaining('Northern Lead 21')]);
      await expectAccessible('DASV lead directory');

      await page.goto(`${baseUrl}/directory?search=priya`);
      await page.click('main >> text=Priya Patel');
      await expectAccessible('Priya Patel');
      const summary = await page.locator('.nhsuk-summary-list').innerText();
      expect(summary).toMatch(/Lead roles\s+Executive lead, Guy's and St Thomas' NHS Foundation Trust, since 1 April 2025/);
      expect(summary).toContain(priya.email);
      // Priya shows her e-mail address to other leads but not her telephone number.
      expect(summary).toMatch(/Telephone\s+Not shared/);
      expect(summary).not.toContain('020 7188 7188');
      expect(summary).toMatch(/Areas of interest\s+Coercive control\s+Stalking/);
      await expect(page.locator('main p').allTextContents()).resolves.toEqual(
        expect.arrayContaining(['Executive lead for safeguarding.', 'Chairs the London DASV network.']),
      );

      await page.click("main >> text=Guy's and St Thomas' NHS Foundation Trust");
      await expectAccessible("Guy's and St Thomas' NHS Foundation Trust");
      const tables = page.locator('main table');
      await expect(tables.nth(0).locator('tbody tr').allTextContents()).resolves.toEqual([
        expect.stringMatching(/Priya Patel\s+Executive lead\s+1 April 2025/),
      ]);
      await expect(tables.nth(1).locator('tbody tr').allTextContents()).resolves.toEqual([
        expect.stringMatching(/Walter Grey\s+Operational lead\s+4 May 2021\s+31 March 2025\s+Priya Patel/),
      ]);
    },
    journeyBudget(11),
  );

  it(
    'lets a lead edit their profile, showing what needs correcting, and others then see only what they chose',
    async () => {
      await signIn(aisha, '/directory/profile');
      await expectAccessible('Edit your directory profile');
      await expect(page.isChecked('#showEmail')).resolves.toBe(true);
      await expect(page.isChecked('#showPhone-2')).resolves.toBe(true);

      await page.fill('#phone', 'call the switchboard');
      await page.fill('#bio', 'b'.repeat(1001));
      await page.fill('#areasOfInterest', Array.from({ length: 11 }, (_, n) => `Area ${n + 1}`).join('\n'));
      await page.click('button:has-text("Save your profile")');
      await expectAccessible('Edit your directory profile');
      await expect(page.title()).resolves.toBe('Error: Edit your directory profile – DASV Network – NHS England');
      await expect(page.locator('.nhsuk-error-summary a').allInnerTexts()).resolves.toEqual([
        'Enter a telephone number, like 020 7946 0000 or +44 20 7946 0000',
        'About you must be 1,000 characters or fewer',
        'Give up to 10 areas of interest',
      ]);
      await expect(page.inputValue('#phone')).resolves.toBe('call the switchboard');
      expect(await app.dataSource.query(`SELECT 1 FROM lead_profile WHERE user_id = $1`, [aisha.id])).toEqual([]);

      await page.fill('#phone', '0161 446 3000');
      await page.fill('#bio', 'Operational lead at The Christie.\n\nAsk me about training.');
      await page.fill('#areasOfInterest', 'Training\n\n  Domestic homicide reviews  \n');
      await page.check('#showEmail-2');
      await page.check('#showPhone');
      await page.click('button:has-text("Save your profile")');

      expect(new URL(page.url()).pathname).toBe(`/directory/leads/${aisha.id}`);
      await expectHeading('Aisha Khan');
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Your directory profile has been saved');
      const own = await page.locator('.nhsuk-summary-list').innerText();
      expect(own).toContain(aisha.email);
      expect(own).toMatch(/Areas of interest\s+Training\s+Domestic homicide reviews/);

      // Another lead now sees her number but not her e-mail address.
      const other = await browser.newContext();
      page = await other.newPage();
      await signIn(priya, `/directory/leads/${aisha.id}`);
      const seen = await page.locator('.nhsuk-summary-list').innerText();
      expect(seen).toMatch(/E-mail address\s+Not shared/);
      expect(seen).toMatch(/Telephone\s+0161 446 3000/);
      await other.close();
    },
    journeyBudget(4),
  );

  it('refuses the directory to a learner', async () => {
    const { user } = await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.LEARNER }] });
    await signIn(user, '/directory');
    await expectHeading('You cannot do that');
    expect((await page.goto(`${baseUrl}/directory/profile`))!.status()).toBe(403);
  });

  describe('over HTTP', () => {
    // app.signedIn signs in through GraphQL; the pages share its session cookie.
    const signedInAgent = async (spec: Parameters<TestApp['signedIn']>[0]): Promise<TestAgent> => (await app.signedIn(spec)).agent;

    it('downloads the administrator’s own subtree as a CSV file', async () => {
      const agent = await signedInAgent({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
      const res = await agent.get('/directory/export.csv?leadRole=EXECUTIVE&search=').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="dasv-lead-directory-2026-03-02.csv"');
      expect(res.headers['cache-control']).toBe('no-store');
      const rows = parse<Record<string, string>>(res.text, { bom: true, columns: true });
      expect(rows.map((r) => [r.Name, r['ODS code'], r.Telephone])).toEqual([['Priya Patel', 'RJ1', '020 7188 7188']]);

      const lead = app.client();
      await app.gql(lead, `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, { i: { email: priya.email, password: priya.password } });
      const refused = await lead.get('/directory/export.csv').expect(403);
      expect(refused.text).toContain('You cannot do that');
    });

    it('answers malformed and unknown addresses plainly, and refuses a profile form without its token', async () => {
      const agent = await signedInAgent({ odsCode: 'RBV', roles: [{ role: Role.DASV_LEAD }] });
      await agent.get('/directory/leads/not-an-id').expect(400);
      await agent.get('/directory/leads/00000000-0000-4000-8000-000000000000').expect(404);
      await agent.get('/directory/organisations/ZZZ99').expect(404);
      const wrongKind = await agent.get('/directory?icb=Y56').expect(400);
      expect(wrongKind.text).toContain('London (Y56) is not an ICB');
      await agent.post('/directory/profile').type('form').send({ bio: 'No token' }).expect(403);
      expect(await app.dataSource.query(`SELECT 1 FROM lead_profile WHERE bio = 'No token'`)).toEqual([]);
    });
  });
});
