import { parse } from 'csv-parse/sync';
import type TestAgent from 'supertest/lib/agent';
import {
  createTestApp,
  createUser,
  DASHBOARD,
  GUYS,
  KINGS,
  LONDON,
  nationalAdmin,
  NORTH_WEST,
  openReturn,
  REQUESTS,
  Role,
  SOUTH_EAST_LONDON_ICB,
  SOUTH_EAST_LONDON_TRUSTS,
  SUBMIT,
  TestApp,
  trustAnswer,
  uniqueEmail,
} from '@dasv/testing';

const EXPORTS = `query($r: ID!, $w: String) { nominationStatusesCsv(returnId: $r, within: $w) nominationLeadsCsv(returnId: $r, within: $w) }`;

function rowsOf(csv: string): Array<Record<string, string>> {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain('\r\n');
  return parse(csv, { bom: true, columns: true, skip_empty_lines: true });
}

describe('the dashboard, the list of organisations and the exports, scoped to the hierarchy', () => {
  let app: TestApp;
  let national: TestAgent;
  let returnId: string;
  let guysExecutive: string;
  let guysOperational: string;
  let londonTrustCount: number;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-06-01T09:00:00Z') });
    national = await nationalAdmin(app);
    // Trusts and ICBs of London are asked; Guy's answers, a Manchester trust is never asked.
    returnId = await openReturn(app, national, { organisationTypes: ['TRUST', 'ICB'] });
    const guysAdmin = (await app.signedIn({ odsCode: GUYS, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    guysExecutive = uniqueEmail('guys.exec');
    guysOperational = uniqueEmail("o'brien.op");
    const answer = trustAnswer(returnId, GUYS, guysExecutive, [guysOperational]);
    // A name Excel would run as a formula stays text.
    answer.operationalLeads[0].name = '=HYPERLINK("x")';
    const submitted = await app.gql(guysAdmin, SUBMIT, { i: answer });
    if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
    [{ n: londonTrustCount }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM nomination_request r JOIN organisation o ON o.id = r.organisation_id WHERE r.return_id = $1 AND o.type = 'TRUST'`,
      [returnId],
    );
  });
  afterAll(() => app.close());

  it('shows an ICB admin only their ICB and its trusts, in the counts, the list and both exports', async () => {
    const { agent } = await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, roles: [{ role: Role.ICB_ADMIN }] });
    const inScope = [SOUTH_EAST_LONDON_ICB, ...SOUTH_EAST_LONDON_TRUSTS];

    const dashboard = await app.gql(agent, DASHBOARD, { r: returnId });
    expect(dashboard.errors).toBeUndefined();
    const { totals, regions, icbs } = dashboard.data!.nominationDashboard;
    expect(totals).toEqual({ total: 6, responded: 1, late: 0, outstanding: 5, unreachable: 5 });
    expect(regions).toEqual([{ organisation: { odsCode: LONDON }, total: 6, responded: 1, late: 0, outstanding: 5, unreachable: 5 }]);
    expect(icbs.map((r: any) => [r.organisation.odsCode, r.total, r.responded])).toEqual([[SOUTH_EAST_LONDON_ICB, 6, 1]]);

    const first = await app.gql(agent, REQUESTS, { r: returnId, first: 4 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.nominationRequests.totalCount).toBe(6);
    expect(first.data!.nominationRequests.pageInfo.hasNextPage).toBe(true);
    const second = await app.gql(agent, REQUESTS, { r: returnId, first: 4, after: first.data!.nominationRequests.pageInfo.endCursor });
    const listed = [...first.data!.nominationRequests.edges, ...second.data!.nominationRequests.edges].map((e: any) => e.node);
    expect(listed.map((n: any) => n.organisation.odsCode).sort()).toEqual([...inScope].sort());
    const names = listed.map((n: any) => n.organisation.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    const guys = listed.find((n: any) => n.organisation.odsCode === GUYS);
    expect(guys).toMatchObject({
      status: 'RESPONDED',
      isLate: false,
      returnId,
      submissions: [
        {
          version: 1,
          status: 'ACCEPTED',
          nominees: [
            { leadRole: 'EXECUTIVE', email: guysExecutive },
            { leadRole: 'OPERATIONAL', email: guysOperational },
          ],
        },
      ],
    });
    expect(listed.filter((n: any) => n.status === 'UNREACHABLE')).toHaveLength(5);

    const responded = await app.gql(agent, REQUESTS, { r: returnId, s: 'RESPONDED' });
    expect(responded.data!.nominationRequests.edges.map((e: any) => e.node.organisation.odsCode)).toEqual([GUYS]);

    const exports = await app.gql(agent, EXPORTS, { r: returnId });
    expect(exports.errors).toBeUndefined();
    const statuses = rowsOf(exports.data!.nominationStatusesCsv);
    expect(statuses.map((r) => r['ODS code']).sort()).toEqual([...inScope].sort());
    expect(statuses.find((r) => r['ODS code'] === GUYS)).toMatchObject({
      Region: 'London',
      ICB: 'NHS South East London Integrated Care Board',
      Organisation: "Guy's and St Thomas' NHS Foundation Trust",
      Status: 'Responded',
      'First responded (UK time)': '2026-06-01 10:00',
      'Latest version': '1',
      'Latest version status': 'Accepted',
    });
    const leads = rowsOf(exports.data!.nominationLeadsCsv);
    expect(leads.map((r) => [r['ODS code'], r['Lead role'], r['E-mail'], r['On executive team']])).toEqual([
      [GUYS, 'Executive lead', guysExecutive, 'Yes'],
      [GUYS, 'Operational lead', guysOperational, 'No'],
    ]);
    expect(leads[1].Name).toBe(`'=HYPERLINK("x")`);

    // Inside their own ICB is fine; a trust beneath it narrows further.
    const narrowed = await app.gql(agent, DASHBOARD, { r: returnId, w: GUYS });
    expect(narrowed.data!.nominationDashboard.totals).toMatchObject({ total: 1, responded: 1 });
  });

  it('refuses a regional admin one branch over, and an ICB admin looking at their region', async () => {
    const northWest = (await app.signedIn({ odsCode: NORTH_WEST, roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    for (const query of [DASHBOARD, REQUESTS, EXPORTS]) {
      for (const within of [LONDON, SOUTH_EAST_LONDON_ICB, GUYS]) {
        const result = await app.gql(northWest, query, { r: returnId, w: within });
        expect([query.slice(0, 30), within, result.errors?.[0].extensions?.code]).toEqual([query.slice(0, 30), within, 'FORBIDDEN']);
      }
    }
    // Unfiltered, a region that was not asked sees nothing of London's.
    const own = await app.gql(northWest, DASHBOARD, { r: returnId });
    expect(own.data!.nominationDashboard).toMatchObject({ totals: { total: 0 }, regions: [], icbs: [] });
    const exported = await app.gql(northWest, EXPORTS, { r: returnId });
    expect(rowsOf(exported.data!.nominationStatusesCsv)).toEqual([]);

    const icbAdmin = (await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, roles: [{ role: Role.ICB_ADMIN }] })).agent;
    expect((await app.gql(icbAdmin, DASHBOARD, { r: returnId, w: LONDON })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const lead = (await app.signedIn({ odsCode: KINGS, roles: [{ role: Role.DASV_LEAD }] })).agent;
    expect((await app.gql(lead, DASHBOARD, { r: returnId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await app.gql(national, DASHBOARD, { r: '4b7b6a53-7e0b-4f7a-9d59-0c3b6f7b1a00' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOMINATION_RETURN_NOT_FOUND' });
  });

  it('gives a national admin all of London, and the same figures in the list of returns', async () => {
    const dashboard = await app.gql(national, DASHBOARD, { r: returnId, w: LONDON });
    const asked = londonTrustCount + 5;
    expect(dashboard.data!.nominationDashboard).toMatchObject({ within: { odsCode: LONDON }, totals: { total: asked, responded: 1, outstanding: asked - 1 } });
    expect(dashboard.data!.nominationDashboard.icbs).toHaveLength(5);

    const list = await app.gql(national, `{ nominationReturns { totalCount edges { node { id title status counts { total responded } } } } }`);
    expect(list.data!.nominationReturns.edges).toEqual([
      { node: { id: returnId, title: 'DASV leads 2026', status: 'OPEN', counts: { total: asked, responded: 1 } } },
    ]);
    const icbAdmin = (await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, roles: [{ role: Role.ICB_ADMIN }] })).agent;
    const theirs = await app.gql(icbAdmin, `{ nominationReturns { edges { node { counts { total responded } } } } }`);
    expect(theirs.data!.nominationReturns.edges).toEqual([{ node: { counts: { total: 6, responded: 1 } } }]);

    const statuses = rowsOf((await app.gql(national, EXPORTS, { r: returnId })).data!.nominationStatusesCsv);
    expect(statuses).toHaveLength(asked);
    expect(statuses.filter((r) => r.Status === 'Responded')).toHaveLength(1);
  });

  it('downloads the exports from the pages as attachments, scoped the same way', async () => {
    const { agent } = await app.signedIn({ odsCode: SOUTH_EAST_LONDON_ICB, roles: [{ role: Role.ICB_ADMIN }] });
    const statuses = await agent.get(`/nominations/${returnId}/export/statuses.csv`).expect(200);
    expect(statuses.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(statuses.headers['content-disposition']).toMatch(/^attachment; filename="nomination-statuses-[0-9a-f]{8}\.csv"$/);
    expect(statuses.headers['cache-control']).toBe('no-store');
    expect(
      rowsOf(statuses.text)
        .map((r) => r['ODS code'])
        .sort(),
    ).toEqual([SOUTH_EAST_LONDON_ICB, ...SOUTH_EAST_LONDON_TRUSTS].sort());

    const leads = await agent.get(`/nominations/${returnId}/export/leads.csv?within=${GUYS}`).expect(200);
    expect(leads.headers['content-disposition']).toMatch(/filename="nomination-leads-[0-9a-f]{8}-RJ1\.csv"/);
    expect(rowsOf(leads.text).map((r) => r['E-mail'])).toEqual([guysExecutive, guysOperational]);

    const northWest = (await app.signedIn({ odsCode: NORTH_WEST, roles: [{ role: Role.REGIONAL_ADMIN }] })).agent;
    const refused = await northWest.get(`/nominations/${returnId}/export/leads.csv?within=${LONDON}`).expect(403);
    expect(refused.text).toContain('You cannot do that');
    const signedOut = await app.client().get(`/nominations/${returnId}/export/leads.csv`).expect(303);
    expect(signedOut.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/nominations/${returnId}/export/leads.csv`)}`);
  });

  it('takes a national admin’s decision and a closure from the pages, and shows a conflict on the page rather than an error', async () => {
    const formToken = async (agent: TestAgent, path: string) => {
      const res = await agent.get(path).expect(200);
      return /name="_csrf" value="([^"]+)"/.exec(res.text)![1];
    };
    const approvals = await openReturn(app, national, { requiresApproval: true, scopeOdsCode: SOUTH_EAST_LONDON_ICB, title: 'Reviewed return' });
    const kingsAdmin = (await app.signedIn({ odsCode: KINGS, roles: [{ role: Role.ORG_ADMIN }] })).agent;
    // Someone working at King's already becomes its lead on acceptance, without being asked.
    const nominee = (await createUser(app.dataSource, { odsCode: KINGS, email: uniqueEmail('kings.exec') })).email;
    expect((await app.gql(kingsAdmin, SUBMIT, { i: trustAnswer(approvals, KINGS, nominee) })).data!.submitNomination.status).toBe('PENDING');

    const formPath = `/nominations/${approvals}/${KINGS}`;
    const page = await national.get(formPath).expect(200);
    expect(page.text).toContain('Review version 1');
    const _csrf = await formToken(national, `${formPath}/review`);
    const accepted = await national.post(`${formPath}/review`).type('form').send({ _csrf, decision: 'accept' }).expect(303);
    expect(accepted.headers.location).toBe(`${formPath}/reviewed`);
    expect((await national.get(`${formPath}/reviewed`).expect(200)).text).toContain('Answer accepted');
    const [lead] = await app.dataSource.query(
      `SELECT u.email::text AS email FROM dasv_lead l JOIN app_user u ON u.id = l.user_id JOIN organisation o ON o.id = l.organisation_id WHERE o.ods_code = $1 AND l.ended_at IS NULL`,
      [KINGS],
    );
    expect(lead.email).toBe(nominee);
    // The organisation admin cannot decide, whatever the form says.
    const kingsToken = await formToken(kingsAdmin, formPath);
    await kingsAdmin.post(`${formPath}/review`).type('form').send({ _csrf: kingsToken, decision: 'reject', reason: 'No' }).expect(403);

    // Closing is checked first, on its own page; closing twice says so there rather than failing.
    const closePath = `/nominations/${approvals}/close-return`;
    const closeToken = await formToken(national, closePath);
    const closed = await national.post(closePath).type('form').send({ _csrf: closeToken }).expect(303);
    expect(closed.headers.location).toBe(`/nominations/${approvals}/return-closed`);
    expect((await national.get(closed.headers.location).expect(200)).text).toContain('The return is closed');
    const again = await national.post(closePath).type('form').send({ _csrf: closeToken }).expect(303);
    expect(again.headers.location).toBe(closePath);
    const shown = await national.get(closePath).expect(200);
    expect(shown.text).toContain('This return is already closed.');
    expect(shown.text).toContain('<title>Error: Are you sure you want to close Reviewed return?');
  });
});
