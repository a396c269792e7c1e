import type TestAgent from 'supertest/lib/agent';
import { Role } from '@dasv/auth';
import { completeCourseAsLearner, courseId, createTestApp, recordCompletions, setHeadcounts, SLUG, startCourseAsLearner, TestApp } from '@dasv/testing';

// Real organisations (libs/organisations/data): London region Y56 with its ICBs QKK (RJ1, RJ2, RJZ, …)
// and QMJ (RAL, …); North West Y62 with QOP (R0A, RBV); South East Y59 with QU9 (RTH).
const DASHBOARD = `query($slug: String!, $odsCode: String, $trendDays: Int) { completionDashboard(slug: $slug, odsCode: $odsCode, trendDays: $trendDays) {
  course { slug title }
  organisation { odsCode name type headcount started completed completionRate organisationsWithHeadcount organisationsWithoutHeadcount lacksHeadcount completedWithoutHeadcount }
  rows { odsCode name type parentOdsCode headcount started completed completionRate rank peers organisationsWithHeadcount organisationsWithoutHeadcount lacksHeadcount completedWithoutHeadcount }
  trend { day completed cumulative } } }`;
const CSV = `query($slug: String!, $odsCode: String) { completionDashboardCsv(slug: $slug, odsCode: $odsCode) }`;

interface Figures {
  odsCode: string;
  type: string;
  headcount: number | null;
  started: number;
  completed: number;
  completionRate: number | null;
  organisationsWithoutHeadcount: number;
  completedWithoutHeadcount: number;
  rank?: number | null;
  peers?: number;
  parentOdsCode?: string | null;
}

interface Recount {
  ods_code: string;
  type: string;
  headcount: number | null;
  completed: number;
  counted: number;
  started: number;
  lacking: number;
}

