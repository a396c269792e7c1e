import {
  axeViolations,
  createLead,
  createTestApp,
  createUser,
  journeyBudget,
  launchBrowser,
  nationalAdmin,
  openReturn,
  Role,
  serve,
  TestApp,
  updateOrganisation,
} from '@dasv/testing';

/** The home page's task list, read as a browser without JavaScript gets it: each item's words, link and status. */
function tasksIn(html: string): Array<{ title: string; href: string; status: string }> {
  return [
    ...html.matchAll(
      /<li class="nhsuk-task-list__item[^"]*">[\s\S]*?<a[^>]*href="([^"]+)"[^>]*>\s*([^<]+?)\s*<\/a>[\s\S]*?<div class="nhsuk-task-list__status[^"]*"[^>]*>\s*(?:<strong[^>]*>)?\s*([^<]+?)\s*(?:<\/strong>)?\s*<\/div>/g,
    ),
  ].map((m) => ({ href: m[1].replace(/&amp;/g, '&'), title: m[2].replace(/&#39;/g, "'"), status: m[3] }));
}

describe('the home page: what needs each person’s attention', () => {
  let app: TestApp;
  let returnId: string;

  beforeAll(async () => {
    app = await createTestApp();
    // A London return asking its trusts; one London trust gets a contact address, so it can be reached.
    returnId = await openReturn(app, await nationalAdmin(app), { title: 'London leads 2026' });
    await updateOrganisation(app.dataSource, 'RJ2', { contactEmail: 'ceo.office@nhs.net' });
  });
  afterAll(() => app.close());

  it('shows admins each open return with how many organisations have still to answer, and the organisations nobody can be e-mailed at, in their scope', async () => {
    const counts = async (odsCode: string) => {
      const [row] = await app.dataSource.query(
        `SELECT count(*) FILTER (WHERE q.responded_at IS NULL)::int AS outstanding, count(*)::int AS total
         FROM nomination_request q JOIN organisation_ancestor a ON a.descendant_id = q.organisation_id JOIN organisation s ON s.id = a.ancestor_id
         WHERE q.return_id = $1 AND s.ods_code = $2`,
        [returnId, odsCode],
      );
      const [unreachable] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM organisation o JOIN organisation_ancestor a ON a.descendant_id = o.id JOIN organisation s ON s.id = a.ancestor_id
         WHERE s.ods_code = $1 AND o.is_active AND o.type IN ('ICB', 'TRUST') AND NOT EXISTS (SELECT 1 FROM organisation_contact c WHERE c.organisation_id = o.id)
           AND NOT EXISTS (SELECT 1 FROM role_assignment r JOIN app_user u ON u.id = r.user_id AND u.is_active WHERE r.organisation_id = o.id AND r.role = 'ORG_ADMIN')`,
        [odsCode],
      );
      return { ...row, unreachable: unreachable.n };
    };

    const london = await app.signedIn({ odsCode: 'Y56', name: 'Lara London', roles: [{ role: Role.REGIONAL_ADMIN }] });
    const inLondon = await counts('Y56');
    expect(inLondon.outstanding).toBeGreaterThan(10);
    const tasks = tasksIn((await london.agent.get('/').expect(200)).text);
    expect(tasks).toEqual(
      expect.arrayContaining([
        { title: 'London leads 2026', href: `/nominations/${returnId}?status=OUTSTANDING`, status: `${inLondon.outstanding} to answer` },
        { title: 'Organisations that cannot be reached', href: '/organisations', status: `${inLondon.unreachable} organisations` },
      ]),
    );

    // An ICB admin sees their ICB's share; the North West's ICB admin, one branch over, sees neither the return nor London's organisations.
    const southEastLondon = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
    const inQkk = await counts('QKK');
    expect(tasksIn((await southEastLondon.agent.get('/').expect(200)).text)).toEqual(
      expect.arrayContaining([
        { title: 'London leads 2026', href: `/nominations/${returnId}?status=OUTSTANDING`, status: `${inQkk.outstanding} to answer` },
        { title: 'Organisations that cannot be reached', href: '/organisations', status: `${inQkk.unreachable} organisations` },
      ]),
    );
    const manchester = await app.signedIn({ odsCode: 'QOP', roles: [{ role: Role.ICB_ADMIN }] });
    const theirs = tasksIn((await manchester.agent.get('/').expect(200)).text);
    expect(theirs.map((t) => t.title)).not.toContain('London leads 2026');
    expect(theirs.find((t) => t.title === 'Organisations that cannot be reached')?.status).toBe(`${(await counts('QOP')).unreachable} organisations`);
  });

  it('asks an organisation admin to answer their organisation’s return and to set their headcount', async () => {
    const guys = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.ORG_ADMIN }] });
    const tasks = tasksIn((await guys.agent.get('/').expect(200)).text);
    expect(tasks).toEqual(
      expect.arrayContaining([
        { title: 'Name your DASV leads: London leads 2026', href: `/nominations/${returnId}/RJ1`, status: 'To answer' },
        expect.objectContaining({ href: '/training/staff', status: 'To do' }),
      ]),
    );
    // Not asked: a trust outside London has no return to answer.
    const christie = await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.ORG_ADMIN }] });
    expect(tasksIn((await christie.agent.get('/').expect(200)).text).map((t) => t.title)).not.toContain('Name your DASV leads: London leads 2026');
  });

  it('asks a lead to complete their directory profile and a learner to start, then finish, the course', async () => {
    const lead = await createLead(app.dataSource, { odsCode: 'RJ1', name: 'Lee Lead' });
    const leadAgent = app.client();
    const signedIn = await app.gql(leadAgent, `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, { i: { email: lead.email, password: lead.password } });
    expect(signedIn.errors).toBeUndefined();
    expect(tasksIn((await leadAgent.get('/').expect(200)).text)).toContainEqual({
      title: 'Complete your directory profile',
      href: '/directory/profile',
      status: '4 to add',
    });

    const learner = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    const course = '/training/courses/understanding-sexual-misconduct';
    expect(tasksIn((await learner.agent.get('/').expect(200)).text)).toContainEqual(expect.objectContaining({ href: course, status: 'Not started' }));
    const started = await app.gql(learner.agent, `mutation { startCourse(slug: "understanding-sexual-misconduct") { enrolmentId } }`);
    expect(started.errors).toBeUndefined();
    expect(tasksIn((await learner.agent.get('/').expect(200)).text)).toContainEqual(
      expect.objectContaining({ href: `${course}/resume`, status: 'In progress' }),
    );
  });

  it(
    'is accessible in a browser, with its task list',
    async () => {
      const [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
      try {
        const user = await createUser(app.dataSource, { odsCode: 'Y56', name: 'Rhea Regional', roles: [{ role: Role.REGIONAL_ADMIN }] });
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${baseUrl}/sign-in`);
        await page.fill('#email', user.email);
        await page.fill('#password', user.password);
        await page.click('button:has-text("Sign in")');
        await page.goto(`${baseUrl}/`);
        await expect(page.locator('.nhsuk-task-list__link').first().textContent()).resolves.toContain('London leads 2026');
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    journeyBudget(6),
  );
});
