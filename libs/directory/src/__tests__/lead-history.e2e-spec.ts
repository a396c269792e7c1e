import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type TestAgent from 'supertest/lib/agent';
import { OdsImportRequest, OdsImportService, parseIcbList, parseOdsExtract, parseSuccessorOption } from '@dasv/organisations';
import { addLead, countRows, createLead, createTestApp, endLead, Role, runCli, TestApp, TestLead } from '@dasv/testing';

// The ODS import's own 2026 fixtures (libs/organisations/src/__tests__): among other changes, North
// Bristol (RVJ) closes on 2026-06-30, and RVJ=RA7 makes Bristol (RA7) its successor.
const FIXTURES = join(__dirname, '..', '..', '..', 'organisations', 'src', '__tests__', 'fixtures');
const ETR_2026 = join(FIXTURES, 'etr-2026.csv');
const ICBS_2026 = join(FIXTURES, 'icbs-2026.csv');
const LATE_2026 = new Date('2026-11-24T12:00:00Z');

const LEADS = `query($ods: String!) {
  organisationLeads(odsCode: $ods) {
    organisation { odsCode }
    current { id leadRole startedAt endedAt organisation { odsCode } person { name } }
    past { id leadRole startedAt endedAt organisation { odsCode } person { name } successor { id leadRole startedAt organisation { odsCode } person { name } } }
  }
}`;

interface LeadNode {
  id: string;
  leadRole: string;
  startedAt: string;
  endedAt: string | null;
  organisation: { odsCode: string };
  person: { name: string };
  successor?: { id: string; leadRole: string; startedAt: string; organisation: { odsCode: string }; person: { name: string } } | null;
}

function importRequest(): OdsImportRequest {
  return {
    trusts: [parseOdsExtract(readFileSync(ETR_2026), basename(ETR_2026))],
    subIcbLocations: [],
    icbs: parseIcbList(readFileSync(ICBS_2026), basename(ICBS_2026)),
    successors: [parseSuccessorOption('RVJ=RA7')],
  };
}