describe('completion dashboard: rates from the counters, scoped to the hierarchy', () => {
  let app: TestApp;
  let course: string;
  const dashboard = async (agent: TestAgent, odsCode?: string, trendDays?: number) => app.gql(agent, DASHBOARD, { slug: SLUG, odsCode, trendDays });

  beforeAll(async () => {
    // Tuesday 10 March 2026, 10:00 in London.
    app = await createTestApp({ now: new Date('2026-03-10T10:00:00Z') });
    course = await courseId(app);
  });
  afterAll(() => app.close());

  /**
   * Every organisation at or below `rootOds` with its subtree's figures, counted from the raw rows:
   * a GROUP BY over learner_completion, enrolments and headcounts through the closure table, not the
   * counters the dashboard reads.
   */
  async function recount(rootOds: string): Promise<Map<string, Recount>> {
    const rows: Recount[] = await app.dataSource.query(
      `WITH lc AS (SELECT organisation_id, count(*)::int AS n FROM learner_completion WHERE course_id = $1 GROUP BY organisation_id),
            en AS (SELECT u.organisation_id, count(*)::int AS n FROM course_enrolment e JOIN app_user u ON u.id = e.user_id WHERE e.course_id = $1 GROUP BY u.organisation_id)
       SELECT o.ods_code, o.type,
              sum(h.headcount)::int AS headcount,
              COALESCE(sum(lc.n), 0)::int AS completed,
              COALESCE(sum(lc.n) FILTER (WHERE h.headcount IS NOT NULL), 0)::int AS counted,
              COALESCE(sum(en.n), 0)::int AS started,
              (count(*) FILTER (WHERE h.headcount IS NULL AND d.is_active AND (d.type = 'TRUST' OR lc.n > 0 OR en.n > 0)))::int AS lacking
       FROM organisation_ancestor root
       JOIN organisation o ON o.id = root.descendant_id
       JOIN organisation_ancestor a ON a.ancestor_id = o.id
       JOIN organisation d ON d.id = a.descendant_id
       LEFT JOIN organisation_headcount h ON h.organisation_id = d.id
       LEFT JOIN lc ON lc.organisation_id = d.id
       LEFT JOIN en ON en.organisation_id = d.id
       WHERE root.ancestor_id = (SELECT id FROM organisation WHERE ods_code = $2)
       GROUP BY o.ods_code, o.type`,
      [course, rootOds],
    );
    return new Map(rows.map((r) => [r.ods_code, r]));
  }

  const rateOf = (r: Recount): number | null => (r.headcount ? r.counted / r.headcount : null);

  function expectAgrees(figures: Figures, expected: Recount): void {
    expect({
      odsCode: figures.odsCode,
      headcount: figures.headcount,
      completed: figures.completed,
      started: figures.started,
      withoutHeadcount: figures.organisationsWithoutHeadcount,
    }).toEqual({
      odsCode: expected.ods_code,
      headcount: expected.headcount,
      completed: expected.completed,
      started: expected.started,
      withoutHeadcount: expected.lacking,
    });
    expect(figures.completedWithoutHeadcount).toBe(expected.completed - expected.counted);
    const rate = rateOf(expected);
    if (rate === null) expect(figures.completionRate).toBeNull();
    else expect(figures.completionRate).toBeCloseTo(rate, 12);
  }

  /** Every row against the recount, ranks recomputed among the rows of each type. */
  async function expectDashboardAgrees(data: { organisation: Figures; rows: Figures[] }, rootOds: string): Promise<void> {
    const counted = await recount(rootOds);
    expectAgrees(data.organisation, counted.get(rootOds)!);
    const beneath = [...counted.values()].filter((r) => r.ods_code !== rootOds);
    // Every organisation is open in the seeded hierarchy, so every one is a row.
    expect(data.rows.map((r) => r.odsCode).sort()).toEqual(beneath.map((r) => r.ods_code).sort());
    for (const row of data.rows) {
      const expected = counted.get(row.odsCode)!;
      expectAgrees(row, expected);
      const peers = beneath.filter((r) => r.type === row.type && rateOf(r) !== null);
      const rate = rateOf(expected);
      expect(row.peers).toBe(peers.length);
      expect(row.rank).toBe(rate === null ? null : 1 + peers.filter((p) => rateOf(p)! > rate).length);
    }
  }

  it("moves an organisation's rate the moment one of its learners completes", async () => {
    await setHeadcounts(app, { RJ1: 4 });
    const { agent: trustAdmin } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.ORG_ADMIN }] });
    const { agent: icbAdmin } = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
    const { agent: learner } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });

    const before = await dashboard(trustAdmin);
    expect(before.errors).toBeUndefined();
    expect(before.data!.completionDashboard).toMatchObject({
      course: { slug: SLUG, title: 'Understanding sexual misconduct in the workplace' },
      organisation: { odsCode: 'RJ1', type: 'TRUST', headcount: 4, started: 0, completed: 0, completionRate: 0, organisationsWithoutHeadcount: 0 },
      rows: [],
      trend: [],
    });

    await startCourseAsLearner(app, learner);
    expect((await dashboard(trustAdmin)).data!.completionDashboard.organisation).toMatchObject({ started: 1, completed: 0, completionRate: 0 });

    await completeCourseAsLearner(app, learner);
    const after = (await dashboard(trustAdmin)).data!.completionDashboard;
    expect(after.organisation).toMatchObject({ odsCode: 'RJ1', headcount: 4, started: 1, completed: 1, completionRate: 0.25 });
    expect(after.trend).toEqual([{ day: '2026-03-10', completed: 1, cumulative: 1 }]);

    // The ICB sees the same at once, its trust ranked first of the one trust with a headcount.
    const icb = (await dashboard(icbAdmin)).data!.completionDashboard;
    expect(icb.organisation).toMatchObject({ odsCode: 'QKK', headcount: 4, completed: 1, completionRate: 0.25 });
    expect(icb.rows.find((r: Figures) => r.odsCode === 'RJ1')).toMatchObject({ parentOdsCode: 'QKK', completionRate: 0.25, rank: 1, peers: 1 });
  });

  it('gives region and national rates that agree with a recount from the raw rows', async () => {
    await setHeadcounts(app, { RJ2: 8, RAL: 20, R0A: 50, RTH: 5, QKK: 3, RBV: 0 });
    await recordCompletions(app, [
      ...Array.from({ length: 4 }, (_, i) => ({ odsCode: 'RJ2', at: `2026-03-0${i + 1}T12:00:00Z` })),
      { odsCode: 'RJZ', at: '2026-03-02T23:30:00Z' }, // still 2 March in London: GMT until 29 March
      { odsCode: 'RJZ', at: '2025-11-01T09:00:00Z' }, // before the trend's window: in the totals, not the days
      ...Array.from({ length: 5 }, () => ({ odsCode: 'RAL', at: '2026-02-20T09:00:00Z' })),
      ...Array.from({ length: 7 }, (_, i) => ({ odsCode: 'R0A', at: `2026-01-1${i}T09:00:00Z` })),
      { odsCode: 'RTH', at: '2026-03-09T17:00:00Z' },
      { odsCode: 'QKK', at: '2026-03-05T09:00:00Z' },
      { odsCode: 'Y56', at: '2026-03-06T09:00:00Z' }, // the region's own staff: no headcount there
    ]);
    const { agent: national } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const { agent: london } = await app.signedIn({ odsCode: 'Y56', roles: [{ role: Role.REGIONAL_ADMIN }] });

    const nationally = await dashboard(national);
    expect(nationally.errors).toBeUndefined();
    const data = nationally.data!.completionDashboard;
    expect(data.organisation.odsCode).toBe('X24');
    expect(data.rows.filter((r: Figures) => r.type === 'REGION')).toHaveLength(7);
    expect(data.rows.filter((r: Figures) => r.type === 'ICB')).toHaveLength(42);
    expect(data.rows.filter((r: Figures) => r.type === 'TRUST').length).toBeGreaterThan(200);
    await expectDashboardAgrees(data, 'X24');
    // Spot checks of the arithmetic the recount also does: London counts RJ1 1/4, RJ2 4/8, RAL 5/20 and
    // QKK's own 1/3; RJZ's 2 and the region's own 1 have no headcount and are left out of its rate.
    const londonRow = data.rows.find((r: Figures) => r.odsCode === 'Y56');
    expect(londonRow).toMatchObject({ headcount: 35, completed: 14, completedWithoutHeadcount: 3 });
    expect(londonRow.completionRate).toBeCloseTo(11 / 35, 12);
    expect(data.organisation.completed).toBe(22);

    // The trend: completions per London day in the window, with the running total since the start.
    const days: Array<{ day: string; n: number }> = await app.dataSource.query(
      `SELECT to_char((completed_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM learner_completion WHERE course_id = $1 GROUP BY 1 ORDER BY 1`,
      [course],
    );
    let total = 0;
    const expectedTrend = days.map(({ day, n }) => ({ day, completed: n, cumulative: (total += n) })).filter((d) => d.day >= '2025-12-11');
    expect(data.trend).toEqual(expectedTrend);
    expect(data.trend[0]).toEqual({ day: '2026-01-10', completed: 1, cumulative: 2 });
    expect(data.trend.find((d: { day: string }) => d.day === '2026-03-02').completed).toBe(2);

    const shortTrend = (await dashboard(national, undefined, 7)).data!.completionDashboard.trend;
    expect(shortTrend.map((d: { day: string }) => d.day)).toEqual(['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10']);
    expect(shortTrend[shortTrend.length - 1].cumulative).toBe(22);

    // A region's dashboard ranks its ICBs and trusts among themselves only.
    const region = await dashboard(london);
    expect(region.errors).toBeUndefined();
    expect(region.data!.completionDashboard.organisation.odsCode).toBe('Y56');
    await expectDashboardAgrees(region.data!.completionDashboard, 'Y56');
    const regionTrusts = region.data!.completionDashboard.rows.filter((r: Figures) => r.type === 'TRUST');
    expect(regionTrusts.find((r: Figures) => r.odsCode === 'RJ2')).toMatchObject({ completionRate: 0.5, rank: 1, peers: 3 });
    expect(regionTrusts.find((r: Figures) => r.odsCode === 'RJZ')).toMatchObject({
      completionRate: null,
      rank: null,
      peers: 3,
      organisationsWithoutHeadcount: 1,
    });
  });

  it('shows an ICB admin only their ICB and its trusts, and refuses another ICB', async () => {
    const { agent } = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
    const own = await dashboard(agent);
    expect(own.errors).toBeUndefined();
    const data = own.data!.completionDashboard;
    expect(data.organisation.odsCode).toBe('QKK');
    expect(data.rows.map((r: Figures) => r.odsCode).sort()).toEqual(['RJ1', 'RJ2', 'RJZ', 'RRU', 'RV5']);
    expect(data.rows.every((r: Figures) => r.parentOdsCode === 'QKK' && r.type === 'TRUST')).toBe(true);
    await expectDashboardAgrees(data, 'QKK');
    // The rate says how many organisations it is across and how many it leaves out, and which they are.
    expect(data.organisation).toMatchObject({ organisationsWithHeadcount: 3, organisationsWithoutHeadcount: 3, lacksHeadcount: false });
    expect(
      data.rows
        .filter((r: Figures & { lacksHeadcount: boolean }) => r.lacksHeadcount)
        .map((r: Figures) => r.odsCode)
        .sort(),
    ).toEqual(['RJZ', 'RRU', 'RV5']);

    expect((await dashboard(agent, 'RJ2')).data!.completionDashboard.organisation).toMatchObject({ odsCode: 'RJ2', completed: 4, completionRate: 0.5 });
    for (const outside of ['QMJ', 'RAL', 'Y56', 'X24', 'R0A']) {
      const refused = await dashboard(agent, outside);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTH_OUT_OF_SCOPE' });
      expect(refused.data).toBeNull();
    }
    const csv = await app.gql(agent, CSV, { slug: SLUG, odsCode: 'QMJ' });
    expect(csv.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('opens on the widest organisation a caller looks after', async () => {
    const { agent } = await app.signedIn({
      odsCode: 'RJ1',
      roles: [{ role: Role.ORG_ADMIN }, { role: Role.ICB_ADMIN, odsCode: 'QMJ' }, { role: Role.LEARNER }],
    });
    expect((await dashboard(agent)).data!.completionDashboard.organisation.odsCode).toBe('QMJ');
    expect((await dashboard(agent, 'RJ1')).errors).toBeUndefined();
  });

  it('exports the rows as CSV: the organisation first, then every organisation beneath it', async () => {
    const { agent } = await app.signedIn({ odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
    const result = await app.gql(agent, CSV, { slug: SLUG });
    expect(result.errors).toBeUndefined();
    const lines: string[] = result
      .data!.completionDashboardCsv.replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'ODS code,Organisation,Type,Parent ODS code,Headcount,Started,Completed,Completion rate (%),Rank,Ranked among,Organisations in the rate (with a headcount),Organisations left out of the rate (no headcount),Completions not in the rate (no headcount)',
    );
    expect(lines).toHaveLength(7);
    // The ICB's rate is across 3 organisations (RJ1, RJ2 and its own), leaving out 3 trusts without a headcount. Types in words.
    expect(lines[1]).toBe('QKK,NHS South East London Integrated Care Board,Integrated care board,,15,1,8,40.0,,,3,3,2');
    expect(lines.find((l) => l.startsWith('RJ2,'))).toBe('RJ2,Lewisham and Greenwich NHS Trust,Trust,QKK,8,0,4,50.0,1,2,1,0,0');
    expect(lines.find((l) => l.startsWith('RJZ,'))).toBe("RJZ,King's College Hospital NHS Foundation Trust,Trust,QKK,,0,2,,,2,0,1,2");
  });

  it('refuses learners, signed-out callers, unknown courses and organisations, and malformed arguments', async () => {
    const { agent: learner } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    expect((await dashboard(learner)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await dashboard(app.client())).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    const noCourse = await app.gql(agent, DASHBOARD, { slug: 'no-such-course' });
    expect(noCourse.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'LEARNING_REPORT_COURSE_NOT_FOUND' });
    const noOrganisation = await dashboard(agent, 'ZZZ99');
    expect(noOrganisation.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
    const malformed = await app.gql(agent, DASHBOARD, { slug: 'Not a slug!', odsCode: 'not an ods code', trendDays: 0 });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['odsCode', 'slug', 'trendDays']);
  });
});
