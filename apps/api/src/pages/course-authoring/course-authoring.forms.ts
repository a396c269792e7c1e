import { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsUUID, Matches, MaxLength, validate } from 'class-validator';
import { BadUserInputError, controlCharacterFields, FieldErrors, fieldErrorsOf } from '@dasv/common';
import { COURSE_SLUG_PATTERN } from '@dasv/completions';
import { AuthoringBankQuestion, AuthoringKnowledgeCheck, QuestionKind } from '@dasv/elearning';

/**
 * The authoring forms and their translation to the GraphQL inputs. The pages validate with the
 * inputs' own class-validator rules and call the same services; what is here is naming only: flat
 * boxes for a question's answers, numbers typed as text, and which box an input's field path is.
 */

/** Answer rows a question form offers; blank rows are left out. */
export const OPTION_ROWS = 6;

export class CourseParams {
  @MaxLength(100, { message: 'The link to this course is not right' })
  @Matches(COURSE_SLUG_PATTERN, { message: 'The link to this course is not right' })
  slug!: string;
}

export class ModuleParams extends CourseParams {
  @IsUUID('all', { message: 'The link to this module is not right' })
  moduleId!: string;
}

export class PageParams extends CourseParams {
  @IsUUID('all', { message: 'The link to this page is not right' })
  pageId!: string;
}

export class CheckParams extends CourseParams {
  @IsUUID('all', { message: 'The link to this question is not right' })
  checkId!: string;
}

export class QuestionParams extends CourseParams {
  @IsUUID('all', { message: 'The link to this question is not right' })
  questionId!: string;
}

export class ItemParams extends CourseParams {
  @IsUUID('all', { message: 'The link is not right' })
  id!: string;
}

type FormBody = Record<string, unknown>;

/** A whole number typed in a box (or sent by a select); anything else is left for the input's rules to refuse. */
function wholeNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The input, validated exactly as GraphQL would validate it; a refusal names the form's boxes
 * (`options.2.label` is the box `option3`), so the error summary links to them.
 */
export async function formInput<T extends object>(
  dto: Type<T>,
  plain: FormBody,
  boxOf: (field: string) => string = (field) => field,
  order: readonly string[] = [],
): Promise<T> {
  const unstorable = controlCharacterFields(plain);
  if (Object.keys(unstorable).length) throw new BadUserInputError('Some fields contain characters that cannot be stored.', rename(unstorable, boxOf));
  const input = plainToInstance(dto, plain);
  const errors = await validate(input, { whitelist: true });
  if (errors.length) {
    const fields = rename(fieldErrorsOf(errors), boxOf, order);
    throw new BadUserInputError(`Check the highlighted fields: ${Object.keys(fields).join(', ')}.`, fields);
  }
  return input;
}

/** Keyed by box, in the order the boxes appear on the form when it is given (the error summary lists them in that order). */
function rename(fields: FieldErrors, boxOf: (field: string) => string, order: readonly string[] = []): FieldErrors {
  const renamed: FieldErrors = {};
  for (const [field, messages] of Object.entries(fields)) (renamed[boxOf(field)] ??= []).push(...messages);
  const rank = (box: string) => (order.includes(box) ? order.indexOf(box) : order.length);
  return Object.fromEntries(Object.entries(renamed).sort(([a], [b]) => rank(a) - rank(b)));
}

export function settingsFields(slug: string, body: FormBody): FormBody {
  return {
    slug,
    version: wholeNumber(body.version),
    title: text(body.title),
    summary: text(body.summary),
    contentWarning: text(body.contentWarning),
    supportText: text(body.supportText),
    passMarkPercent: wholeNumber(body.passMarkPercent),
    assessmentSize: wholeNumber(body.assessmentSize),
  };
}

/** A position select left at "where it is now" sends nothing to change. */
export function positionOf(body: FormBody): unknown {
  return body.position === '' || body.position === undefined ? undefined : wholeNumber(body.position);
}

export function moduleFields(slug: string, body: FormBody, moduleId?: string): FormBody {
  return { slug, version: wholeNumber(body.version), moduleId, title: text(body.title), position: positionOf(body) };
}

export function pageFields(slug: string, body: FormBody, ids: { moduleId?: string; pageId?: string }): FormBody {
  return { slug, version: wholeNumber(body.version), ...ids, title: text(body.title), bodyMarkdown: text(body.bodyMarkdown) ?? '', position: positionOf(body) };
}

/**
 * A question's boxes: kind, prompt, and up to OPTION_ROWS answers, each a text box and a "correct"
 * checkbox. Rows left blank and unticked are not answers. Returns the fields and which box each
 * answer came from.
 */
export function questionFields(slug: string, body: FormBody, extra: FormBody): { fields: FormBody; boxOf: (field: string) => string; order: string[] } {
  const rows: number[] = [];
  const options: Array<{ label: unknown; correct: boolean }> = [];
  for (let row = 1; row <= OPTION_ROWS; row++) {
    const label = text(body[`option${row}`]) ?? '';
    const correct = body[`option${row}Correct`] === 'yes';
    if (label.trim() === '' && !correct) continue;
    rows.push(row);
    options.push({ label, correct });
  }
  const fields = { slug, version: wholeNumber(body.version), kind: text(body.kind), prompt: text(body.prompt), options, ...extra };
  const boxOf = (field: string) => {
    const match = /^options\.(\d+)/.exec(field);
    if (match) return `option${rows[Number(match[1])] ?? 1}`;
    return field === 'options' ? 'option1' : field;
  };
  const order = ['moduleId', 'kind', 'prompt', ...Array.from({ length: OPTION_ROWS }, (_, i) => `option${i + 1}`), 'feedback'];
  return { fields, boxOf, order };
}

/** What a question form shows before anything was typed: the question as saved, or a blank one. */
export function questionValues(question?: AuthoringKnowledgeCheck | AuthoringBankQuestion): Record<string, string> {
  const values: Record<string, string> = { kind: question?.kind ?? QuestionKind.SINGLE, prompt: question?.prompt ?? '' };
  question?.options.forEach((o, i) => {
    values[`option${i + 1}`] = o.label;
    if (o.correct) values[`option${i + 1}Correct`] = 'yes';
  });
  if (question && 'feedback' in question) values.feedback = question.feedback;
  if (question && 'moduleId' in question) values.moduleId = question.moduleId ?? '';
  return values;
}
