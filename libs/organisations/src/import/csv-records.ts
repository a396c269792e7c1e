import { parse } from 'csv-parse/sync';
import { OrganisationImportError } from '../organisations.errors';
import { checkImportText, decodeImportFile } from './text-encoding';

export function invalidFile(source: string, line: number, problem: string): OrganisationImportError {
  return new OrganisationImportError('ImportInvalidFile', `${source}, line ${line}: ${problem}`);
}

export interface CsvRecord {
  record: string[];
  /** Line the record ends on. */
  line: number;
}

/**
 * Records with their line numbers; a CSV syntax error becomes an invalid-file error naming the line.
 * Bytes are decoded as UTF-8, or Windows-1252 when they are not UTF-8 (text-encoding.ts).
 */
export function readCsvRecords(content: string | Buffer, source: string): CsvRecord[] {
  const text = typeof content === 'string' ? checkImportText(content, source) : decodeImportFile(content, source).text;
  try {
    // csv-parse's typings do not follow the `info` option: each entry is { record, info }.
    const parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    return parsed.map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    throw invalidFile(source, (error as { lines?: number }).lines ?? 0, `not readable as CSV (${error instanceof Error ? error.message : String(error)})`);
  }
}
