import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { countRows, createTestApp, createUser, Role, runCliAsOperator, TestApp } from '@dasv/testing';

// `npm run orgs:import -- FILE…` runs `node scripts/cli.js orgs:import FILE…`: these tests run exactly
// that, as a child process whose environment holds PATH, HOME and DATABASE_URL and nothing else.
//
// Fixtures (libs/organisations/src/__tests__/fixtures), in ODS's own headerless layouts:
// - etr-2026.csv and icbs-2026.csv: see ods-import.e2e-spec.ts (R1L moves to the merged Essex ICB
//   D7T5G, RVJ North Bristol closes on 2026-06-30, K0N6A The Online NHS Trust opens).
// - etr-2026-essex.csv: RAJ's real row from data/ods/etr.csv, moved from QH8 to D7T5G. The move is
//   ours: with it, Mid and South Essex (QH8) is left with no trusts, as an ICB merger leaves one.
// - succ-2026.csv: successor records in ODS's succ.csv layout. RRP and TAF into G6V2S on 2024-11-01
//   is what data/README.md records; QH8 into D7T5G and RVJ into RA7 (and their dates) are ours,
//   following the 2026 extract's moves.
// - etr-windows-1252.csv: RJ1's real row with typographic apostrophes (’, byte 0x92), saved as Windows-1252.
// - etr-replacement-character.csv: RJ1's row, then R0A's with the U+FFFD an earlier conversion left.
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'libs', 'organisations', 'src', '__tests__', 'fixtures');

/** Everything an import may write, so "nothing changed" and "nothing half-written" can be compared whole. */
async function platformState(dataSource: DataSource) {
  const q = (sql: string) => dataSource.query(sql);
  return {
    organisations: await q(
      `SELECT o.ods_code, o.name, o.ods_name, o.type, p.ods_code AS parent, o.is_active, o.closed_on::text, s.ods_code AS successor, o.updated_at
       FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id LEFT JOIN organisation s ON s.id = o.successor_id ORDER BY o.ods_code`,
    ),
    ancestors: await countRows(dataSource, 'organisation_ancestor'),
    roles: await q(`SELECT r.user_id, o.ods_code, r.role FROM role_assignment r JOIN organisation o ON o.id = r.organisation_id ORDER BY 1, 2, 3`),
    leads: await q(
      `SELECT l.user_id, o.ods_code, l.lead_role, l.ended_at, l.successor_id FROM dasv_lead l JOIN organisation o ON o.id = l.organisation_id ORDER BY 1, 2, 3, 4`,
    ),
    requests: await q(`SELECT q.return_id, o.ods_code FROM nomination_request q JOIN organisation o ON o.id = q.organisation_id ORDER BY 1, 2`),
    audit: await countRows(dataSource, 'audit_event'),
  };
}

