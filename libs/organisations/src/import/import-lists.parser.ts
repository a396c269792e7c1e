import { ODS_CODE_PATTERN } from '../dto/organisations.args';
import { OrganisationImportError } from '../organisations.errors';
import { invalidFile, readCsvRecords } from './csv-records';
import { ODS_SUCCESSION_COLUMNS, parseOdsSuccessors } from './ods-successors.parser';

/**
 * The two small lists an operator writes by hand to go with an ODS import, with a header row like
 * the platform's own reference files (libs/organisations/data/icbs.csv):
 *   ICB list   ods_code,name,region_ods_code
 *   successors ods_code,successor_ods_code
 */

export interface IcbListEntry {
  source: string;
  line: number;
  odsCode: string;
  name: string;
  regionOdsCode: string;
}

export interface SuccessorAssignment {
  /** A file and line, or the command-line option it came from. */
  source: string;
  /** ODS's successor file it came from, for the summary's list of files read. */
  file?: string;
  odsCode: string;
  successorOdsCode: string;
  /**
   * Set for ODS's own successor records (ods-successors.parser): the day the successor took over
   * (yyyy-MM-dd). Such a record closes its predecessor the day before, and one not yet in effect
   * waits for a later import. Without it (hand-written lists, --successor) the organisation must be
   * closed already: that catches OLD=NEW given the wrong way round.
   */
  effectiveOn?: string;
}

function readList(content: string | Buffer, source: string, header: readonly string[]): Array<{ line: number; values: Record<string, string> }> {
  const [first, ...rest] = readCsvRecords(content, source);
  const found = first?.record.map((h) => h.toLowerCase()) ?? [];
  if (found.join(',') !== header.join(',')) {
    throw invalidFile(source, first?.line ?? 1, `expected the header "${header.join(',')}", found "${found.join(',')}"`);
  }
  return rest.map(({ record, line }) => {
    if (record.length !== header.length) throw invalidFile(source, line, `expected ${header.length} columns, found ${record.length}`);
    return { line, values: Object.fromEntries(header.map((h, i) => [h, record[i]])) };
  });
}

function code(value: string, column: string, source: string, line: number): string {
  const upper = value.toUpperCase();
  if (!ODS_CODE_PATTERN.test(upper)) throw invalidFile(source, line, `${column} "${value}" is not an ODS code`);
  return upper;
}

export function parseIcbList(content: string | Buffer, source: string): IcbListEntry[] {
  return readList(content, source, ['ods_code', 'name', 'region_ods_code']).map(({ line, values }) => {
    if (values.name === '') throw invalidFile(source, line, `${values.ods_code} has no name`);
    return {
      source,
      line,
      odsCode: code(values.ods_code, 'ods_code', source, line),
      name: values.name,
      regionOdsCode: code(values.region_ods_code, 'region_ods_code', source, line),
    };
  });
}

/** A hand-written list with the header ods_code,successor_ods_code, or ODS's headerless succ.csv (told apart by that header). */
export function parseSuccessorList(content: string | Buffer, source: string): SuccessorAssignment[] {
  const [first] = readCsvRecords(content, source);
  if (first && first.record.length === ODS_SUCCESSION_COLUMNS && first.record[0].toLowerCase() !== 'ods_code') return parseOdsSuccessors(content, source);
  return readList(content, source, ['ods_code', 'successor_ods_code']).map(({ line, values }) => ({
    source: `${source}, line ${line}`,
    odsCode: code(values.ods_code, 'ods_code', source, line),
    successorOdsCode: code(values.successor_ods_code, 'successor_ods_code', source, line),
  }));
}

/** `OLD=NEW`, as given to --successor. */
export function parseSuccessorOption(value: string): SuccessorAssignment {
  const [odsCode, successorOdsCode, ...extra] = value.trim().toUpperCase().split('=');
  if (extra.length > 0 || !ODS_CODE_PATTERN.test(odsCode) || !ODS_CODE_PATTERN.test(successorOdsCode ?? '')) {
    throw new OrganisationImportError('ImportInvalidFile', `--successor "${value}": expected OLD=NEW, two ODS codes`);
  }
  return { source: `--successor ${odsCode}=${successorOdsCode}`, odsCode, successorOdsCode };
}
