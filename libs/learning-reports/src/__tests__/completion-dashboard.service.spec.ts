import { AuthErrorReason, Role } from '@dasv/auth';
import { CompletionSource } from '@dasv/completions';
import { CompletionDashboardService, LearningReportErrorReason, LearningReportsModule } from '@dasv/learning-reports';
import { OrganisationErrorReason } from '@dasv/organisations';
import { createServiceTest, newCompletions, newEnrolment, newHeadcount, newUser, SEEDED_COURSE_SLUG, ServiceTest, TestUser } from '@dasv/testing';

// Real organisations (libs/organisations/data): South East London ICB (QKK) has the trusts RJ1, RJ2,
// RJZ, RRU and RV5; Manchester University NHS FT (R0A) and Newcastle (R1H) are elsewhere. Tuesday
// 10 March 2026, 10:00 in London (GMT). completion-dashboard.e2e-spec.ts checks the figures against a
// recount through GraphQL as learners complete; this file checks the counters' arithmetic directly.
const NOW = new Date('2026-03-10T10:00:00Z');
const SLUG = SEEDED_COURSE_SLUG;

describe('CompletionDashboardService', () => {
  let test: ServiceTest;
  let dashboards: CompletionDashboardService;
  let icbAdmin: TestUser;

  beforeAll(async () => {
    test = await createServiceTest({ imports: [LearningReportsModule], now: NOW });
    dashboards = test.get(CompletionDashboardService);
    icbAdmin = await newUser(test.dataSource, { odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] });
  });
  afterAll(() => test.close());

  it('sums an ICB’s trusts, leaving trusts without a headcount out of the rate but not the count, and ranks the rest', async () => {
    const db = test.dataSource;
    await newHeadcount(db, 'RJ1', 10);
    await newHeadcount(db, 'RJ2', 20);
    const at = new Date('2026-03-02T12:00:00Z');
    await newCompletions(db, [
      ...Array.from({ length: 3 }, () => ({ odsCode: 'RJ1', completedAt: at })),
      { odsCode: 'RJ2', completedAt: at },
      // The same person imported twice counts once.
      { odsCode: 'RJ2', completedAt: at, email: 'twice@nhs.net' },
      { odsCode: 'RJ2', completedAt: at, email: 'twice@nhs.net', source: CompletionSource.ESR },
      ...Array.from({ length: 2 }, () => ({ odsCode: 'RJZ', completedAt: at })),
    ]);
    for (let i = 0; i < 4; i++) {
      const learner = await newUser(db, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
      await newEnrolment(db, { user: learner, startedAt: at });
    }

    const dashboard = await dashboards.dashboardFor(icbAdmin, { slug: SLUG });

    expect(dashboard.course).toMatchObject({ slug: SLUG });
    expect(dashboard.organisation).toMatchObject({
      odsCode: 'QKK',
      headcount: 30,
      started: 4,
      completed: 7,
      completedWithoutHeadcount: 2,
      // RJZ, RRU and RV5: open trusts, which employ the staff, with no headcount.
      organisationsWithoutHeadcount: 3,
    });
    expect(dashboard.organisation.completionRate).toBeCloseTo((3 + 2) / 30, 12);
    const rows = Object.fromEntries(dashboard.rows.map((r) => [r.odsCode, r]));
    expect(Object.keys(rows).sort()).toEqual(['RJ1', 'RJ2', 'RJZ', 'RRU', 'RV5']);
    expect(rows.RJ1).toMatchObject({ parentOdsCode: 'QKK', headcount: 10, started: 4, completed: 3, completionRate: 0.3, rank: 1, peers: 2 });
    expect(rows.RJ2).toMatchObject({ headcount: 20, completed: 2, completionRate: 0.1, rank: 2, peers: 2 });
    expect(rows.RJZ).toMatchObject({
      headcount: null,
      completed: 2,
      completionRate: null,
      rank: null,
      completedWithoutHeadcount: 2,
      organisationsWithoutHeadcount: 1,
    });
  });

  it('answers for the caller’s own organisation by default, and refuses one a branch over', async () => {
    const trustAdmin = await newUser(test.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.ORG_ADMIN }] });
    const own = await dashboards.dashboardFor(trustAdmin, { slug: SLUG });
    expect(own.organisation).toMatchObject({ odsCode: 'RJ1', completed: 3 });
    expect(own.rows).toEqual([]);

    await expect(dashboards.dashboardFor(trustAdmin, { slug: SLUG, odsCode: 'RJ2' })).rejects.toMatchObject({ reason: AuthErrorReason.OutOfScope });
    await expect(dashboards.dashboardFor(icbAdmin, { slug: SLUG, odsCode: 'R0A' })).rejects.toMatchObject({ reason: AuthErrorReason.OutOfScope });
    await expect(dashboards.dashboardFor(icbAdmin, { slug: SLUG, odsCode: 'ZZZ99' })).rejects.toMatchObject({ reason: OrganisationErrorReason.NotFound });
    await expect(dashboards.dashboardFor(icbAdmin, { slug: 'no-such-course' })).rejects.toMatchObject({ reason: LearningReportErrorReason.CourseNotFound });
    const learner = await newUser(test.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    await expect(dashboards.dashboardFor(learner, { slug: SLUG })).rejects.toMatchObject({ reason: AuthErrorReason.OutOfScope });
  });

  it('counts each day’s completions in London time, with a running total that includes the days before the trend', async () => {
    const manchester = await newUser(test.dataSource, { odsCode: 'R0A', roles: [{ role: Role.ORG_ADMIN }] });
    await newCompletions(test.dataSource, [
      { odsCode: 'R0A', completedAt: new Date('2025-12-01T12:00:00Z') },
      { odsCode: 'R0A', completedAt: new Date('2026-03-05T12:00:00Z') },
      { odsCode: 'R0A', completedAt: new Date('2026-03-09T23:30:00Z') },
      { odsCode: 'R0A', completedAt: new Date('2026-03-09T00:10:00Z') },
      // An imported date in the future counts in the total, not as a day.
      { odsCode: 'R0A', completedAt: new Date('2026-03-20T12:00:00Z') },
    ]);

    const dashboard = await dashboards.dashboardFor(manchester, { slug: SLUG, trendDays: 7 });

    expect(dashboard.organisation.completed).toBe(5);
    expect(dashboard.trend).toEqual([
      { day: '2026-03-05', completed: 1, cumulative: 2 },
      { day: '2026-03-09', completed: 2, cumulative: 4 },
    ]);
  });

  it('puts a completion just before midnight in summer on the next day, as London sees it', async () => {
    test.clock.set(new Date('2026-07-02T10:00:00Z'));
    const newcastle = await newUser(test.dataSource, { odsCode: 'R1H', roles: [{ role: Role.ORG_ADMIN }] });
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    await newCompletions(test.dataSource, [{ odsCode: 'R1H', completedAt: new Date('2026-06-30T23:30:00Z') }]);

    expect((await dashboards.dashboardFor(newcastle, { slug: SLUG, trendDays: 3 })).trend).toEqual([{ day: '2026-07-01', completed: 1, cumulative: 1 }]);
  });
});
