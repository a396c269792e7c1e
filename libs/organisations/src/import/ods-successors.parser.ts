import { DateTime } from 'luxon';
import { ODS_CODE_PATTERN } from '../dto/organisations.args';
import { invalidFile, readCsvRecords } from './csv-records';
import type { SuccessorAssignment } from './import-lists.parser';

/**
 * ODS's successor records (succ.csv, and succarc.csv for the archive), headerless, one row per
 * succession: predecessor code, successor code, reason (F code change, O organisation type change,
 * R reconfiguration), effective date (yyyymmdd), indicator (F further succession, X closed, blank).
 * The file covers every kind of organisation in England; an import uses the rows about its own.
 */
export const ODS_SUCCESSION_COLUMNS = 5;
const COLUMN = { odsCode: 0, successorOdsCode: 1, reason: 2, effectiveDate: 3 } as const;

/** Every row is checked before any is returned, as for the organisation extracts. */
export function parseOdsSuccessors(content: string | Buffer, source: string): SuccessorAssignment[] {
  return readCsvRecords(content, source).map(({ record, line }) => {
    if (record.length !== ODS_SUCCESSION_COLUMNS) {
      throw invalidFile(source, line, `expected ODS's ${ODS_SUCCESSION_COLUMNS}-column successor layout, found ${record.length} columns`);
    }
    const code = (column: keyof typeof COLUMN, name: string) => {
      const value = record[COLUMN[column]].toUpperCase();
      if (!ODS_CODE_PATTERN.test(value))
        throw invalidFile(
          source,
          line,
          `${name} "${record[COLUMN[column]]}" is not an ODS code${line === 1 ? ' (ODS successor files have no header row)' : ''}`,
        );
      return value;
    };
    const odsCode = code('odsCode', 'predecessor');
    const successorOdsCode = code('successorOdsCode', 'successor');
    const rawDate = record[COLUMN.effectiveDate];
    const date = DateTime.fromFormat(rawDate, 'yyyyMMdd', { zone: 'utc' });
    if (!/^\d{8}$/.test(rawDate) || !date.isValid) throw invalidFile(source, line, `effective date "${rawDate}" is not a date in ODS's yyyymmdd form`);
    if (odsCode === successorOdsCode) throw invalidFile(source, line, `${odsCode} cannot be its own successor`);
    return { source: `${source}, line ${line}`, file: source, odsCode, successorOdsCode, effectiveOn: date.toISODate() };
  });
}
