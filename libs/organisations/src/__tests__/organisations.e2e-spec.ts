import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from '@dasv/testing';
import { Role } from '@dasv/auth';
import { referenceDataDirectory } from '@dasv/organisations';
import type TestAgent from 'supertest/lib/agent';

const csv = (file: string): Array<Record<string, string>> => parse(readFileSync(join(referenceDataDirectory(), file)), { columns: true });

describe('organisations', () => {
  let app: TestApp;
  let agent: TestAgent;
  beforeAll(async () => {
    app = await createTestApp();
    ({ agent } = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] }));
  });
  afterAll(() => app.close());

  it('holds exactly the shipped hierarchy: 7 regions, 42 ICBs, every trust under its ICB and region', async () => {
    const regions = csv('regions.csv');
    const icbs = csv('icbs.csv');
    const trusts = csv('trusts.csv');
    const counts = await app.gql(
      agent,
      `{ r: organisations(type: REGION) { totalCount } i: organisations(type: ICB) { totalCount } t: organisations(type: TRUST) { totalCount } }`,
    );
    expect(counts.data).toEqual({ r: { totalCount: 7 }, i: { totalCount: 42 }, t: { totalCount: trusts.length } });
    expect(regions).toHaveLength(7);
    expect(icbs).toHaveLength(42);

    const rows: Array<{ ods_code: string; icb: string; region: string; national: string }> = await app.dataSource.query(
      `SELECT t.ods_code, i.ods_code AS icb, r.ods_code AS region, n.ods_code AS national
       FROM organisation t JOIN organisation i ON i.id = t.parent_id JOIN organisation r ON r.id = i.parent_id JOIN organisation n ON n.id = r.parent_id
       WHERE t.type = 'TRUST'`,
    );
    const byCode = new Map(rows.map((r) => [r.ods_code, r]));
    for (const trust of trusts) {
      expect(byCode.get(trust.ods_code)).toEqual({ ods_code: trust.ods_code, icb: trust.icb_ods_code, region: trust.region_ods_code, national: 'X24' });
    }
    // The closure table agrees with the parent links: every trust has exactly its three ancestors.
    const [closure] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id WHERE o.type = 'TRUST' AND a.depth > 0`,
    );
    expect(closure.n).toBe(trusts.length * 3);
  });

  it('looks an organisation up by ODS code with its ancestors and children', async () => {
    const r = await app.gql(agent, `{ organisation(odsCode: "qkk") { name type parent { odsCode } ancestors { odsCode } children { odsCode } } }`);
    expect(r.data!.organisation).toMatchObject({ type: 'ICB', parent: { odsCode: 'Y56' }, ancestors: [{ odsCode: 'X24' }, { odsCode: 'Y56' }] });
    const expected = csv('trusts.csv')
      .filter((t) => t.icb_ods_code === 'QKK')
      .map((t) => t.ods_code)
      .sort();
    expect(r.data!.organisation.children.map((c: { odsCode: string }) => c.odsCode).sort()).toEqual(expected);
  });

  it('lists a region subtree, searches and pages with cursors', async () => {
    const londonTrusts = csv('trusts.csv').filter((t) => t.region_ods_code === 'Y56');
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await app.gql(
        agent,
        `query($after: String) { organisations(type: TRUST, region: "Y56", first: 7, after: $after) { totalCount edges { node { odsCode } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(page.data.organisations.totalCount).toBe(londonTrusts.length);
      seen.push(...page.data.organisations.edges.map((e: any) => e.node.odsCode));
      if (!page.data.organisations.pageInfo.hasNextPage) break;
      after = page.data.organisations.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(londonTrusts.map((t) => t.ods_code).sort());

    const search = await app.gql(agent, `{ organisations(search: "thomas") { edges { node { odsCode } } } }`);
    expect(search.data!.organisations.edges.map((e: any) => e.node.odsCode)).toContain('RJ1');
  });

  it('resolves children and parents in batches, not a query per organisation', async () => {
    let queries = 0;
    const original = app.dataSource.driver.createQueryRunner.bind(app.dataSource.driver);
    app.dataSource.driver.createQueryRunner = (mode) => {
      const runner = original(mode);
      const query = runner.query.bind(runner);
      runner.query = ((...args: Parameters<typeof runner.query>) => {
        queries++;
        return query(...args);
      }) as typeof runner.query;
      return runner;
    };
    try {
      const r = await app.gql(
        agent,
        `{ organisations(type: ICB, first: 42) { edges { node { odsCode parent { odsCode } children { odsCode parent { odsCode } } } } } }`,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.organisations.edges).toHaveLength(42);
    } finally {
      app.dataSource.driver.createQueryRunner = original;
    }
    // session user + list count + list page + parents batch + children batch + their parents batch
    expect(queries).toBeLessThanOrEqual(8);
  });

  it('gives NOT_FOUND for an unknown code and BAD_USER_INPUT for a malformed one', async () => {
    expect((await app.gql(agent, `{ organisation(odsCode: "ZZZ99") { name } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await app.gql(agent, `{ organisation(odsCode: "not a code!") { name } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await app.gql(agent, `{ organisations(first: 1000) { totalCount } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an over-deep query and an over-complex one before running them', async () => {
    const deep = `{ organisation(odsCode: "RJ1") { parent { parent { parent { children { children { children { children { children { name } } } } } } } } } }`;
    const r = await app.gql(agent, deep);
    expect(r.errors?.[0].message).toMatch(/exceeds maximum operation depth/);
    expect(r.data).toBeUndefined();
    const wide = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: organisations(first: 100) { edges { node { name children { name } } } }`).join(' ')} }`;
    const c = await app.gql(agent, wide);
    expect(c.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
