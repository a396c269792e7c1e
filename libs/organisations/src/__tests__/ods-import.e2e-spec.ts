import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  OdsImportRequest,
  OdsImportService,
  OdsImportSummary,
  OrganisationErrorReason,
  OrganisationImportError,
  parseIcbList,
  parseOdsExtract,
  parseSuccessorList,
  parseSuccessorOption,
  referenceDataDirectory,
} from '@dasv/organisations';
import { countRows, createTestApp, Role, runCli, TestApp } from '@dasv/testing';

// The real extracts (libs/organisations/data/ods) and a hand-made 2026 extract in the same headerless
// layout (fixtures/etr-2026.csv). Its rows are real codes; most are copied from a 2026 ODS extract
// (README.md, "Later changes"): RA7 renamed BRISTOL NHS FOUNDATION TRUST, RVJ North Bristol closed on
// 2026-06-30, R1L moved to the merged Essex ICB D7T5G, K0N6A The Online NHS Trust opened under QKK.
// RPG Oxleas moving back from Kent and Medway (QKS, South East) to South East London (QKK, London) is
// made up, to cross regions. RQF is Welsh; RRP closed in 2024 and was never on the platform.
// The name of D7T5G in fixtures/icbs-2026.csv is ours: the extract carries only the code.
const ODS = join(referenceDataDirectory(), 'ods');
const FIXTURES = join(__dirname, 'fixtures');
const ETR_2026 = join(FIXTURES, 'etr-2026.csv');
const ICBS_2026 = join(FIXTURES, 'icbs-2026.csv');
const SUCCESSORS_2026 = join(FIXTURES, 'successors-2026.csv');
// Every date in the extracts is behind this; the tests with dates still ahead set their own clock.
const LATE_2026 = new Date('2026-11-24T12:00:00Z');

const extract = (path: string) => parseOdsExtract(readFileSync(path), basename(path));
const icbList = (path: string) => parseIcbList(readFileSync(path), basename(path));

function importRequest(parts: Partial<OdsImportRequest>): OdsImportRequest {
  return { trusts: [], subIcbLocations: [], icbs: [], successors: [], ...parts };
}

/** Everything an import may write: organisations, the closure table and the audit trail. */
async function platformState(dataSource: DataSource) {
  return {
    organisations: await dataSource.query(
      `SELECT o.ods_code, o.name, o.type, o.kind, p.ods_code AS parent, o.is_active, o.closed_on::text, s.ods_code AS successor, o.updated_at
       FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id LEFT JOIN organisation s ON s.id = o.successor_id
       ORDER BY o.ods_code`,
    ),
    ancestors: await dataSource.query(
      `SELECT a.ods_code AS ancestor, d.ods_code AS descendant, x.depth
       FROM organisation_ancestor x JOIN organisation a ON a.id = x.ancestor_id JOIN organisation d ON d.id = x.descendant_id
       ORDER BY 2, 3`,
    ),
    audit: await countRows(dataSource, 'audit_event'),
  };
}

async function refusalOf(work: Promise<unknown>): Promise<OrganisationImportError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof OrganisationImportError)) throw new Error(`expected the import to be refused, got ${String(error)}`);
  return error;
}

const NO_CHANGES = { added: 0, renamed: 0, moved: 0, closed: 0, reopened: 0, successor: 0 };