describe('an organisation’s leads and their history', () => {
  let app: TestApp;
  let agent: TestAgent;

  const leadsOf = async (odsCode: string): Promise<{ current: LeadNode[]; past: LeadNode[] }> => {
    const result = await app.gql(agent, LEADS, { ods: odsCode });
    expect(result.errors).toBeUndefined();
    return result.data!.organisationLeads;
  };
  const brief = (lead: LeadNode) => [lead.person.name, lead.leadRole, lead.organisation.odsCode, lead.startedAt, lead.endedAt];

  beforeAll(async () => {
    app = await createTestApp({ now: LATE_2026 });
    ({ agent } = await app.signedIn({ odsCode: 'RBV', roles: [{ role: Role.DASV_LEAD }] }));
  });
  afterAll(() => app.close());

  it('shows the current leads and, after a handover, who was lead before and who took over', async () => {
    const alex = await createLead(app.dataSource, { name: 'Alex Morgan', odsCode: 'RBV', leadRole: 'EXECUTIVE', startedAt: new Date('2023-04-01T08:00:00Z') });
    const bea = await createLead(app.dataSource, { name: 'Bea Nwosu', odsCode: 'RBV', leadRole: 'EXECUTIVE', startedAt: new Date('2025-10-01T08:00:00Z') });
    await createLead(app.dataSource, { name: 'Carl Evans', odsCode: 'RBV', leadRole: 'OPERATIONAL', startedAt: new Date('2024-01-15T08:00:00Z') });
    await endLead(app.dataSource, alex.leadId, { at: new Date('2025-09-30T16:00:00Z'), successorLeadId: bea.leadId });

    const { current, past } = await leadsOf('rbv');
    expect(current.map(brief)).toEqual([
      ['Bea Nwosu', 'EXECUTIVE', 'RBV', '2025-10-01T08:00:00.000Z', null],
      ['Carl Evans', 'OPERATIONAL', 'RBV', '2024-01-15T08:00:00.000Z', null],
    ]);
    expect(past.map(brief)).toEqual([['Alex Morgan', 'EXECUTIVE', 'RBV', '2023-04-01T08:00:00.000Z', '2025-09-30T16:00:00.000Z']]);
    expect(past[0].successor).toMatchObject({ id: bea.leadId, person: { name: 'Bea Nwosu' } });

    const unknown = await app.gql(agent, LEADS, { ods: 'ZZZ99' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
  });

  describe('when an ODS import merges North Bristol into Bristol', () => {
    let dana: TestLead;
    let ed: TestLead;
    let edAtBristol: string;
    let fay: TestLead;
    let gil: TestLead;
    const leadRows = () =>
      app.dataSource.query(`SELECT id, organisation_id, user_id, lead_role, started_at, ended_at, successor_id FROM dasv_lead ORDER BY id`);

    beforeAll(async () => {
      dana = await createLead(app.dataSource, { name: 'Dana Price', odsCode: 'RVJ', leadRole: 'EXECUTIVE', startedAt: new Date('2024-06-03T08:00:00Z') });
      // Already Bristol's operational lead as well: she keeps that row rather than gaining a second.
      ed = await createLead(app.dataSource, { name: 'Ed Carter', odsCode: 'RVJ', leadRole: 'OPERATIONAL', startedAt: new Date('2024-06-03T08:00:00Z') });
      edAtBristol = await addLead(app.dataSource, { userId: ed.id, odsCode: 'RA7', leadRole: 'OPERATIONAL', startedAt: new Date('2025-01-06T08:00:00Z') });
      fay = await createLead(app.dataSource, { name: 'Fay Hughes', odsCode: 'RVJ', leadRole: 'OPERATIONAL', startedAt: new Date('2022-04-01T08:00:00Z') });
      await endLead(app.dataSource, fay.leadId, { at: new Date('2024-05-31T16:00:00Z'), successorLeadId: ed.leadId });
      gil = await createLead(app.dataSource, { name: 'Gil Turner', odsCode: 'RA7', leadRole: 'EXECUTIVE', startedAt: new Date('2023-09-01T08:00:00Z') });
    });

    it('changes no lead on a dry run', async () => {
      const before = await leadRows();
      await app.api.get(OdsImportService).importExtracts(importRequest(), { dryRun: true });
      expect(await leadRows()).toEqual(before);
    });

    it('carries the current leads to the successor in the import, and shows the predecessor’s leads in its history', async () => {
      const summary = await app.api.get(OdsImportService).importExtracts(importRequest());
      expect(summary.changes).toContainEqual({ kind: 'successor', odsCode: 'RVJ', type: 'TRUST', successorOdsCode: 'RA7', previousSuccessorOdsCode: null });

      const bristol = await leadsOf('RA7');
      expect(bristol.current.map(brief)).toEqual([
        ['Gil Turner', 'EXECUTIVE', 'RA7', '2023-09-01T08:00:00.000Z', null],
        ['Dana Price', 'EXECUTIVE', 'RA7', LATE_2026.toISOString(), null],
        ['Ed Carter', 'OPERATIONAL', 'RA7', '2025-01-06T08:00:00.000Z', null],
      ]);
      expect(bristol.past.map(brief)).toEqual([
        ['Dana Price', 'EXECUTIVE', 'RVJ', '2024-06-03T08:00:00.000Z', LATE_2026.toISOString()],
        ['Ed Carter', 'OPERATIONAL', 'RVJ', '2024-06-03T08:00:00.000Z', LATE_2026.toISOString()],
        ['Fay Hughes', 'OPERATIONAL', 'RVJ', '2022-04-01T08:00:00.000Z', '2024-05-31T16:00:00.000Z'],
      ]);
      // Each ended row points at where the lead went on.
      expect(bristol.past[0].successor).toMatchObject({ id: bristol.current[1].id, organisation: { odsCode: 'RA7' }, person: { name: 'Dana Price' } });
      expect(bristol.past[1].successor).toMatchObject({ id: edAtBristol, organisation: { odsCode: 'RA7' } });
      expect(bristol.past[2].successor).toMatchObject({ id: ed.leadId, organisation: { odsCode: 'RVJ' } });

      const northBristol = await leadsOf('RVJ');
      expect(northBristol.current).toEqual([]);
      expect(northBristol.past.map((l) => l.person.name)).toEqual(['Dana Price', 'Ed Carter', 'Fay Hughes']);

      const directory = await app.gql(agent, `{ directory(organisation: "RA7") { edges { node { name } } } }`);
      expect(directory.data!.directory.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Dana Price', 'Ed Carter', 'Gil Turner']);
      expect((await app.gql(agent, `{ directory(organisation: "RVJ") { totalCount } }`)).data!.directory.totalCount).toBe(0);

      const audit = await app.dataSource.query(
        `SELECT a.details->>'userId' AS user_id, o.ods_code FROM audit_event a JOIN organisation o ON o.id = a.organisation_id WHERE a.action = 'dasv_lead.inherited' ORDER BY 1`,
      );
      expect(audit).toEqual(
        expect.arrayContaining([
          { user_id: dana.id, ods_code: 'RA7' },
          { user_id: ed.id, ods_code: 'RA7' },
        ]),
      );
      expect(audit).toHaveLength(2);
      expect(gil.leadId).toBe(bristol.current[0].id);
    });

    it('moves nothing when the same files are imported again', async () => {
      const before = await leadRows();
      const summary = await app.api.get(OdsImportService).importExtracts(importRequest());
      expect(summary.changes).toEqual([]);
      expect(await leadRows()).toEqual(before);
    });
  });
});

describe('lead succession through the orgs:import command', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ now: LATE_2026 });
  });
  afterAll(() => app.close());

  it('carries North Bristol’s lead to Bristol when an operator runs the import', async () => {
    const lead = await createLead(app.dataSource, { name: 'Hana Ito', odsCode: 'RVJ', leadRole: 'EXECUTIVE' });
    const result = runCli(['orgs:import', ETR_2026, '--icbs', ICBS_2026, '--successor', 'RVJ=RA7'], { DATABASE_URL: app.config.databaseUrl });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rows = await app.dataSource.query(
      `SELECT o.ods_code, l.ended_at IS NULL AS is_current, l.successor_id IS NOT NULL AS has_successor FROM dasv_lead l JOIN organisation o ON o.id = l.organisation_id WHERE l.user_id = $1 ORDER BY 1`,
      [lead.id],
    );
    expect(rows).toEqual([
      { ods_code: 'RA7', is_current: true, has_successor: false },
      { ods_code: 'RVJ', is_current: false, has_successor: true },
    ]);
    expect(await countRows(app.dataSource, 'audit_event', `action = 'dasv_lead.inherited'`)).toBe(1);
  });
});
