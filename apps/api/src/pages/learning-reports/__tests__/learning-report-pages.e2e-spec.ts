import { Browser, BrowserContext } from 'playwright-core';
import type TestAgent from 'supertest/lib/agent';
import { Role } from '@dasv/auth';
import {
  axeViolations,
  countRows,
  createTestApp,
  createUser,
  journeyBudget,
  launchBrowser,
  recordCompletions,
  serve,
  setHeadcounts,
  TestApp,
} from '@dasv/testing';

// South East London ICB (QKK) with its trusts RJ1 (Guy's and St Thomas'), RJ2 and RJZ; North Central
// London ICB (QMJ) with the Royal Free (RAL), one branch over.
describe('training report pages', () => {
  let app: TestApp;
  let icbAdmin: TestAgent;
  let admin: { email: string; password: string };

  const formToken = async (agent: TestAgent, path: string): Promise<string> => {
    const res = await agent.get(path).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (!token) throw new Error(`no form token on ${path}`);
    return token;
  };

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-10T10:00:00Z') });
    await setHeadcounts(app, { RJ1: 10, RJ2: 4 });
    await recordCompletions(app, [
      { odsCode: 'RJ1', at: '2026-03-02T09:00:00Z' },
      { odsCode: 'RJ1', at: '2026-03-09T09:00:00Z' },
      { odsCode: 'RJ2', at: '2026-03-03T09:00:00Z' },
      { odsCode: 'RJZ', at: '2026-02-03T09:00:00Z' },
    ]);
    for (const name of ['Olu Oak', 'Pat Pine']) await createUser(app.dataSource, { odsCode: 'RJ1', name, roles: [{ role: Role.LEARNER }] });
    const signedIn = await app.signedIn({ odsCode: 'X24', name: 'Ida Icb', roles: [{ role: Role.ICB_ADMIN, odsCode: 'QKK' }] });
    icbAdmin = signedIn.agent;
    admin = signedIn.user;
  });
  afterAll(() => app.close());

  it('shows the widest organisation, its rate, the trusts beneath it ranked, and the weekly trend', async () => {
    const res = await icbAdmin.get('/training/reports').expect(200);
    expect(res.text).toContain('<h1>NHS South East London Integrated Care Board</h1>');
    expect(res.text).toMatch(/Trusts \(5\)/);
    // 3 completions counted over 14 staff; King's has no headcount, so its completion is not in the rate.
    expect(res.text).toContain('21.4%');
    expect(res.text).toMatch(/<a href="\/training\/reports\/RJ2">Lewisham and Greenwich NHS Trust<\/a>[\s\S]*?25\.0%[\s\S]*?1 of 2/);
    expect(res.text).toMatch(/Guy&#39;s and St Thomas&#39; NHS Foundation Trust<\/a>[\s\S]*?20\.0%[\s\S]*?2 of 2/);
    expect(res.text).toContain('3 organisations have no headcount, so 1 completion there is not in the rate.');
    // What the rate is across, and which organisations it leaves out, with where to give each a headcount.
    expect(res.text).toContain('The rate is across 2 of 5 organisations; 3 have no headcount and are left out. <a href="#no-headcount">See which</a>.');
    expect(res.text).toMatch(/<h2 id="no-headcount">Organisations with no headcount \(3\)<\/h2>[\s\S]*?href="\/training\/staff\/RJZ\/headcount"/);
    expect(res.text).toContain('Completions by week');

    const drilled = await icbAdmin.get('/training/reports/RJ1').expect(200);
    expect(drilled.text).toContain('<h1>Guy&#39;s and St Thomas&#39; NHS Foundation Trust</h1>');
    expect(drilled.text).toContain('href="/training/reports/QKK"');

    const refused = await icbAdmin.get('/training/reports/RAL').expect(403);
    expect(refused.text).toContain('You cannot do that');
    await icbAdmin.get('/training/reports/not-an-ods-code!').expect(400);
  });

  it('downloads the figures and the learners not yet completed as CSV', async () => {
    const figures = await icbAdmin.get('/training/reports/completion.csv?odsCode=QKK').expect(200);
    expect(figures.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(figures.headers['content-disposition']).toBe('attachment; filename="completion-understanding-sexual-misconduct-QKK.csv"');
    expect(figures.text.split('\r\n')).toHaveLength(1 + 1 + 5 + 1);

    const list = await icbAdmin.get('/training/reports/RJ1/not-completed').expect(200);
    expect(list.text).toContain('Olu Oak');
    expect(list.text).toContain('Pat Pine');
    // The total is the people listed; beside it, 10 in post at Guy's and St Thomas' less 2 completed by the headcount.
    expect(list.text).toContain('2 people have not completed.');
    expect(list.text).toContain('By the headcount, 8 of the staff in post have not completed, counting staff who have no account here yet.');
    const csv = await icbAdmin.get('/training/reports/RJ1/not-completed.csv').expect(200);
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(1, 3)
        .map((l) => l.split(',')[0]),
    ).toEqual(['Olu Oak', 'Pat Pine']);
    await icbAdmin.get('/training/reports/completion.csv?odsCode=QMJ').expect(403);
  });

  it('pages through a long list by name, its total the people listed', async () => {
    for (let n = 1; n <= 21; n++)
      await createUser(app.dataSource, { odsCode: 'RJ2', name: `Rowan ${String(n).padStart(2, '0')}`, roles: [{ role: Role.LEARNER }] });
    const first = await icbAdmin.get('/training/reports/RJ2/not-completed').expect(200);
    expect(first.text).toContain('Showing 1 to 20, by name');
    expect(first.text).toContain('21 people have not completed.');
    expect(first.text).toContain('By the headcount, 3 of the staff in post have not completed');
    const next = /<a class="nhsuk-pagination__link nhsuk-pagination__link--next" href="([^"]+)"/.exec(first.text)?.[1].replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/training\/reports\/RJ2\/not-completed\?after=/);
    const second = await icbAdmin.get(next!).expect(200);
    expect(second.text).toContain('Showing 21 to 21, by name');
    expect(second.text).toContain('Rowan 21');
    expect(second.text).toContain('nhsuk-pagination__link--prev');
  });

  it('sends reminders from the dashboard only with the form token', async () => {
    await icbAdmin.post('/training/reports/RJ1').type('form').send({ action: 'remind' }).expect(403);
    expect(await countRows(app.dataSource, 'course_reminder_run')).toBe(0);
    const _csrf = await formToken(icbAdmin, '/training/reports/RJ1');
    const sent = await icbAdmin.post('/training/reports/RJ1').type('form').send({ _csrf, action: 'remind' }).expect(303);
    expect(sent.headers.location).toBe('/training/reports/RJ1#reminders');
    const page = await icbAdmin.get('/training/reports/RJ1').expect(200);
    expect(page.text).toContain('Reminders are being sent to the learners at Guy&#39;s and St Thomas&#39; NHS Foundation Trust');
    expect(await countRows(app.dataSource, 'course_reminder_run')).toBe(1);
    const unknown = await icbAdmin.post('/training/reports/RJ1').type('form').send({ _csrf, action: 'explode' }).expect(303);
    expect(unknown.headers.location).toBe('/training/reports/RJ1');
    expect((await icbAdmin.get('/training/reports/RJ1').expect(200)).text).toContain('Choose what to do');
  });

  describe('in a browser', () => {
    let browser: Browser;
    let context: BrowserContext;
    let baseUrl: string;

    beforeAll(async () => {
      [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
      context = await browser.newContext();
    });
    afterAll(async () => {
      await context?.close();
      await browser?.close();
    });

    it(
      'drills down from the ICB to a trust and its learners, and turns monthly reminders on and off (also without JavaScript), axe-clean',
      async () => {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent('/training/reports')}`);
        await page.fill('#email', admin.email);
        await page.fill('#password', admin.password);
        await page.click('button:has-text("Sign in")');
        await expect(page.locator('h1').first().textContent()).resolves.toBe('NHS South East London Integrated Care Board');
        expect(await axeViolations(page)).toEqual([]);

        await page.click('a:has-text("Guy\'s and St Thomas\' NHS Foundation Trust")');
        await expect(page.locator('h1').first().textContent()).resolves.toBe("Guy's and St Thomas' NHS Foundation Trust");
        await page.click('button:has-text("Send reminders every month")');
        await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Monthly reminders are on.');
        expect(await axeViolations(page)).toEqual([]);

        await page.click('a:has-text("who have not completed")');
        await expect(page.locator('h1').first().textContent()).resolves.toBe("Staff of Guy's and St Thomas' NHS Foundation Trust who have not completed");
        await expect(page.locator('table tbody tr').count()).resolves.toBe(2);
        expect(await axeViolations(page)).toEqual([]);
        await page.close();

        // The buttons are plain forms: with JavaScript off they work the same.
        const noScript = await browser.newContext({ javaScriptEnabled: false });
        const plain = await noScript.newPage();
        await plain.goto(`${baseUrl}/sign-in?next=${encodeURIComponent('/training/reports/RJ1')}`);
        await plain.fill('#email', admin.email);
        await plain.fill('#password', admin.password);
        await plain.click('button:has-text("Sign in")');
        await plain.click('button:has-text("Stop monthly reminders")');
        await expect(plain.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Monthly reminders are off.');
        await noScript.close();
        expect(await countRows(app.dataSource, 'audit_event', `action LIKE 'course_reminders.schedule_%'`)).toBe(2);
      },
      journeyBudget(11),
    );
  });
});
