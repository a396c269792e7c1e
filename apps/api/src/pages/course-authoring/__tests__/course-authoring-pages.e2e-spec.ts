import { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, countRows, createTestApp, createUser, journeyBudget, launchBrowser, Role, serve, TestApp } from '@dasv/testing';

const SLUG = 'understanding-sexual-misconduct';
const DRAFT = `/training/authoring/${SLUG}/draft`;

function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1];
}

describe('course authoring pages', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(() => app?.close());

  describe('in Chromium', () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let baseUrl: string;

    beforeAll(async () => {
      [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
      const admin = await createUser(app.dataSource, { odsCode: 'X24', name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] });
      context = await browser.newContext();
      page = await context.newPage();
      await page.goto(`${baseUrl}/sign-in`);
      await page.fill('#email', admin.email);
      await page.fill('#password', admin.password);
      await page.click('button:has-text("Sign in")');
      await page.waitForURL(`${baseUrl}/`);
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** Waits for the page after a redirect, rather than reading the one it replaces. */
    async function expectHeading(heading: string | RegExp): Promise<void> {
      await page.locator('h1').filter({ hasText: heading }).first().waitFor({ timeout: 10_000 });
    }

    /** axe is the slow part (a second or so a page on two cores): each kind of page is checked once, in the state with most on it. */
    async function expectAccessible(heading: string | RegExp): Promise<void> {
      await expectHeading(heading);
      expect(await axeViolations(page)).toEqual([]);
    }

    it(
      'edits a page of a draft, previews it, is shown what blocks publishing, and publishes version 2',
      async () => {
        await page.goto(`${baseUrl}/training/authoring`);
        await expectAccessible('Course authoring');
        await page.click('button:has-text("Create a draft of version 2")');
        await expectAccessible('Understanding sexual misconduct in the workplace');
        await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Version 2 is now a draft');

        // The first page of module 1: its Markdown, copied from version 1, is in the box.
        await page.click('ol.nhsuk-list >> a >> nth=0');
        await expectAccessible('Why this matters');
        await expect(page.locator('#bodyMarkdown').inputValue()).resolves.toContain('Everyone working in the NHS has the right to be safe at work.');
        await page.fill('#title', 'Why this matters to everyone');
        await page.fill(
          '#bodyMarkdown',
          'Everyone has the right to be **safe at work**.<script>document.title = "owned"</script>\n\n[Report it](javascript:alert(1))',
        );
        await page.click('button:has-text("Save and preview")');
        await page.waitForURL(/\/preview$/);
        await expectAccessible('Why this matters to everyone');
        await expect(page.locator('.dasv-course-page-body strong').textContent()).resolves.toBe('safe at work');
        const body = await page.locator('.dasv-course-page-body').innerHTML();
        expect(body).not.toMatch(/script|javascript:|<a /i);
        expect(await page.title()).not.toBe('owned');
        await expect(page.locator('#support').textContent()).resolves.toContain('0808 500 2222');

        // Publishing lists what the sanitiser had to remove, in the error summary, linked to the page.
        await page.goto(`${baseUrl}${DRAFT}/publish`);
        await expectAccessible('Publish version 2');
        const summary = page.locator('.nhsuk-error-summary');
        await expect(summary.textContent()).resolves.toContain('Module 1, page 1: Remove the HTML: write the page in Markdown only');
        await expect(page.locator('button:has-text("Publish version 2")').count()).resolves.toBe(0);
        await summary.locator('a >> nth=0').click();
        await expectAccessible('Why this matters to everyone');
        await page.fill('#bodyMarkdown', 'Everyone has the right to be **safe at work**.\n\n[Report it](https://www.england.nhs.uk/)');
        await page.click('button:has-text("Save the page")');
        await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('The page has been saved');

        // A knowledge check form, refused and shown again with its errors.
        await page.click('a:has-text("Add a knowledge check")');
        await page.click('button:has-text("Save the question")');
        await expectAccessible('Add a knowledge check');
        await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Enter the question');
        await page.fill('#prompt', 'Who has the right to be safe at work?');
        await page.fill('#option1', 'Everyone');
        await page.check('#option1Correct');
        await page.fill('#option2', 'Only permanent staff');
        await page.fill('#feedback', 'Everyone, whatever their role or contract.');
        await page.click('button:has-text("Save the question")');
        await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('The knowledge check has been added');

        await page.goto(`${baseUrl}${DRAFT}/publish`);
        await expectAccessible('Publish version 2');
        await page.click('button:has-text("Publish version 2")');
        await expectAccessible('Course authoring');
        await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Version 2 is published');
        await expect(page.locator('table tbody tr >> nth=0').textContent()).resolves.toMatch(/Version 2\s+Published/);

        const [published] = await app.dataSource.query(
          `SELECT p.title, p.body_html, (SELECT count(*)::int FROM knowledge_check k WHERE k.page_id = p.id) AS checks
           FROM course_page p JOIN course_module m ON m.id = p.module_id JOIN course_version v ON v.id = m.version_id
          WHERE v.number = 2 AND v.status = 'PUBLISHED' AND m.position = 1 AND p.position = 1`,
        );
        expect(published).toEqual({
          title: 'Why this matters to everyone',
          body_html: '<p>Everyone has the right to be <strong>safe at work</strong>.</p>\n<p><a href="https://www.england.nhs.uk/">Report it</a></p>',
          checks: 1,
        });
      },
      journeyBudget(22),
    );

    it(
      'keeps every other authoring page accessible, with and without errors',
      async () => {
        await page.goto(`${baseUrl}/training/authoring`);
        await page.click('button:has-text("Create a draft of version 3")');
        await page.waitForURL(`${baseUrl}${DRAFT}`);

        await page.click('a:has-text("Change the course details")');
        await page.fill('#passMarkPercent', 'eighty');
        await page.fill('#title', '');
        await page.click('button:has-text("Save the course details")');
        await expectAccessible('Course details');
        const settingsErrors = await page.locator('.nhsuk-error-summary li').allTextContents();
        expect(settingsErrors.map((e) => e.trim())).toEqual(['Enter a title', expect.stringMatching(/pass mark/)]);

        await page.goto(`${baseUrl}${DRAFT}/modules/new`);
        await page.click('button:has-text("Add the module")');
        await expectAccessible('Add a module');
        await page.fill('#title', 'Looking after yourself');
        await page.selectOption('#position', '1');
        await page.click('button:has-text("Add the module")');
        await expectHeading('Module 1: Looking after yourself');
        await page.click('a:has-text("Add a page to this module")');
        await expectAccessible('Add a page');
        await page.fill('#title', 'Rest and recovery');
        await page.fill('#bodyMarkdown', '## Take a break\n\nStep away when you need to.');
        await page.click('button:has-text("Add the page")');
        await expectHeading('Rest and recovery');

        await page.goto(`${baseUrl}${DRAFT}`);
        await page.click('a:has-text("Rename or move module 1")');
        await expectAccessible('Module 1: Looking after yourself');
        await page.goto(`${baseUrl}${DRAFT}`);
        await page.click('a:has-text("Add a question to the bank")');
        await page.fill('#prompt', 'When should you take a break?');
        await page.click('button:has-text("Save the question")');
        await expectAccessible('Add a question to the bank');
        await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Choose a module of this draft');
        await page.selectOption('#moduleId', { label: 'Module 1: Looking after yourself' });
        await page.fill('#option1', 'When you need to');
        await page.check('#option1Correct');
        await page.fill('#option2', 'Never');
        await page.click('button:has-text("Save the question")');
        await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('added to the bank');
        await page.click('table:has(caption:has-text("Questions in the assessment bank")) a:has-text("Change") >> nth=-1');
        await expectAccessible(/^Change bank question \d+$/);
        await page.click('a:has-text("Remove this question")');
        await expectAccessible('Remove the bank question?');
        await page.click('button:has-text("Remove the bank question")');
        await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('The bank question has been removed');

        // A page with a knowledge check, previewed: the question as learners get it, without its answer.
        const checked = await page.locator('ol.nhsuk-list li:has-text("knowledge check") a').first().getAttribute('href');
        await page.goto(`${baseUrl}${checked}/preview`);
        await expectAccessible(/.+/);
        expect(await page.locator('.dasv-course-page-body ~ h2 + .nhsuk-form-group fieldset').count()).toBeGreaterThan(0);

        await page.goto(`${baseUrl}${DRAFT}/publish`);
        await expectHeading('Publish version 3');
        await page.click('button:has-text("Publish version 3")');
        await expectHeading('Course authoring');
      },
      journeyBudget(30),
    );
  });

  describe('over HTTP, without a browser', () => {
    it('are for national admins only', async () => {
      const icbAdmin = (await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] })).agent;
      for (const path of ['/training/authoring', DRAFT, `${DRAFT}/publish`]) {
        const refused = await icbAdmin.get(path);
        expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      }
      const signedOut = await app.client().get('/training/authoring');
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.location).toBe('/sign-in?next=%2Ftraining%2Fauthoring');
    });

    it('refuse a form without its token, and an edit meant for a version that is no longer a draft', async () => {
      const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
      const index = await agent.get('/training/authoring');
      expect(index.status).toBe(200);
      const noToken = await agent.post(DRAFT).type('form').send({});
      expect(noToken.status).toBe(403);
      const versionsBefore = await countRows(app.dataSource, 'course_version');
      expect(await countRows(app.dataSource, 'course_draft')).toBe(0);
      const [{ number: published }] = await app.dataSource.query(`SELECT number FROM course_version WHERE status = 'PUBLISHED'`);

      const created = await agent
        .post(DRAFT)
        .type('form')
        .send({ _csrf: csrfOf(index.text) });
      expect(created.status).toBe(303);
      const overview = await agent.get(DRAFT);
      expect(overview.text).toContain(`Version ${published + 1} is now a draft`);
      expect(await countRows(app.dataSource, 'course_version')).toBe(versionsBefore + 1);

      // A settings form that names the published version is sent back with the refusal, and nothing changes.
      const titles = await app.dataSource.query(`SELECT number, title FROM course_version ORDER BY number`);
      const refused = await agent
        .post(`${DRAFT}/settings`)
        .type('form')
        .send({ _csrf: csrfOf(overview.text), version: String(published), title: 'Renamed under learners’ feet' });
      expect(refused.status).toBe(303);
      expect(refused.headers.location).toBe(`${DRAFT}/settings`);
      const shown = await agent.get(`${DRAFT}/settings`);
      expect(shown.text).toContain(`Version ${published} is published and can no longer be changed`);
      expect(shown.text).toContain('Renamed under learners’ feet');
      expect(await app.dataSource.query(`SELECT number, title FROM course_version ORDER BY number`)).toEqual(titles);
    });
  });
});
