import type TestAgent from 'supertest/lib/agent';
import { AuditService } from '@dasv/audit';
import { axeViolations, createTestApp, createUser, journeyBudget, launchBrowser, Role, serve, TestApp } from '@dasv/testing';

// South East London ICB (QKK) holds Guy's and St Thomas' (RJ1); North Central London ICB (QMJ) is next door.
const ICB = 'QKK';
const TRUST = 'RJ1';
const OTHER_ICB = 'QMJ';

/** The page's rows' actions, in order, read from the HTML as a browser without JavaScript gets it. */
function actionsIn(html: string): string[] {
  return [...html.matchAll(/<td class="nhsuk-table__cell"><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]);
}

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
    expect(actionsIn(res.text).slice(0, 2)).toEqual(['learner.headcount_set', 'user.invited']);
    expect(res.text).toContain('Ian Icb');
    expect(res.text).toContain('Nadia National');
    expect(res.text).toContain('GUY&#39;S AND ST THOMAS&#39; NHS FOUNDATION TRUST (RJ1)');
    expect(res.text).toContain('headcount: 1200');
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
    expect(notADate.text).toContain('Enter an action name, like user.invited');

    const staleLink = await icbAdmin.agent.get('/admin/audit?after=bm90LWEtY3Vyc29y').expect(400);
    expect(staleLink.text).toContain('The page link is not valid');

    const narrowed = await icbAdmin.agent.get(`/admin/audit?organisation=${TRUST.toLowerCase()}&action=learner.headcount_set`).expect(200);
    expect(actionsIn(narrowed.text)).toEqual(['learner.headcount_set']);
    expect(narrowed.text).toContain('1 event found');
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
    expect(actionsIn(first.text)).toHaveLength(20);
    expect(linkIn(first.text, 'previous')).toBeUndefined();
    const secondHref = linkIn(first.text, 'next')!;
    expect(secondHref).toContain('action=test.paged');

    const second = await icbAdmin.agent.get(secondHref).expect(200);
    expect(actionsIn(second.text)).toHaveLength(20);
    const third = await icbAdmin.agent.get(linkIn(second.text, 'next')!).expect(200);
    expect(actionsIn(third.text)).toHaveLength(5);
    expect(linkIn(third.text, 'next')).toBeUndefined();

    const entityIds = (html: string) => [...html.matchAll(/test (\d+)<\/span>/g)].map((m) => Number(m[1]));
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

        await page.fill('#organisation', TRUST);
        await page.fill('#action', 'learner.headcount_set');
        await page.click('button:has-text("Show events")');
        await expect(page.locator('table code').allTextContents()).resolves.toEqual(['learner.headcount_set']);
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
