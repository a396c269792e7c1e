import { AxeBuilder } from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createTestApp,
  createUser,
  launchBrowser,
  newCompletions,
  newEnrolment,
  newHeadcount,
  newLead,
  newReturn,
  newSubmission,
  Role,
  seededOrganisation,
  serve,
  TestApp,
  WCAG_22_AA,
} from '@dasv/testing';

/** WCAG 1.4.10 Reflow: content must fit 320 CSS pixels without scrolling in two directions. */
const NARROW = { width: 320, height: 640 };
const WIDE = { width: 1280, height: 800 };
/** Pages visited per role at most (after collapsing pages that differ only in an id). */
const PAGES_PER_ROLE = 40;
/**
 * A role's crawl stops starting pages after this long, so a loaded machine checks fewer pages rather
 * than failing on time; the pages each role must reach are asserted separately.
 */
const CRAWL_BUDGET_MS = 150_000;

/**
 * Links the crawl does not follow: signing out would end the crawl, downloads are not pages, and
 * links that act (a GET that starts a course, say) are left to their own features' tests.
 */
function isSkipped(url: URL): boolean {
  return (
    url.pathname === '/sign-out' ||
    url.pathname.startsWith('/graphql') ||
    url.pathname.startsWith('/assets/') ||
    // The return dashboard's "update every 30 seconds" view refreshes itself, which axe's meta-refresh
    // rule cannot tell from an unasked refresh: the person turned it on and the link to stop is on
    // the page (WCAG 2.2.1 allows that). The same dashboard is checked without it.
    url.searchParams.has('live') ||
    /\.(csv|pdf|ics|zip|json|txt)$/i.test(url.pathname)
  );
}

/**
 * One page per shape of address: ids (UUIDs, numbers, ODS codes, tokens) collapse to a placeholder,
 * and a query string counts by its parameter names only (a filter or the next page of a list is the
 * same template as the first).
 */
function pagePattern(url: URL): string {
  const path = url.pathname
    .split('/')
    .map((segment) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) || /^\d+$/.test(segment)
        ? ':id'
        : /^(?=.*\d)[A-Z0-9]{3,6}$/.test(segment)
          ? ':ods'
          : segment.length >= 24 && /^[\w-]+$/.test(segment)
            ? ':token'
            : segment,
    )
    .join('/');
  const keys = [...new Set(url.searchParams.keys())].sort();
  return keys.length ? `${path}?${keys.join('&')}` : path;
}

