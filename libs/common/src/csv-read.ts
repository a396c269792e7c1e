import { CsvError, parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { AppError, FieldErrors } from './errors';
import { controlCharacterFields } from './input-validation';

/** A column a CSV upload reads, found by its header. */
export interface CsvColumnSpec<K extends string> {
  key: K;
  /** How the column is named in messages and on the page. */
  label: string;
  /** Header spellings accepted, compared without case, spaces or punctuation ("E-mail Address" = emailaddress). */
  aliases: readonly string[];
  required: boolean;
}

export interface CsvRecord<K extends string> {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** Trimmed; '' for an empty or absent cell. */
  values: Record<K, string>;
}

/** How one upload refuses a file as a whole, and its limits. */
export interface CsvReadOptions {
  /** The feature's error for a file that cannot be used at all (shown against the file box). */
  unreadable: (message: string) => AppError;
  maxRows: number;
  /** What the rows are, for "The file has a header row but no … under it." */
  rowsAre: string;
}

export const csvHeaderKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A spreadsheet saved as CSV: "CSV UTF-8" from Excel is UTF-8 with a byte-order mark, plain "CSV"
 * is Windows-1252. Decoding the second as UTF-8 would turn every accented name into replacement characters.
 */
export function decodeCsvFile(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1252').decode(file);
  }
}

/**
 * Reads a CSV with a header row into records keyed by column, refusing the file as a whole when it
 * cannot be read, lacks a required column or has no rows. Rows whose cells are all empty (a
 * spreadsheet's trailing ",,") are skipped. Every upload (staff lists, completions, organisation
 * contacts) reads its file here, with csv-parse.
 */
export function readCsvRecords<K extends string>(text: string, columns: readonly CsvColumnSpec<K>[], options: CsvReadOptions): CsvRecord<K>[] {
  let parsed: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    // csv-parse's types do not follow the `info` option: with it, each record comes with its position.
    parsed = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw options.unreadable(
        `The file could not be read as CSV${line ? ` at row ${line}` : ''}: ${error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quotation mark is not closed' : 'check it was saved as CSV'}.`,
      );
    }
    throw error;
  }

  const expected = columns.map((c) => c.label).join(', ');
  const headerIndex = parsed.findIndex((p) => p.record.some((cell) => cell !== ''));
  if (headerIndex < 0) throw options.unreadable(`The file is empty. Its first row must name the columns: ${expected}.`);
  const header = parsed[headerIndex].record.map(csvHeaderKey);
  const positions = new Map<K, number>();
  for (const column of columns) {
    const found = header.flatMap((name, i) => (column.aliases.includes(name) ? [i] : []));
    if (found.length > 1) throw options.unreadable(`The first row names the ${column.label} column more than once.`);
    if (found.length === 1) positions.set(column.key, found[0]);
  }
  const missing = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => c.label);
  if (missing.length) {
    throw options.unreadable(`The first row must name the columns ${expected}. It has no ${missing.join(' or ')} column.`);
  }

  const records: CsvRecord<K>[] = [];
  // The spreadsheet row a record starts on: after the previous record's last line and any blank lines between.
  let previousEnd = parsed[headerIndex].info.lines;
  let previousBlank = parsed[headerIndex].info.empty_lines;
  for (const { record, info } of parsed.slice(headerIndex + 1)) {
    const row = previousEnd + 1 + (info.empty_lines - previousBlank);
    previousEnd = info.lines;
    previousBlank = info.empty_lines;
    if (record.every((cell) => cell === '')) continue;
    const values = {} as Record<K, string>;
    for (const column of columns) {
      const at = positions.get(column.key);
      values[column.key] = at === undefined ? '' : (record[at] ?? '');
    }
    records.push({ row, values });
  }
  if (records.length === 0) throw options.unreadable(`The file has a header row but no ${options.rowsAre} under it.`);
  if (records.length > options.maxRows) {
    throw options.unreadable(
      `The file has ${records.length.toLocaleString('en-GB')} rows; the most one file may have is ${options.maxRows.toLocaleString('en-GB')}.`,
    );
  }
  return records;
}

/** Rows listed in the error, at most: enough to fix a file, not a 50 000-entry response. */
const ROWS_LISTED = 500;

/** Every problem with a file, by row, so the whole file can be fixed at once. */
export class CsvRowProblems {
  private readonly byRow = new Map<number, string[]>();

  add(row: number, message: string): void {
    const list = this.byRow.get(row);
    if (list) list.push(message);
    else this.byRow.set(row, [message]);
  }

  has(row: number): boolean {
    return this.byRow.has(row);
  }

  get size(): number {
    return this.byRow.size;
  }

  /**
   * The refusal of the whole file, or null when no row has a problem: a message and fields
   * `{ "row 7": [...] }` in row order, so nothing is half-imported and the admin sees every row to fix.
   */
  refusal(what: string): { message: string; fields: FieldErrors } | null {
    if (this.byRow.size === 0) return null;
    const rows = [...this.byRow.keys()].sort((a, b) => a - b);
    const fields: FieldErrors = {};
    for (const row of rows.slice(0, ROWS_LISTED)) fields[`row ${row}`] = this.byRow.get(row)!;
    if (rows.length > ROWS_LISTED) fields.csv = [`${rows.length - ROWS_LISTED} more rows also have problems; fix these and upload the file again to see them.`];
    const count = rows.length === 1 ? '1 row' : `${rows.length} rows`;
    return {
      message: `${count} of the ${what} ${rows.length === 1 ? 'has' : 'have'} problems, so nothing was imported. Fix ${rows.length === 1 ? 'it' : 'them'} and upload the whole file again.`,
      fields,
    };
  }
}

/** The e-mail domains an address must be at, as configuration gives them (e.g. nhs.net, nhs.uk). */
export interface EmailDomains {
  allows(email: string): boolean;
  inWords(): string;
}

/** What is wrong with one cell's e-mail address, or null; with `domains`, it must also be a work address. */
export function emailProblem(email: string, domains?: EmailDomains): string | null {
  if (email === '') return 'Enter an e-mail address';
  if (email.length > 254 || !isEmail(email)) return `"${email.slice(0, 60)}" is not an e-mail address in the correct format, like name@nhs.net`;
  if (domains && !domains.allows(email)) return `${email} is not a work e-mail address: it must end in ${domains.inWords()}`;
  return null;
}

/** Cells holding control characters (which PostgreSQL text cannot always store, and no name has). */
export function hasControlCharacters(values: Record<string, string>): boolean {
  return Object.keys(controlCharacterFields(values)).length > 0;
}
