import type TestAgent from 'supertest/lib/agent';
import { AuditService } from '@dasv/audit';
import { axeViolations, createTestApp, createUser, journeyBudget, launchBrowser, Role, serve, TestApp } from '@dasv/testing';

// South East London ICB (QKK) holds Guy's and St Thomas' (RJ1); North Central London ICB (QMJ) is next door.
const ICB = 'QKK';
const TRUST = 'RJ1';
const OTHER_ICB = 'QMJ';

/** The page's rows' sentences, in order, read from the HTML as a browser without JavaScript gets it. */
function sentencesIn(html: string): string[] {
  return [...html.matchAll(/<p class="nhsuk-body nhsuk-u-margin-bottom-1 app-audit-sentence">([^<]+)<\/p>/g)].map((m) => m[1].replace(/&#39;/g, "'"));
}

/** The options of one of the filter's lists, as value → text. */
function optionsOf(html: string, id: string): Map<string, string> {
  const list = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return new Map([...list.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2].trim().replace(/&#39;/g, "'")]));
}

const GUYS = "Guy's and St Thomas' NHS Foundation Trust";

function linkIn(html: string, rel: 'previous' | 'next'): string | undefined {
  const match = new RegExp(`href="([^"]+)" rel="${rel === 'previous' ? 'prev' : 'next'}"`).exec(html);
  return match?.[1].replace(/&amp;/g, '&');
}

describe('the audit trail page', () => {
  let app: TestApp;
  let icbAdmin: { agent: TestAgent; user: { id: string; email: string; password: string } };

  beforeAll(async () => {
    app = await createTestApp();
    const national = await app.signedIn({ odsCode: 'X24', name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] });
    icbAdmin = await app.signedIn({ odsCode: ICB, name: 'Ian Icb', roles: [{ role: Role.ICB_ADMIN }] });
    app.clock.advance(60_000);
    const invited = await app.gql(national.agent, `mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }`, {
      i: { email: `page.invitee.${process.pid}@nhs.net`, name: 'Pia Invitee', organisationOdsCode: TRUST, role: 'DASV_LEAD' },
    });
    expect(invited.errors).toBeUndefined();
    app.clock.advance(60_000);
    const headcount = await app.gql(icbAdmin.agent, `mutation($i: SetHeadcountInput!) { setHeadcount(input: $i) { headcount } }`, {
      i: { odsCode: TRUST, headcount: 1200 },
    });
    expect(headcount.errors).toBeUndefined();
  });
  afterAll(() => app.close());

  it("lists the ICB's events with who did them, newest first, and refuses callers without the permission", async () => {
    const res = await icbAdmin.agent.get('/admin/audit').expect(200);
    // Sentences for people, built from the event's action, actor, target and details: no codes.
    expect(sentencesIn(res.text).slice(0, 2)).toEqual([
      `Ian Icb set the headcount of ${GUYS} to 1200.`,
      `Nadia National invited Pia Invitee as DASV lead of ${GUYS}.`,
    ]);
    expect(res.text).toContain('Guy&#39;s and St Thomas&#39; NHS Foundation Trust (RJ1)');
    // The lists' option values are the API's names; nothing a person reads is.
    expect(res.text.replace(/value="[^"]*"/g, '')).not.toMatch(/learner\.headcount_set|user\.invited|DASV_LEAD/);
    // The national admin's own sign-in, at NHS England, is above the ICB.
    expect(res.text).not.toContain('(X24)');

    const home = await icbAdmin.agent.get('/').expect(200);
    expect(home.text).toContain('href="/admin/audit"');

    const orgAdmin = await app.signedIn({ odsCode: TRUST, roles: [{ role: Role.ORG_ADMIN }] });
    const refused = await orgAdmin.agent.get('/admin/audit').expect(403);
    expect(refused.text).toContain('You cannot do that');
    expect((await orgAdmin.agent.get('/').expect(200)).text).not.toContain('href="/admin/audit"');

    const signedOut = await app.client().get('/admin/audit').expect(303);
    expect(signedOut.headers.location).toMatch(/^\/sign-in/);
  });

  it('shows mistyped or refused filters in the error summary, beside their fields', async () => {
    const otherIcb = await icbAdmin.agent.get(`/admin/audit?organisation=${OTHER_ICB}`).expect(400);
    expect(otherIcb.text).toContain('nhsuk-error-summary');
    expect(otherIcb.text).toContain(`${OTHER_ICB} is outside the organisations you look after`);
    expect(otherIcb.text).toContain('href="#organisation"');

    const backwards = await icbAdmin.agent.get('/admin/audit?fromDay=2&fromMonth=3&fromYear=2026&toDay=1&toMonth=3&toYear=2026').expect(400);
    expect(backwards.text).toContain('The “to” date must be the same as or after the “from” date');
    expect(backwards.text).toContain('href="#toDay"');
    expect(backwards.text).toContain('value="2026"');

    const notADate = await icbAdmin.agent.get('/admin/audit?fromDay=31&fromMonth=2&fromYear=2026&action=Not+An+Action').expect(400);
    expect(notADate.text).toContain('Enter a real “from” date');
    expect(notADate.text).toContain('Choose an action from the list');

    const staleLink = await icbAdmin.agent.get('/admin/audit?after=bm90LWEtY3Vyc29y').expect(400);
    expect(staleLink.text).toContain('The page link is not valid');

    const narrowed = await icbAdmin.agent.get(`/admin/audit?organisation=${TRUST.toLowerCase()}&action=learner.headcount_set`).expect(200);
    expect(sentencesIn(narrowed.text)).toEqual([`Ian Icb set the headcount of ${GUYS} to 1200.`]);
    expect(narrowed.text).toContain('1 event found');
  });

  it('offers every filter as a list of things in the caller’s scope, in words', async () => {
    const res = await icbAdmin.agent.get('/admin/audit').expect(200);
    const organisations = optionsOf(res.text, 'organisation');
    expect(organisations.get('QKK')).toBe('NHS South East London Integrated Care Board (ICB)');
    expect(organisations.get(TRUST)).toBe(`${GUYS} (trust)`);
    expect(organisations.has(OTHER_ICB)).toBe(false);
    expect(organisations.has('RAL')).toBe(false); // Royal Free, in North Central London
    const actions = optionsOf(res.text, 'action');
    expect(actions.get('user.invited')).toBe('Invited someone');
    expect(actions.get('learner.headcount_set')).toBe('Set a headcount');
    expect([...actions.values()].filter((text) => /^[a-z_.]+$/.test(text))).toEqual([]);
    const actors = optionsOf(res.text, 'actor');
    expect([...actors.values()]).toEqual(expect.arrayContaining([expect.stringMatching(/^Ian Icb \(/), expect.stringMatching(/^Nadia National \(/)]));

    const [ian] = await app.dataSource.query(`SELECT id FROM app_user WHERE id = $1`, [icbAdmin.user.id]);
    const byIan = await icbAdmin.agent.get(`/admin/audit?actor=${ian.id}`).expect(200);
    expect(sentencesIn(byIan.text).every((sentence) => sentence.startsWith('Ian Icb '))).toBe(true);
    expect(sentencesIn(byIan.text)).toContain(`Ian Icb set the headcount of ${GUYS} to 1200.`);
  });

  it('exports the filtered trail as CSV in words, scoped like the page', async () => {
    const csv = await icbAdmin.agent.get(`/admin/audit/export.csv?organisation=${TRUST}`).buffer(true).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('When (UK time),What happened,Action,Organisation,ODS code,Done by,Done by (e-mail address)');
    expect(lines.slice(1)).toEqual(
      expect.arrayContaining([expect.stringContaining(`,Ian Icb set the headcount of ${GUYS} to 1200.,Set a headcount,${GUYS},RJ1,Ian Icb,`)]),
    );
    expect(csv.text).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);

    // A London regional admin's export holds London's events and none of another region's.
    const london = await app.signedIn({ odsCode: 'Y56', name: 'Lara London', roles: [{ role: Role.REGIONAL_ADMIN }] });
    const [northWestTrust] = await app.dataSource.query(`SELECT id FROM organisation WHERE ods_code = 'RBV'`);
    await app.dataSource.transaction((manager) =>
      app.api.get(AuditService).record(manager, {
        actorId: null,
        action: 'learner.headcount_set',
        entityType: 'organisation',
        entityId: northWestTrust.id,
        organisationId: northWestTrust.id,
        details: { headcount: 77 },
      }),
    );
    const londonCsv = await london.agent.get('/admin/audit/export.csv').buffer(true).expect(200);
    expect(londonCsv.text).toContain(`set the headcount of ${GUYS} to 1200.`);
    expect(londonCsv.text).not.toContain('The Christie NHS Foundation Trust');
    const national = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    expect((await national.agent.get('/admin/audit/export.csv').buffer(true).expect(200)).text).toContain(
      'The system set the headcount of The Christie NHS Foundation Trust to 77.',
    );

    // A filter outside the caller's scope exports nothing: back to the page, which says why.
    const refused = await london.agent.get('/admin/audit/export.csv?organisation=RBV').expect(303);
    expect(refused.headers.location).toBe('/admin/audit?organisation=RBV');
  });

  it('pages forwards and back with plain links that keep the filters', async () => {
    const [trust] = await app.dataSource.query(`SELECT id FROM organisation WHERE ods_code = $1`, [TRUST]);
    const audit = app.api.get(AuditService);
    await app.dataSource.transaction((manager) =>
      audit.record(
        manager,
        Array.from({ length: 45 }, (_, i) => ({
          actorId: icbAdmin.user.id,
          action: 'test.paged',
          entityType: 'test',
          entityId: String(i),
          organisationId: trust.id,
        })),
      ),
    );

    const first = await icbAdmin.agent.get('/admin/audit?action=test.paged').expect(200);
    expect(first.text).toContain('45 events found');
    expect(sentencesIn(first.text)).toHaveLength(20);
    expect(linkIn(first.text, 'previous')).toBeUndefined();
    const secondHref = linkIn(first.text, 'next')!;
    expect(secondHref).toContain('action=test.paged');

    const second = await icbAdmin.agent.get(secondHref).expect(200);
    expect(sentencesIn(second.text)).toHaveLength(20);
    const third = await icbAdmin.agent.get(linkIn(second.text, 'next')!).expect(200);
    expect(sentencesIn(third.text)).toHaveLength(5);
    expect(linkIn(third.text, 'next')).toBeUndefined();

    // An action no feature has put into words still reads, naming what it was about.
    expect(sentencesIn(first.text)[0]).toBe(`Ian Icb recorded “test paged” for test 44 at ${GUYS}.`);
    const entityIds = (html: string) => sentencesIn(html).map((sentence) => Number(/for test (\d+) at/.exec(sentence)![1]));
    const seen = [...entityIds(first.text), ...entityIds(second.text), ...entityIds(third.text)];
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => 44 - i));

    const back = await icbAdmin.agent.get(linkIn(third.text, 'previous')!).expect(200);
    expect(entityIds(back.text)).toEqual(entityIds(second.text));
    const backAgain = await icbAdmin.agent.get(linkIn(back.text, 'previous')!).expect(200);
    expect(entityIds(backAgain.text)).toEqual(entityIds(first.text));
  });

  it(
    'is accessible in a browser, filtered and with errors',
    async () => {
      const [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
      try {
        const user = await createUser(app.dataSource, { odsCode: ICB, name: 'Abi Axe', roles: [{ role: Role.ICB_ADMIN }] });
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${baseUrl}/sign-in`);
        await page.fill('#email', user.email);
        await page.fill('#password', user.password);
        await page.click('button:has-text("Sign in")');

        await page.goto(`${baseUrl}/admin/audit`);
        await expect(page.locator('h1').textContent()).resolves.toBe('Audit trail');
        expect(await axeViolations(page)).toEqual([]);

        await page.selectOption('#organisation', TRUST);
        await page.selectOption('#action', { label: 'Set a headcount' });
        await page.click('button:has-text("Show events")');
        await expect(page.locator('.app-audit-sentence').allTextContents()).resolves.toEqual([`Ian Icb set the headcount of ${GUYS} to 1200.`]);
        expect(await axeViolations(page)).toEqual([]);

        await page.fill('#fromDay', '31');
        await page.fill('#fromMonth', '2');
        await page.fill('#fromYear', '2026');
        await page.click('button:has-text("Show events")');
        await expect(page.locator('.nhsuk-error-summary').isVisible()).resolves.toBe(true);
        await expect(page.title()).resolves.toMatch(/^Error: /);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    journeyBudget(8),
  );
});