/**
 * axe's WCAG 2.2 AA rules, plus label-content-name-mismatch (WCAG 2.5.3), which axe ships switched
 * off as experimental: speech-recognition users say a control's visible words to press it.
 */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_22_AA)
    .options({ resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations.map(
    (v) =>
      `axe ${v.id}: ${v.help} (${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')})`,
  );
}

/** In the page (this file is compiled without the DOM's types): the innermost elements wider than 320 px, to say what to fix. */
const WIDEST = `(() => {
  const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${NARROW.width + 1});
  return wide.filter((e) => !wide.some((other) => other !== e && e.contains(other))).slice(0, 3)
    .map((e) => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
})()`;

interface Finding {
  page: string;
  problem: string;
}

describe('every page, as each role meets it: accessible (axe, WCAG 2.2 AA), reflowing at 320 px, and served only from the platform', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  /**
   * Page shapes already checked (axe and 320 px) by an earlier role: every role visits them to find
   * its links, but the checks, most of the crawl's time, run once per shape.
   */
  const checked = new Set<string>();

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-06-01T09:00:00Z') });
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    // Enough of the programme for the crawl to reach the interesting pages: a London return with
    // answers (one awaiting review), a lead with a directory profile, learners part-way and done.
    const db = app.dataSource;
    const london = await newReturn(db, {
      title: 'London DASV leads 2026',
      scopeOdsCode: 'Y56',
      deadline: new Date('2026-07-13T22:59:00Z'),
      requiresApproval: true,
    });
    await newSubmission(db, { returnId: london.id, odsCode: 'RJ1', submittedAt: new Date('2026-05-20T10:00:00Z'), status: 'PENDING' });
    await newSubmission(db, { returnId: london.id, odsCode: 'RJ2', submittedAt: new Date('2026-05-21T10:00:00Z'), status: 'ACCEPTED' });
    await newReturn(db, { title: 'London DASV leads 2025', scopeOdsCode: 'Y56', deadline: new Date('2025-07-13T22:59:00Z'), status: 'CLOSED' });
    await newLead(db, {
      odsCode: 'RJ1',
      name: 'Lena Lead',
      jobTitle: 'Chief Nurse',
      profile: { phone: '020 7188 7188', bio: 'Safeguarding and sexual safety.', areasOfInterest: ['Sexual safety'] },
    });
    await newHeadcount(db, 'RJ1', 120);
    const guys = await seededOrganisation(db, 'RJ1');
    for (const pages of [0, 3] as const) {
      const learner = await createUser(db, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
      await newEnrolment(db, { user: { id: learner.id, organisationId: guys.id }, pagesCompleted: pages, startedAt: new Date('2026-05-01T09:00:00Z') });
    }
    await newCompletions(db, [{ odsCode: 'RJ1', completedAt: new Date('2026-05-10T09:00:00Z') }]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(context: BrowserContext, spec: { odsCode: string; role: Role; name: string }): Promise<Page> {
    const user = await createUser(app.dataSource, { odsCode: spec.odsCode, name: spec.name, roles: [{ role: spec.role }] });
    if (spec.role === Role.DASV_LEAD) await newLead(app.dataSource, { odsCode: spec.odsCode, user, leadRole: 'OPERATIONAL' });
    if (spec.role === Role.LEARNER) {
      const organisation = await seededOrganisation(app.dataSource, spec.odsCode);
      await newEnrolment(app.dataSource, { user: { id: user.id, organisationId: organisation.id }, pagesCompleted: 2 });
    }
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('button:has-text("Sign in")')]);
    return page;
  }

  /** Visits every page reachable by same-origin links from the home page and reports every problem found. */
  async function crawl(page: Page): Promise<{ visited: string[]; findings: Finding[] }> {
    const origin = new URL(baseUrl).origin;
    const findings: Finding[] = [];
    let current = '/';
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) findings.push({ page: current, problem: `requested ${url} outside the platform` });
    });
    const queue = ['/'];
    const seen = new Set([pagePattern(new URL('/', origin))]);
    const visited: string[] = [];
    const started = Date.now();
    while (queue.length && visited.length < PAGES_PER_ROLE && Date.now() - started < CRAWL_BUDGET_MS) {
      current = queue.shift()!;
      visited.push(current);
      const response = await page.goto(`${origin}${current}`);
      const status = response?.status() ?? 0;
      if (status >= 500) findings.push({ page: current, problem: `answered ${status}` });
      const pattern = pagePattern(new URL(current, origin));
      if (!checked.has(pattern)) {
        checked.add(pattern);
        await page.setViewportSize(WIDE);
        for (const problem of await axeProblems(page)) findings.push({ page: current, problem });
        await page.setViewportSize(NARROW);
        // The NHS.UK header moves menu items that no longer fit into "More" when the width changes;
        // measure once it has, or after it had the chance to and the page is still too wide.
        await page.waitForFunction(`document.documentElement.scrollWidth <= ${NARROW.width}`, undefined, { timeout: 3_000 }).catch(() => undefined);
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        if (width > NARROW.width)
          findings.push({ page: current, problem: `${width} px wide at 320 px (${(await page.evaluate<string[]>(WIDEST)).join(', ')})` });
        await page.setViewportSize(WIDE);
      }
      const links = await page.locator('a[href]:not([download])').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
      for (const link of links) {
        const url = new URL(link, `${origin}${current}`);
        if (url.origin !== origin || isSkipped(url)) continue;
        const pattern = pagePattern(url);
        if (seen.has(pattern)) continue;
        seen.add(pattern);
        queue.push(`${url.pathname}${url.search}`);
      }
    }
    return { visited, findings };
  }

  const ROLES: Array<{ label: string; odsCode: string; role: Role; name: string; expects: string[] }> = [
    { label: 'national admin', odsCode: 'X24', role: Role.NATIONAL_ADMIN, name: 'Nadia National', expects: ['/nominations', '/organisations'] },
    { label: 'regional admin', odsCode: 'Y56', role: Role.REGIONAL_ADMIN, name: 'Rhea Regional', expects: ['/nominations'] },
    { label: 'ICB admin', odsCode: 'QKK', role: Role.ICB_ADMIN, name: 'Ian Icb', expects: ['/nominations'] },
    { label: 'organisation admin', odsCode: 'RJ1', role: Role.ORG_ADMIN, name: 'Olu Admin', expects: ['/organisations'] },
    { label: 'lead', odsCode: 'RJ1', role: Role.DASV_LEAD, name: 'Leah Lead', expects: ['/directory'] },
    { label: 'learner', odsCode: 'RJ1', role: Role.LEARNER, name: 'Lara Learner', expects: ['/training'] },
  ];

  it.each(ROLES)(
    'as a $label',
    async (spec) => {
      const context = await browser.newContext({ viewport: WIDE });
      const page = await signIn(context, spec);
      const { visited, findings } = await crawl(page);
      await context.close();
      for (const path of spec.expects) expect(visited).toContain(path);
      expect(findings).toEqual([]);
    },
    // The crawl's budget, and time for the last page it started and for signing in.
    CRAWL_BUDGET_MS + 90_000,
  );

  it(
    'signed out',
    async () => {
      const context = await browser.newContext({ viewport: WIDE });
      const { visited, findings } = await crawl(await context.newPage());
      await context.close();
      for (const path of ['/sign-in', '/help', '/help/accessibility-statement', '/help/privacy', '/help/cookies', '/help/contact'])
        expect(visited).toContain(path);
      expect(findings).toEqual([]);
    },
    CRAWL_BUDGET_MS + 90_000,
  );
});
