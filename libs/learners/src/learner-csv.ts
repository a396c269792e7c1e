import { AppError, CsvColumnSpec, CsvRecord, CsvRowProblems, readCsvRecords } from '@dasv/common';
import { learnersError } from './learners.errors';

/**
 * A large trust's staff list (~20 000 people, ~100 bytes a row) is about 2 MB; 4 MB leaves room for
 * long names and job titles. The GraphQL body limit in apps/api/src/setup.ts is set from this.
 */
export const LEARNER_CSV_MAX_BYTES = 4 * 1024 * 1024;
/** Twice the largest trust's staff: more is a wrong file (a national extract), not a staff list. */
export const LEARNER_CSV_MAX_ROWS = 50_000;

export type { CsvColumnSpec, CsvRecord } from '@dasv/common';
export { decodeCsvFile, emailProblem, hasControlCharacters } from '@dasv/common';

function unreadable(message: string): AppError {
  return learnersError('CsvUnreadable', message, { csv: [message] });
}

/**
 * Reads a CSV with a header row into records keyed by column (the one reader, readCsvRecords),
 * refusing the file as a whole with LEARNER_CSV_UNREADABLE, field `csv`.
 */
export function readCsv<K extends string>(text: string, columns: readonly CsvColumnSpec<K>[]): CsvRecord<K>[] {
  return readCsvRecords(text, columns, { unreadable, maxRows: LEARNER_CSV_MAX_ROWS, rowsAre: 'people' });
}

/** Every problem with a file, by row, refused as a learners' error. */
export class RowProblems extends CsvRowProblems {
  /**
   * Refuses the whole file: BAD_USER_INPUT with `reason` and fields `{ "row 7": [...] }` in row
   * order, so nothing is half-imported and the admin sees every row to fix.
   */
  throwIfAny(reason: 'StaffListInvalid' | 'CompletionsInvalid', what: string): void {
    const refusal = this.refusal(what);
    if (refusal) throw learnersError(reason, refusal.message, refusal.fields);
  }
}