describe('npm run orgs:import from a plain shell (only DATABASE_URL set)', () => {
  let app: TestApp;
  const orgsImport = (...args: string[]) => runCliAsOperator(['orgs:import', ...args], { DATABASE_URL: app.config.databaseUrl }, FIXTURES);
  const rolesOf = (userId: string) =>
    app.dataSource.query(
      `SELECT o.ods_code, r.role, r.granted_by_id FROM role_assignment r JOIN organisation o ON o.id = r.organisation_id WHERE r.user_id = $1 ORDER BY 1, 2`,
      [userId],
    );

  let trustAdmin: { id: string; email: string; password: string };
  let lead: { id: string };
  let icbAdmin: { id: string; email: string; password: string };
  let returnId: string;

  beforeAll(async () => {
    app = await createTestApp();
    trustAdmin = await createUser(app.dataSource, { odsCode: 'RVJ', name: 'North Bristol Admin', roles: [{ role: Role.ORG_ADMIN }, { role: Role.LEARNER }] });
    // A learner at both trusts already: the grant at Bristol is kept, not doubled.
    lead = await createUser(app.dataSource, {
      odsCode: 'RVJ',
      name: 'North Bristol Lead',
      roles: [{ role: Role.DASV_LEAD }, { role: Role.LEARNER }, { role: Role.LEARNER, odsCode: 'RA7' }],
    });
    await app.dataSource.query(
      `INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at) SELECT id, $1, 'EXECUTIVE', '2025-04-01T09:00:00Z' FROM organisation WHERE ods_code = 'RVJ'`,
      [lead.id],
    );
    icbAdmin = await createUser(app.dataSource, { odsCode: 'QH8', name: 'Mid and South Essex Admin', roles: [{ role: Role.ICB_ADMIN }] });
    // A return to the East of England's ICBs, opened before the merged Essex ICB existed, that QH8 has not answered.
    [{ id: returnId }] = await app.dataSource.query(
      `INSERT INTO nomination_return (title, organisation_types, scope_root_id, deadline, opened_at)
       SELECT 'ICB DASV leads 2026-27', ARRAY['ICB'], id, '2027-01-29T23:59:00Z', '2026-01-05T09:00:00Z' FROM organisation WHERE ods_code = 'Y61' RETURNING id`,
    );
    await app.dataSource.query(
      `INSERT INTO nomination_request (return_id, organisation_id)
       SELECT $1, o.id FROM organisation_ancestor a JOIN organisation o ON o.id = a.descendant_id WHERE a.ancestor_id = (SELECT id FROM organisation WHERE ods_code = 'Y61') AND o.type = 'ICB'`,
      [returnId],
    );
  });
  afterAll(() => app.close());

  it('reports, on a dry run, the ICB a merger leaves with no trusts and the new organisations nobody administers, writing nothing', async () => {
    const before = await platformState(app.dataSource);
    const result = orgsImport('etr-2026.csv', 'etr-2026-essex.csv', '--icbs', 'icbs-2026.csv', '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(['ICBs with no open trusts:', '  QH8    NHS Mid and South Essex Integrated Care Board'].join('\n'));
    expect(result.stdout).toContain(['New organisations with no administrator (grant ORG_ADMIN or ICB_ADMIN there):', '  D7T5G', '  K0N6A'].join('\n'));
    expect(result.stdout).toContain('Dry run: nothing was written.');
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('closes merged trusts and ICBs with their successors from ODS’s succ file and carries leads, roles and open requests over', async () => {
    const result = orgsImport('etr-2026.csv', 'etr-2026-essex.csv', 'succ-2026.csv', '--icbs', 'icbs-2026.csv');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(
      [
        'ODS import: etr-2026.csv, etr-2026-essex.csv, icbs-2026.csv, succ-2026.csv',
        '  added      2',
        '  renamed    1',
        '  moved      3',
        '  closed     2',
        '  reopened   0',
        '  successor  2',
        '  unchanged  1',
        '  skipped    1 outside England (RQF); 1 closed and never on the platform',
        '             2 successor records about organisations not on the platform',
        '',
        'Changes:',
        '  added      ICB   D7T5G  NHS ESSEX INTEGRATED CARE BOARD, under Y61',
        '  added      TRUST K0N6A  THE ONLINE NHS TRUST, under QKK',
        '  renamed    TRUST RA7    UNIVERSITY HOSPITALS BRISTOL AND WESTON NHS FOUNDATION TRUST -> BRISTOL NHS FOUNDATION TRUST',
        '  moved      TRUST R1L    QH8 -> D7T5G',
        '  moved      TRUST RAJ    QH8 -> D7T5G',
        '  moved      TRUST RPG    QKS -> QKK',
        '  closed     ICB   QH8    on 2026-03-31',
        '  closed     TRUST RVJ    on 2026-06-30',
        '  successor  ICB   QH8    succeeded by D7T5G',
        '  successor  TRUST RVJ    succeeded by RA7',
        '',
        'Closed with a successor:',
        '  ICB   QH8    -> D7T5G  carried over: 1 ICB_ADMIN role, 1 open nomination request to D7T5G',
        '  TRUST RVJ    -> RA7    carried over: 1 DASV lead, 1 DASV_LEAD role, 2 LEARNER roles, 1 ORG_ADMIN role to RA7',
        '',
        'New organisations with no administrator (grant ORG_ADMIN or ICB_ADMIN there):',
        '  K0N6A',
      ].join('\n'),
    );

    const closed = await app.dataSource.query(
      `SELECT o.ods_code, o.is_active, o.closed_on::text, s.ods_code AS successor FROM organisation o JOIN organisation s ON s.id = o.successor_id ORDER BY 1`,
    );
    expect(closed).toEqual([
      { ods_code: 'QH8', is_active: false, closed_on: '2026-03-31', successor: 'D7T5G' },
      { ods_code: 'RVJ', is_active: false, closed_on: '2026-06-30', successor: 'RA7' },
    ]);
    // Moved, not copied: a grant at the closed organisation would still reach what is left beneath it.
    expect(await rolesOf(trustAdmin.id)).toEqual([
      { ods_code: 'RA7', role: 'LEARNER', granted_by_id: null },
      { ods_code: 'RA7', role: 'ORG_ADMIN', granted_by_id: null },
    ]);
    expect(await rolesOf(lead.id)).toEqual([
      { ods_code: 'RA7', role: 'DASV_LEAD', granted_by_id: null },
      { ods_code: 'RA7', role: 'LEARNER', granted_by_id: null },
    ]);
    expect(await rolesOf(icbAdmin.id)).toEqual([{ ods_code: 'D7T5G', role: 'ICB_ADMIN', granted_by_id: null }]);
    const leads = await app.dataSource.query(
      `SELECT o.ods_code, l.ended_at IS NULL AS is_current FROM dasv_lead l JOIN organisation o ON o.id = l.organisation_id WHERE l.user_id = $1 ORDER BY 1`,
      [lead.id],
    );
    expect(leads).toEqual([
      { ods_code: 'RA7', is_current: true },
      { ods_code: 'RVJ', is_current: false },
    ]);
    const asked = await app.dataSource.query(
      `SELECT o.ods_code FROM nomination_request q JOIN organisation o ON o.id = q.organisation_id WHERE q.return_id = $1 AND o.ods_code IN ('QH8', 'D7T5G') ORDER BY 1`,
      [returnId],
    );
    expect(asked).toEqual([{ ods_code: 'D7T5G' }, { ods_code: 'QH8' }]);

    const audit = await app.dataSource.query(
      `SELECT a.action, o.ods_code, a.details->>'role' AS role, a.actor_id FROM audit_event a JOIN organisation o ON o.id = a.organisation_id
       WHERE a.action IN ('role.inherited', 'dasv_lead.inherited', 'nomination_request.inherited') ORDER BY 1, 2, 3`,
    );
    expect(audit).toEqual([
      { action: 'dasv_lead.inherited', ods_code: 'RA7', role: null, actor_id: null },
      { action: 'nomination_request.inherited', ods_code: 'D7T5G', role: null, actor_id: null },
      { action: 'role.inherited', ods_code: 'D7T5G', role: 'ICB_ADMIN', actor_id: null },
      { action: 'role.inherited', ods_code: 'RA7', role: 'DASV_LEAD', actor_id: null },
      { action: 'role.inherited', ods_code: 'RA7', role: 'LEARNER', actor_id: null },
      { action: 'role.inherited', ods_code: 'RA7', role: 'LEARNER', actor_id: null },
      { action: 'role.inherited', ods_code: 'RA7', role: 'ORG_ADMIN', actor_id: null },
    ]);

    // The ICB admin now administers the merged ICB, through the API.
    const agent = app.client();
    const signIn = await app.gql(agent, `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, {
      i: { email: icbAdmin.email, password: icbAdmin.password },
    });
    expect(signIn.errors).toBeUndefined();
    const within = await app.gql(agent, `{ organisations(within: "D7T5G", first: 10) { edges { node { odsCode } } } }`);
    expect(within.errors).toBeUndefined();
    expect(within.data!.organisations.edges.map((e: { node: { odsCode: string } }) => e.node.odsCode).sort()).toEqual(['R1L', 'RAJ']);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await platformState(app.dataSource);
    const result = orgsImport('etr-2026.csv', 'etr-2026-essex.csv', 'succ-2026.csv', '--icbs', 'icbs-2026.csv');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\nNo changes.');
    expect(result.stdout).not.toContain('Closed with a successor');
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('reads a Windows-1252 file as such, says so, and writes no replacement character', async () => {
    const result = orgsImport('etr-windows-1252.csv');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "  renamed    TRUST RJ1    GUY'S AND ST THOMAS' NHS FOUNDATION TRUST -> GUY\u2019S AND ST THOMAS\u2019 NHS FOUNDATION TRUST\n",
    );
    expect(result.stdout).toContain('Notes:\n  etr-windows-1252.csv: not UTF-8, read as Windows-1252.');
    const [rj1] = await app.dataSource.query(`SELECT name, ods_name FROM organisation WHERE ods_code = 'RJ1'`);
    // ODS's spelling is kept as imported; people read it in mixed case.
    expect(rj1).toEqual({ name: 'Guy\u2019s and St Thomas\u2019 NHS Foundation Trust', ods_name: 'GUY\u2019S AND ST THOMAS\u2019 NHS FOUNDATION TRUST' });
    expect(await countRows(app.dataSource, 'organisation', `name LIKE '%' || chr(65533) || '%' OR ods_name LIKE '%' || chr(65533) || '%'`)).toBe(0);
  });

  it('refuses a file that already holds U+FFFD, naming the line, and writes nothing', async () => {
    const before = await platformState(app.dataSource);
    const result = orgsImport('etr-replacement-character.csv');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'Import refused (ORGANISATION_IMPORT_INVALID_FILE): etr-replacement-character.csv, line 2: contains the replacement character U+FFFD, left where an earlier conversion lost a letter; fetch the file again from its source',
    );
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  describe('with a successor file that cannot be imported as it stands', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'dasv-succ-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const withSucc = (content: string, ...args: string[]) => {
      writeFileSync(join(dir, 'succ.csv'), content);
      return runCliAsOperator(['orgs:import', join(dir, 'succ.csv'), ...args], { DATABASE_URL: app.config.databaseUrl }, FIXTURES);
    };

    it('names the line of a malformed record, and writes nothing', async () => {
      const before = await platformState(app.dataSource);
      const result = withSucc('"RRP","G6V2S","R","20241101",""\n"RH5","RA7","R","2026-07-01",""\n');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('succ.csv, line 2: effective date "2026-07-01" is not a date in ODS\'s yyyymmdd form');
      expect(await platformState(app.dataSource)).toEqual(before);
    });

    it('refuses a trust the trust extract keeps open, then a successor the platform does not hold, naming the lines, and writes nothing', async () => {
      const before = await platformState(app.dataSource);
      const result = withSucc('"RH5","RZZ","R","20260401",""\n"RJ1","RA7","R","20260401",""\n', '--trusts', 'etr-2026.csv');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Import refused (ORGANISATION_IMPORT_CONFLICTING_ROWS)');
      expect(result.stderr).toContain('  RJ1    open in etr-2026.csv line 4 but succeeded in succ.csv, line 2');
      expect(await platformState(app.dataSource)).toEqual(before);

      const unknown = withSucc('"RH5","RZZ","R","20260401",""\n');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('  RZZ    named as the successor of RH5 (succ.csv, line 1)');
      expect(await platformState(app.dataSource)).toEqual(before);
    });

    it('leaves a split to the operator and a succession still ahead to a later import', () => {
      const result = withSucc('"RH5","RA7","R","20260401",""\n"RH5","RBV","R","20260401",""\n"RJ1","RA7","R","20991231",""\n', '--dry-run');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('  closed     TRUST RH5    on 2026-03-31\n');
      expect(result.stdout).not.toContain('succeeded by');
      expect(result.stdout).toContain('  succeeding RJ1 by RA7 on 2099-12-31 (a later import applies them)');
      expect(result.stdout).toContain(
        'RH5 was split between RA7 and RBV (succ.csv, line 1; succ.csv, line 2): it is closed with no successor; name the one its leads and roles go to with --successor RH5=RA7.',
      );
    });
  });
});