describe('ODS import: the real extracts over the seed', () => {
  let app: TestApp;
  let importer: OdsImportService;
  beforeAll(async () => {
    app = await createTestApp({ now: LATE_2026 });
    importer = app.api.get(OdsImportService);
  });
  afterAll(() => app.close());

  it('finds the seed up to date with etr.csv: Welsh and closed-elsewhere rows skipped, the care trusts left alone', async () => {
    const before = await platformState(app.dataSource);
    const summary = await importer.importExtracts(importRequest({ trusts: [extract(join(ODS, 'etr.csv'))] }));

    // trusts.csv was derived from this file (open rows, Welsh dropped), after RPG's move to QKS and
    // RXK's to QUA (README, "Known gaps"), so the file implies no change at all.
    expect(summary.counts).toEqual({ ...NO_CHANGES, unchanged: 202 });
    expect(summary.changes).toEqual([]);
    expect(summary.skipped.outsideEngland).toEqual([
      { odsCode: 'RQF', nationalGroupingCode: null },
      { odsCode: 'RT4', nationalGroupingCode: null },
      { odsCode: 'RYT', nationalGroupingCode: null },
    ]);
    expect(summary.skipped.closedNotOnPlatform).toHaveLength(68);
    expect(summary.skipped.notYetOpen).toEqual([]);
    expect(summary.closingLater).toEqual([]);
    expect(summary.notes).toEqual([]);

    expect(await platformState(app.dataSource)).toEqual(before);
    const careTrusts = await app.dataSource.query(`SELECT ods_code, is_active FROM organisation WHERE ods_code IN ('TAD', 'TAH', 'TAJ') ORDER BY 1`);
    expect(careTrusts).toEqual([
      { ods_code: 'TAD', is_active: true },
      { ods_code: 'TAH', is_active: true },
      { ods_code: 'TAJ', is_active: true },
    ]);
  });

  it('reports zero changes on a second import, with the sub-ICB file checked and adding nothing', async () => {
    const before = await platformState(app.dataSource);
    const summary = await importer.importExtracts(
      importRequest({ trusts: [extract(join(ODS, 'etr.csv'))], subIcbLocations: [extract(join(ODS, 'eccg.csv'))] }),
    );
    expect(summary.counts).toEqual({ ...NO_CHANGES, unchanged: 202 });
    expect(summary.sources).toEqual(['etr.csv', 'eccg.csv']);
    expect(summary.notes).toEqual([
      'eccg.csv: 159 open sub-ICB locations in 42 ICBs checked; every ICB-to-region grouping agrees with the platform. Sub-ICB locations are not organisations here, so none were added.',
    ]);
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('notes sub-ICB groupings that disagree with the platform, without refusing or writing', async () => {
    const before = await platformState(app.dataSource);
    const eccg = extract(join(ODS, 'eccg.csv'));
    // As if ODS had regrouped South East London's locations under the South East, and a new ICB appeared.
    const rows = eccg.rows.map((r) => (r.highLevelHealthGeographyCode === 'QKK' ? { ...r, nationalGroupingCode: 'Y59' } : r));
    rows.push({ ...rows[0], odsCode: 'X9X9X', highLevelHealthGeographyCode: 'D7T5G', nationalGroupingCode: 'Y61', closedOn: null });
    const summary = await importer.importExtracts(importRequest({ subIcbLocations: [{ source: 'eccg.csv', rows }] }));
    expect(summary.counts).toEqual({ ...NO_CHANGES, unchanged: 0 });
    expect(summary.notes).toEqual([
      'eccg.csv: ICB D7T5G (region Y61) is not on the platform; add it with --icbs if trusts are to move under it.',
      'eccg.csv: ICB QKK sits under Y56 on the platform but ODS groups its locations under Y59.',
      'eccg.csv: 160 open sub-ICB locations in 43 ICBs checked; 2 ICBs disagree. Sub-ICB locations are not organisations here, so none were added.',
    ]);
    expect(await platformState(app.dataSource)).toEqual(before);
  });
});

describe('ODS import: a hand-made 2026 extract', () => {
  let app: TestApp;
  let importer: OdsImportService;
  beforeAll(async () => {
    app = await createTestApp({ now: LATE_2026 });
    importer = app.api.get(OdsImportService);
  });
  afterAll(() => app.close());

  const within = async (agent: Parameters<TestApp['gql']>[0], odsCode: string): Promise<string[]> => {
    const result = await app.gql(agent, `query($w: String!) { organisations(within: $w, first: 100) { edges { node { odsCode } } } }`, { w: odsCode });
    expect(result.errors).toBeUndefined();
    return result.data!.organisations.edges.map((e: { node: { odsCode: string } }) => e.node.odsCode);
  };

  it('refuses a trust under an ICB the platform does not know, naming the code, and writes nothing', async () => {
    const before = await platformState(app.dataSource);
    const error = await refusalOf(importer.importExtracts(importRequest({ trusts: [extract(ETR_2026)], successors: [parseSuccessorOption('RVJ=RA7')] })));
    expect(error.reason).toBe(OrganisationErrorReason.ImportUnknownParent);
    expect(error.odsCodes).toEqual(['D7T5G']);
    expect(error.problems).toEqual([{ odsCode: 'D7T5G', detail: 'ICB of R1L (etr-2026.csv line 2)' }]);
    expect(error.message).toContain('--icbs');
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('reports the changes on a dry run and writes nothing', async () => {
    const before = await platformState(app.dataSource);
    const summary = await importer.importExtracts(
      importRequest({ trusts: [extract(ETR_2026)], icbs: icbList(ICBS_2026), successors: [parseSuccessorOption('RVJ=RA7')] }),
      { dryRun: true },
    );
    expect(summary.dryRun).toBe(true);
    expect(summary.counts).toEqual({ added: 2, renamed: 1, moved: 2, closed: 1, reopened: 0, successor: 1, unchanged: 1 });
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('with the new ICB supplied, applies exactly the renames, moves, closure, addition and successor', async () => {
    const summary: OdsImportSummary = await importer.importExtracts(
      importRequest({ trusts: [extract(ETR_2026)], icbs: icbList(ICBS_2026), successors: [parseSuccessorOption('RVJ=RA7')] }),
    );
    expect(summary.dryRun).toBe(false);
    expect(summary.counts).toEqual({ added: 2, renamed: 1, moved: 2, closed: 1, reopened: 0, successor: 1, unchanged: 1 });
    expect(summary.changes).toEqual([
      { kind: 'added', odsCode: 'D7T5G', type: 'ICB', name: 'NHS ESSEX INTEGRATED CARE BOARD', parentOdsCode: 'Y61' },
      { kind: 'added', odsCode: 'K0N6A', type: 'TRUST', name: 'THE ONLINE NHS TRUST', parentOdsCode: 'QKK' },
      { kind: 'moved', odsCode: 'R1L', type: 'TRUST', fromParentOdsCode: 'QH8', toParentOdsCode: 'D7T5G' },
      {
        kind: 'renamed',
        odsCode: 'RA7',
        type: 'TRUST',
        fromName: 'UNIVERSITY HOSPITALS BRISTOL AND WESTON NHS FOUNDATION TRUST',
        toName: 'BRISTOL NHS FOUNDATION TRUST',
      },
      { kind: 'moved', odsCode: 'RPG', type: 'TRUST', fromParentOdsCode: 'QKS', toParentOdsCode: 'QKK' },
      { kind: 'closed', odsCode: 'RVJ', type: 'TRUST', closedOn: '2026-06-30', previousClosedOn: null },
      { kind: 'successor', odsCode: 'RVJ', type: 'TRUST', successorOdsCode: 'RA7', previousSuccessorOdsCode: null },
    ]);
    expect(summary.skipped).toEqual({ outsideEngland: [{ odsCode: 'RQF', nationalGroupingCode: null }], closedNotOnPlatform: ['RRP'], notYetOpen: [] });

    const rows = await app.dataSource.query(
      `SELECT o.ods_code, o.name, o.type, p.ods_code AS parent, o.is_active, o.closed_on::text, s.ods_code AS successor
       FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id LEFT JOIN organisation s ON s.id = o.successor_id
       WHERE o.ods_code IN ('D7T5G', 'K0N6A', 'R1L', 'RA7', 'RJ1', 'RPG', 'RQF', 'RRP', 'RVJ') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { ods_code: 'D7T5G', name: 'NHS Essex Integrated Care Board', type: 'ICB', parent: 'Y61', is_active: true, closed_on: null, successor: null },
      { ods_code: 'K0N6A', name: 'The Online NHS Trust', type: 'TRUST', parent: 'QKK', is_active: true, closed_on: null, successor: null },
      {
        ods_code: 'R1L',
        name: 'Essex Partnership University NHS Foundation Trust',
        type: 'TRUST',
        parent: 'D7T5G',
        is_active: true,
        closed_on: null,
        successor: null,
      },
      { ods_code: 'RA7', name: 'Bristol NHS Foundation Trust', type: 'TRUST', parent: 'QUY', is_active: true, closed_on: null, successor: null },
      { ods_code: 'RJ1', name: "Guy's and St Thomas' NHS Foundation Trust", type: 'TRUST', parent: 'QKK', is_active: true, closed_on: null, successor: null },
      { ods_code: 'RPG', name: 'Oxleas NHS Foundation Trust', type: 'TRUST', parent: 'QKK', is_active: true, closed_on: null, successor: null },
      // Closed, not deleted: its history stays, and its successor says where its work went.
      { ods_code: 'RVJ', name: 'North Bristol NHS Trust', type: 'TRUST', parent: 'QUY', is_active: false, closed_on: '2026-06-30', successor: 'RA7' },
    ]);
    // People read names in mixed case; ODS's spelling is kept as imported, and later imports compare with it.
    await expect(app.dataSource.query(`SELECT ods_code, ods_name FROM organisation WHERE ods_code IN ('D7T5G', 'RA7') ORDER BY 1`)).resolves.toEqual([
      { ods_code: 'D7T5G', ods_name: 'NHS ESSEX INTEGRATED CARE BOARD' },
      { ods_code: 'RA7', ods_name: 'BRISTOL NHS FOUNDATION TRUST' },
    ]);

    const audit = await app.dataSource.query(
      `SELECT action, details->>'odsCode' AS ods_code, actor_id FROM audit_event WHERE action LIKE 'organisation.%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'organisation.added', ods_code: 'D7T5G', actor_id: null },
      { action: 'organisation.added', ods_code: 'K0N6A', actor_id: null },
      { action: 'organisation.moved', ods_code: 'R1L', actor_id: null },
      { action: 'organisation.renamed', ods_code: 'RA7', actor_id: null },
      { action: 'organisation.moved', ods_code: 'RPG', actor_id: null },
      { action: 'organisation.closed', ods_code: 'RVJ', actor_id: null },
      { action: 'organisation.successor_set', ods_code: 'RVJ', actor_id: null },
    ]);
  });

  it('moves subtrees with the trusts: RPG is found under South East London and London, no longer under Kent and Medway or the South East', async () => {
    const { agent } = await app.signedIn({ odsCode: 'X24', roles: [{ role: Role.NATIONAL_ADMIN }] });
    expect(await within(agent, 'QKK')).toEqual(expect.arrayContaining(['RPG', 'K0N6A', 'RJ1']));
    expect(await within(agent, 'Y56')).toEqual(expect.arrayContaining(['RPG', 'K0N6A']));
    expect(await within(agent, 'QKS')).not.toContain('RPG');
    expect(await within(agent, 'Y59')).not.toContain('RPG');
    expect(await within(agent, 'D7T5G')).toEqual(['R1L']);
    expect(await within(agent, 'QH8')).not.toContain('R1L');
    expect(await within(agent, 'Y61')).toEqual(expect.arrayContaining(['D7T5G', 'R1L']));
    // Closed trusts leave the default lists.
    expect(await within(agent, 'QUY')).not.toContain('RVJ');

    const rvj = await app.gql(agent, `{ organisation(odsCode: "RVJ") { isActive closedOn successor { odsCode name } } }`);
    expect(rvj.data!.organisation).toEqual({ isActive: false, closedOn: '2026-06-30', successor: { odsCode: 'RA7', name: 'Bristol NHS Foundation Trust' } });
    // GraphQL gives both spellings: the one people read, and ODS's own.
    const ra7 = await app.gql(agent, `{ organisation(odsCode: "RA7") { name odsName } }`);
    expect(ra7.data!.organisation).toEqual({ name: 'Bristol NHS Foundation Trust', odsName: 'BRISTOL NHS FOUNDATION TRUST' });
  });

  it('reports zero changes when the same files are imported again (successors from a file this time)', async () => {
    const before = await platformState(app.dataSource);
    const summary = await importer.importExtracts(
      importRequest({
        trusts: [extract(ETR_2026)],
        icbs: icbList(ICBS_2026),
        successors: parseSuccessorList(readFileSync(SUCCESSORS_2026), 'successors-2026.csv'),
      }),
    );
    expect(summary.counts).toEqual({ ...NO_CHANGES, unchanged: 7 });
    expect(summary.changes).toEqual([]);
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('refuses a successor for an open organisation (OLD=NEW the wrong way round) or an unknown code', async () => {
    const before = await platformState(app.dataSource);
    const reversed = await refusalOf(importer.importExtracts(importRequest({ successors: [parseSuccessorOption('RA7=RVJ')] })));
    expect(reversed.reason).toBe(OrganisationErrorReason.ImportSuccessorForOpenOrganisation);
    expect(reversed.odsCodes).toEqual(['RA7']);

    const unknown = await refusalOf(importer.importExtracts(importRequest({ successors: [parseSuccessorOption('RVJ=RZZ')] })));
    expect(unknown.reason).toBe(OrganisationErrorReason.ImportUnknownOrganisation);
    expect(unknown.odsCodes).toEqual(['RZZ']);

    const toAnIcb = await refusalOf(importer.importExtracts(importRequest({ successors: [parseSuccessorOption('RVJ=QUY')] })));
    expect(toAnIcb.reason).toBe(OrganisationErrorReason.ImportTypeMismatch);
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('changes a successor already set, on its own', async () => {
    const summary = await importer.importExtracts(importRequest({ successors: [parseSuccessorOption('RVJ=RJ1')] }));
    expect(summary.changes).toEqual([{ kind: 'successor', odsCode: 'RVJ', type: 'TRUST', successorOdsCode: 'RJ1', previousSuccessorOdsCode: 'RA7' }]);
    const [row] = await app.dataSource.query(`SELECT s.ods_code FROM organisation o JOIN organisation s ON s.id = o.successor_id WHERE o.ods_code = 'RVJ'`);
    expect(row.ods_code).toBe('RJ1');
  });

  it('reopens a closed trust that an extract lists as open again', async () => {
    const rvjOpen = parseOdsExtract(
      '"RVJ","NORTH BRISTOL NHS TRUST","Y58","QUY","SOUTHMEAD HOSPITAL","","","BRISTOL","","BS10 5NB","19990401","","","","","","","","","","","1","","K","","",""',
      'etr.csv',
    );
    const summary = await importer.importExtracts(importRequest({ trusts: [rvjOpen] }));
    expect(summary.changes).toEqual([{ kind: 'reopened', odsCode: 'RVJ', type: 'TRUST', previousClosedOn: '2026-06-30' }]);
    const [row] = await app.dataSource.query(`SELECT is_active, closed_on FROM organisation WHERE ods_code = 'RVJ'`);
    expect(row).toEqual({ is_active: true, closed_on: null });
  });

  it('refuses files that disagree about a code, or call an ICB a trust', async () => {
    const before = await platformState(app.dataSource);
    const rj1Renamed = { source: 'ect.csv', rows: [{ ...extract(ETR_2026).rows[3], name: 'ANOTHER NAME', line: 1 }] };
    const conflicting = await refusalOf(importer.importExtracts(importRequest({ trusts: [extract(ETR_2026), rj1Renamed] })));
    expect(conflicting.reason).toBe(OrganisationErrorReason.ImportConflictingRows);
    expect(conflicting.problems).toEqual([{ odsCode: 'RJ1', detail: 'etr-2026.csv line 4 and ect.csv line 1 disagree' }]);

    const icbAsTrust = { source: 'etr.csv', rows: [{ ...extract(ETR_2026).rows[3], odsCode: 'QUY' }] };
    const mistyped = await refusalOf(importer.importExtracts(importRequest({ trusts: [icbAsTrust] })));
    expect(mistyped.reason).toBe(OrganisationErrorReason.ImportTypeMismatch);
    expect(mistyped.odsCodes).toEqual(['QUY']);
    expect(await platformState(app.dataSource)).toEqual(before);
  });
});

describe('ODS import: dates still ahead', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-05-01T12:00:00Z') });
  });
  afterAll(() => app.close());

  it('leaves a trust open until its close date has passed and adds a trust only once it has opened', async () => {
    const summary = await app.api.get(OdsImportService).importExtracts(importRequest({ trusts: [extract(ETR_2026)], icbs: icbList(ICBS_2026) }));
    expect(summary.counts).toEqual({ added: 1, renamed: 1, moved: 2, closed: 0, reopened: 0, successor: 0, unchanged: 2 });
    expect(summary.closingLater).toEqual([{ odsCode: 'RVJ', closedOn: '2026-06-30' }]);
    expect(summary.skipped.notYetOpen).toEqual([{ odsCode: 'K0N6A', openedOn: '2026-06-01' }]);
    expect(await countRows(app.dataSource, 'organisation', `ods_code = 'K0N6A'`)).toBe(0);
    expect(await countRows(app.dataSource, 'organisation', `ods_code = 'RVJ' AND is_active`)).toBe(1);
  });
});

describe('ODS import: the orgs:import command', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const cli = (args: string[], cwd?: string) => runCli(['orgs:import', ...args], { DATABASE_URL: app.config.databaseUrl }, cwd);

  it('exits 1 naming the unknown ICB, with nothing written', async () => {
    const before = await platformState(app.dataSource);
    const result = cli([ETR_2026]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Import refused (ORGANISATION_IMPORT_UNKNOWN_PARENT): 1 parent code is not on the platform: D7T5G.');
    expect(result.stderr).toContain('  D7T5G  ICB of R1L (etr-2026.csv line 2)');
    expect(await platformState(app.dataSource)).toEqual(before);
  });

  it('imports with --icbs and --successor, printing the summary, and then finds nothing to do', async () => {
    const result = cli([ETR_2026, '--icbs', ICBS_2026, '--successor', 'RVJ=RA7']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(
      [
        'ODS import: etr-2026.csv, icbs-2026.csv',
        '  added      2',
        '  renamed    1',
        '  moved      2',
        '  closed     1',
        '  reopened   0',
        '  successor  1',
        '  unchanged  1',
        '  skipped    1 outside England (RQF); 1 closed and never on the platform',
        '',
        'Changes:',
        '  added      ICB   D7T5G  NHS ESSEX INTEGRATED CARE BOARD, under Y61',
        '  added      TRUST K0N6A  THE ONLINE NHS TRUST, under QKK',
        '  renamed    TRUST RA7    UNIVERSITY HOSPITALS BRISTOL AND WESTON NHS FOUNDATION TRUST -> BRISTOL NHS FOUNDATION TRUST',
        '  moved      TRUST R1L    QH8 -> D7T5G',
        '  moved      TRUST RPG    QKS -> QKK',
        '  closed     TRUST RVJ    on 2026-06-30',
        '  successor  TRUST RVJ    succeeded by RA7',
        '',
        'Closed with a successor:',
        '  TRUST RVJ    -> RA7    carried over: nothing',
        '',
        'New organisations with no administrator (grant ORG_ADMIN or ICB_ADMIN there):',
        '  D7T5G',
        '  K0N6A',
      ].join('\n'),
    );
    expect(await countRows(app.dataSource, 'organisation', `ods_code = 'RVJ' AND NOT is_active`)).toBe(1);

    // Relative names are resolved against the directory the command runs in (npm's INIT_CWD, via scripts/cli.js).
    const again = cli(['etr-2026.csv', '--icbs=icbs-2026.csv', '--successors', 'successors-2026.csv', '--successor', 'RVJ=RA7'], FIXTURES);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('  unchanged  7\n');
    expect(again.stdout).toContain('\nNo changes.');
  });

  it('exits 2 on a usage error', () => {
    const result = cli(['trusts-latest.csv']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('pass it with --trusts or --sub-icbs');
  });
});
