import { DateTime } from 'luxon';
import { ODS_CODE_PATTERN } from '../dto/organisations.args';
import { invalidFile, readCsvRecords } from './csv-records';

/**
 * ODS publishes its organisation files (etr.csv for NHS trusts, eccg.csv for sub-ICB locations,
 * ect.csv for care trusts…) in one headerless 27-column layout. Only the columns below matter here;
 * the rest (telephone, amended-record flag, government office region…) are ignored.
 */
const COLUMN = {
  odsCode: 0,
  name: 1,
  nationalGrouping: 2,
  highLevelHealthGeography: 3,
  firstAddressLine: 4,
  lastAddressLine: 8,
  postcode: 9,
  openDate: 10,
  closeDate: 11,
} as const;
export const ODS_EXTRACT_COLUMNS = 27;

export interface OdsExtractRow {
  /** Line of the file the record ends on, for messages that point the operator at it. */
  line: number;
  odsCode: string;
  name: string;
  /** The NHS England region (Y56, Y58–Y63); empty for organisations outside England, e.g. Welsh trusts. */
  nationalGroupingCode: string | null;
  /** For trusts and sub-ICB locations, the ICB; empty outside England. */
  highLevelHealthGeographyCode: string | null;
  addressLines: string[];
  postcode: string | null;
  /** ISO dates (yyyy-MM-dd). */
  openedOn: string | null;
  closedOn: string | null;
}

export interface OdsExtract {
  /** Where the rows came from (a file name), for messages and the summary. */
  source: string;
  rows: OdsExtractRow[];
}

function odsDate(value: string, column: string, source: string, line: number): string | null {
  if (value === '') return null;
  const date = DateTime.fromFormat(value, 'yyyyMMdd', { zone: 'utc' });
  if (!/^\d{8}$/.test(value) || !date.isValid) throw invalidFile(source, line, `${column} "${value}" is not a date in ODS's yyyymmdd form`);
  return date.toISODate();
}

function optionalCode(value: string, column: string, source: string, line: number): string | null {
  if (value === '') return null;
  if (!ODS_CODE_PATTERN.test(value)) throw invalidFile(source, line, `${column} "${value}" is not an ODS code`);
  return value;
}

/**
 * Reads an ODS extract as published. Every row is checked before any is returned, so a truncated or
 * hand-edited file fails with the line to look at instead of importing half of itself.
 */
export function parseOdsExtract(content: string | Buffer, source: string): OdsExtract {
  const records = readCsvRecords(content, source);
  if (records.length === 0) throw invalidFile(source, 1, 'the file has no rows');

  const rows = records.map(({ record, line }): OdsExtractRow => {
    const odsCode = record[COLUMN.odsCode].toUpperCase();
    if (!ODS_CODE_PATTERN.test(odsCode)) {
      // The usual cause is a file with a header row, e.g. the platform's own trusts.csv instead of ODS's etr.csv.
      const hint = line === 1 ? ' (ODS extracts have no header row)' : '';
      throw invalidFile(source, line, `"${record[COLUMN.odsCode]}" is not an ODS code${hint}`);
    }
    if (record.length !== ODS_EXTRACT_COLUMNS) {
      throw invalidFile(source, line, `expected the ${ODS_EXTRACT_COLUMNS}-column ODS layout, found ${record.length} columns`);
    }
    const name = record[COLUMN.name];
    if (name === '') throw invalidFile(source, line, `${odsCode} has no name`);
    const openedOn = odsDate(record[COLUMN.openDate], 'open date', source, line);
    const closedOn = odsDate(record[COLUMN.closeDate], 'close date', source, line);
    if (openedOn && closedOn && closedOn < openedOn) throw invalidFile(source, line, `${odsCode} closes (${closedOn}) before it opens (${openedOn})`);
    return {
      line,
      odsCode,
      name,
      nationalGroupingCode: optionalCode(record[COLUMN.nationalGrouping].toUpperCase(), 'national grouping', source, line),
      highLevelHealthGeographyCode: optionalCode(record[COLUMN.highLevelHealthGeography].toUpperCase(), 'high level health geography', source, line),
      addressLines: record.slice(COLUMN.firstAddressLine, COLUMN.lastAddressLine + 1).filter((l) => l !== ''),
      postcode: record[COLUMN.postcode] || null,
      openedOn,
      closedOn,
    };
  });
  return { source, rows };
}
