import { Transform } from 'class-transformer';
import { IsEnum } from 'class-validator';
import { AppError, ErrorCode } from '@dasv/common';
import { ConfirmStaffListInput, ImportedCompletionSource, LearnersErrorReason, SetHeadcountInput } from '@dasv/learners';
import { OdsCodeField } from '@dasv/organisations';
import { FormErrors } from '../shared/flash';
import { CSV_FIELD } from './csv-upload';

/** "4,500" or " 4500 " as typed into the box; anything else stays text and fails the API's rule. */
const wholeNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\s*\d[\d,\s]*$/.test(value) ? Number(value.replace(/[,\s]/g, '')) : value;

export class HeadcountForm extends SetHeadcountInput {
  @Transform(wholeNumber)
  override headcount!: number;
}

/** The staff list's check page: the list held, the choice about the headcount, and the organisation of the address. */
export class ConfirmStaffListForm extends ConfirmStaffListInput {
  @OdsCodeField('odsCode')
  odsCode!: string;
}

/** The completions form's own fields; the file comes separately. */
export class CompletionImportForm {
  @OdsCodeField('odsCode')
  odsCode!: string;

  @IsEnum(ImportedCompletionSource, { message: 'Choose where the completions come from' })
  source!: ImportedCompletionSource;
}

/** Errors summarised at the top, before the full table of rows under the form. */
const ROWS_IN_SUMMARY = 10;

/**
 * A refused file, as the upload page shows it: the summary says what happened and names the first
 * rows (linking to the file box), and every row's problem goes in `fields` under "row N" for the
 * table. Null when the error is not about the file's rows (one of `reasons`), for the usual form handling.
 */
export function fileProblems(
  error: unknown,
  reasons: readonly string[] = [LearnersErrorReason.StaffListInvalid, LearnersErrorReason.CompletionsInvalid],
): FormErrors | null {
  if (!(error instanceof AppError) || error.code !== ErrorCode.BadUserInput) return null;
  if (!error.reason || !reasons.includes(error.reason)) return null;
  const rows = Object.entries(error.fields ?? {}).filter(([name]) => name.startsWith('row '));
  const summary = [
    { text: error.message, href: `#${CSV_FIELD}` },
    ...rows.slice(0, ROWS_IN_SUMMARY).map(([name, messages]) => ({ text: `Row ${name.slice(4)}: ${messages.join('. ')}`, href: `#${CSV_FIELD}` })),
  ];
  if (rows.length > ROWS_IN_SUMMARY)
    summary.push({ text: `${rows.length - ROWS_IN_SUMMARY} more rows: see the list of problems below the form`, href: '#problems' });
  const fields: Record<string, string> = { [CSV_FIELD]: error.message };
  for (const [name, messages] of rows) fields[name] = messages.join('. ');
  if (error.fields?.[CSV_FIELD]) fields.more = error.fields[CSV_FIELD][0];
  return { summary, fields };
}

/** The "row N" entries of a refused file, in row order, for the problems table. */
export function rowProblemsOf(errors: FormErrors): Array<{ row: string; problem: string }> {
  return Object.entries(errors.fields)
    .filter(([name]) => name.startsWith('row '))
    .map(([name, problem]) => ({ row: name.slice(4), problem }));
}
