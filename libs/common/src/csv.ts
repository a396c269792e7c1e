import { stringify } from 'csv-stringify/sync';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

/** Cells Excel would run as a formula (CSV injection); prefixed with an apostrophe so they stay text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | boolean | Date | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return value;
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The one CSV writer for every export: RFC 4180 quoting by csv-stringify, CRLF line ends and a
 * UTF-8 byte-order mark so Excel opens names with accents and apostrophes as written.
 */
export function toCsv<T>(columns: CsvColumn<T>[], rows: Iterable<T>): string {
  const records = [columns.map((c) => c.header), ...Array.from(rows, (row) => columns.map((c) => cell(c.value(row))))];
  return '\uFEFF' + stringify(records, { record_delimiter: 'windows' });
}

/**
 * The same CSV as toCsv, written batch by batch for exports too large to hold: the header first, then
 * each batch's rows as soon as it is read.
 */
export async function* toCsvChunks<T>(columns: CsvColumn<T>[], batches: AsyncIterable<T[]>): AsyncGenerator<string> {
  yield '\uFEFF' + stringify([columns.map((c) => c.header)], { record_delimiter: 'windows' });
  for await (const batch of batches) {
    if (batch.length)
      yield stringify(
        batch.map((row) => columns.map((c) => cell(c.value(row)))),
        { record_delimiter: 'windows' },
      );
  }
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
