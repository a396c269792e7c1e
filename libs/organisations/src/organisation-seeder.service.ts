import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EntityManager } from 'typeorm';
import { projectRoot } from '@dasv/config';
import { mixedCaseOrganisationName } from './names/organisation-name';

/** NHS England's own ODS code: the root of the hierarchy. */
export const NHS_ENGLAND = { odsCode: 'X24', name: 'NHS ENGLAND' } as const;

export interface SeedRow {
  odsCode: string;
  name: string;
  type: 'NATIONAL' | 'REGION' | 'ICB' | 'TRUST';
  parentOdsCode: string | null;
  kind: string | null;
}

export function referenceDataDirectory(): string {
  return join(projectRoot(), 'libs', 'organisations', 'data');
}

function readCsv(file: string): Array<Record<string, string>> {
  return parse(readFileSync(join(referenceDataDirectory(), file)), { columns: true, skip_empty_lines: true, trim: true });
}

/** The shipped reference data (libs/organisations/data, with its sources in README.md), top level first. */
export function referenceOrganisations(): SeedRow[] {
  const regions = readCsv('regions.csv').map<SeedRow>((r) => ({
    odsCode: r.ods_code,
    name: r.name,
    type: 'REGION',
    parentOdsCode: NHS_ENGLAND.odsCode,
    kind: null,
  }));
  const icbs = readCsv('icbs.csv').map<SeedRow>((r) => ({ odsCode: r.ods_code, name: r.name, type: 'ICB', parentOdsCode: r.region_ods_code, kind: null }));
  const trusts = readCsv('trusts.csv').map<SeedRow>((r) => ({
    odsCode: r.ods_code,
    name: r.name,
    type: 'TRUST',
    parentOdsCode: r.icb_ods_code,
    kind: r.kind || null,
  }));
  return [{ odsCode: NHS_ENGLAND.odsCode, name: NHS_ENGLAND.name, type: 'NATIONAL', parentOdsCode: null, kind: null }, ...regions, ...icbs, ...trusts];
}

@Injectable()
export class OrganisationSeederService {
  /**
   * Inserts what is missing and leaves existing rows alone, so re-running the seed after an ODS
   * import never undoes the import. One statement per level: parents exist before their children.
   * The reference names are ODS's own (kept as `ods_name`); people read them in mixed case.
   */
  async seed(manager: EntityManager): Promise<number> {
    const rows = referenceOrganisations();
    let inserted = 0;
    for (const type of ['NATIONAL', 'REGION', 'ICB', 'TRUST'] as const) {
      const level = rows.filter((r) => r.type === type);
      const result: unknown[] = await manager.query(
        `INSERT INTO organisation (ods_code, name, ods_name, type, kind, parent_id)
         SELECT v.ods_code, v.name, v.ods_name, v.type, v.kind, p.id
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(ods_code, name, ods_name, type, kind, parent_ods)
         LEFT JOIN organisation p ON p.ods_code = v.parent_ods
         ON CONFLICT (ods_code) DO NOTHING
         RETURNING id`,
        [
          level.map((r) => r.odsCode),
          level.map((r) => mixedCaseOrganisationName(r.name)),
          level.map((r) => r.name),
          level.map((r) => r.type),
          level.map((r) => r.kind),
          level.map((r) => r.parentOdsCode),
        ],
      );
      inserted += result.length;
    }
    await this.writeNamesInMixedCase(manager);
    return inserted;
  }

  /**
   * Organisations still named exactly as ODS publishes them (rows from before names were kept in two
   * forms) take the mixed-case form of their own ODS name; a name anyone has changed is left alone.
   */
  private async writeNamesInMixedCase(manager: EntityManager): Promise<void> {
    const named: Array<{ id: string; ods_name: string }> = await manager.query(`SELECT id, ods_name FROM organisation WHERE name = ods_name`);
    const changed = named.map((r) => ({ id: r.id, name: mixedCaseOrganisationName(r.ods_name) })).filter((r, i) => r.name !== named[i].ods_name);
    if (changed.length === 0) return;
    await manager.query(`UPDATE organisation o SET name = v.name, updated_at = now() FROM unnest($1::uuid[], $2::text[]) AS v(id, name) WHERE o.id = v.id`, [
      changed.map((r) => r.id),
      changed.map((r) => r.name),
    ]);
  }
}
