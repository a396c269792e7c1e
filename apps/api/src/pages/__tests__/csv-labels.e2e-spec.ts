import { parse } from 'csv-parse/sync';
import { LeadRole } from '@dasv/leads';
import { OrganisationType } from '@dasv/organisations';
import { createLead, createTestApp, nationalAdmin, Role, TestApp } from '@dasv/testing';

/**
 * Every enum value a CSV could leak, and anything shaped like one (REGIONAL_ADMIN, UNREACHABLE_ORG);
 * "ICB" is also the word people use (a column of the directory says which ICB).
 */
const ENUM_VALUES = new Set<string>(
  [...Object.values(Role), ...Object.values(LeadRole), ...Object.values(OrganisationType)].map(String).filter((value) => value !== 'ICB'),
);
const UPPER_SNAKE = /^[A-Z]+(_[A-Z]+)+$/;

function enumLikeCells(csv: string): string[] {
  const records: string[][] = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true });
  return records.flat().filter((cell) => ENUM_VALUES.has(cell.trim()) || UPPER_SNAKE.test(cell.trim()));
}

describe('CSV exports are in words', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('no header or cell of the audit trail, training rates, learners not completed or lead directory exports is an enum value', async () => {
    const admin = await nationalAdmin(app);
    // Something in each export: an invitation as a regional admin (audit), a lead (directory), a learner part-way (training).
    const invited = await app.gql(admin, `mutation($i: InviteUserInput!) { inviteUser(input: $i) { id } }`, {
      i: { email: `csv.labels.${process.pid}@nhs.net`, name: 'Remi Regional', organisationOdsCode: 'Y56', role: 'REGIONAL_ADMIN' },
    });
    expect(invited.errors).toBeUndefined();
    await createLead(app.dataSource, { odsCode: 'RJ1', name: 'Cara Csv', leadRole: 'OPERATIONAL' });
    const learner = await app.signedIn({ odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    expect((await app.gql(learner.agent, `mutation { startCourse(slug: "understanding-sexual-misconduct") { enrolmentId } }`)).errors).toBeUndefined();

    // Two exports a request: each costs most of one request's complexity budget.
    const first = await app.gql(admin, `{ audit: auditEventsCsv directory: directoryCsv }`);
    const second = await app.gql(
      admin,
      `{ rates: completionDashboardCsv(slug: "understanding-sexual-misconduct")
         learners: learnersNotCompletedCsv(slug: "understanding-sexual-misconduct", odsCode: "RJ1") }`,
    );
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    const csvs = { ...first.data, ...second.data } as Record<'audit' | 'rates' | 'learners' | 'directory', string>;
    expect(csvs.audit).toContain('Remi Regional as regional administrator of London');
    expect(csvs.rates).toContain(',Trust,');
    expect(csvs.directory).toContain('Cara Csv');
    expect(csvs.learners.split('\r\n').length).toBeGreaterThan(2);
    for (const [name, csv] of Object.entries(csvs)) expect({ name, leaked: enumLikeCells(csv) }).toEqual({ name, leaked: [] });
  });
});
