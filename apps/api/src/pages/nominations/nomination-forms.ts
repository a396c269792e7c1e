import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AppError, BadUserInputError, FieldErrors } from '@dasv/common';
import { ODS_CODE_PATTERN } from '@dasv/organisations';
import {
  LeadInput,
  MAX_OPERATIONAL_LEADS,
  NominationForm,
  NominationLeadsAsked,
  NominationResponseStatus,
  NomineeDraft,
  OpenNominationReturnInput,
  SubmitNominationInput,
} from '@dasv/nominations';
import { validatedInput } from '../shared/form.decorator';

/**
 * The HTML forms of the nomination pages and their translation to and from the GraphQL inputs:
 * the pages validate with the inputs' own class-validator rules and the services' own checks, so
 * the only thing here is naming: a flat box per answer, and which box an API field path belongs to.
 */

/** Route parameters of a return's pages. */
export class ReturnParams {
  @IsUUID('all', { message: 'The link to this return is not right' })
  returnId!: string;
}

export class OrganisationReturnParams extends ReturnParams {
  @Matches(ODS_CODE_PATTERN, { message: 'The link to this organisation is not right' })
  odsCode!: string;
}

/** The dashboard's query string: where to look, which organisations to list, which page. */
export class DashboardQuery {
  @IsOptional()
  @Matches(ODS_CODE_PATTERN, { message: 'The link is not right' })
  within?: string;

  @IsOptional()
  @IsIn(Object.values(NominationResponseStatus), { message: 'The link is not right' })
  status?: NominationResponseStatus;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'The page link is not valid' })
  @MaxLength(400, { message: 'The page link is not valid' })
  after?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { message: 'The page link is not valid' })
  @MaxLength(8000, { message: 'The page link is not valid' })
  trail?: string;

  /** Set by the person choosing to have the figures update themselves (see the dashboard template). */
  @IsOptional()
  @IsIn(['1'], { message: 'The link is not right' })
  live?: string;
}

/** A national administrator's decision on a submission: accept, or send back with a reason. */
export class DecisionFields extends OrganisationReturnParams {
  @IsOptional() @IsIn(['accept', 'reject'], { message: 'Choose whether to accept this answer or send it back' }) decision?: 'accept' | 'reject';
  @IsOptional() @IsString() @MaxLength(2000, { message: 'The reason must be 2000 characters or fewer' }) reason?: string;
}

/** The open-a-return form: every box as typed; openReturnInput() makes the GraphQL input of it. */
export class OpenReturnFields {
  @IsOptional() @IsString() @MaxLength(200, { message: 'Title must be 200 characters or fewer' }) title?: string;
  @IsOptional() @IsString() @MaxLength(5000, { message: 'Instructions must be 5000 characters or fewer' }) instructions?: string;
  @IsOptional() @IsIn(['yes']) typeTrust?: string;
  @IsOptional() @IsIn(['yes']) typeIcb?: string;
  @IsOptional() @IsIn(['yes']) typeRegion?: string;
  @IsOptional() @IsString() @MaxLength(10) scopeOdsCode?: string;
  @IsOptional() @IsString() @MaxLength(4) deadlineDay?: string;
  @IsOptional() @IsString() @MaxLength(4) deadlineMonth?: string;
  @IsOptional() @IsString() @MaxLength(6) deadlineYear?: string;
  @IsOptional() @IsString() @MaxLength(8) deadlineTime?: string;
  @IsOptional() @IsString() @MaxLength(100) reminderOffsetsDays?: string;
  @IsOptional() @IsString() @MaxLength(10) overdueEveryWorkingDays?: string;
  @IsOptional() @IsString() @MaxLength(10) escalateAfterWorkingDays?: string;
  @IsOptional() @IsIn(['yes', 'no']) requiresApproval?: string;
}

/** What the open-a-return form starts with: the policy NHS England used in 2023. */
export const OPEN_RETURN_DEFAULTS: Record<string, string> = {
  typeTrust: 'yes',
  typeIcb: 'yes',
  deadlineTime: '23:59',
  reminderOffsetsDays: '14, 7, 2',
  overdueEveryWorkingDays: '5',
  escalateAfterWorkingDays: '10',
  requiresApproval: 'no',
};

/**
 * Page wording for the form's own shape problems, where the API's message names a property or a
 * format nobody types here. The service's refusals (a past deadline, say) keep their own words.
 */
const OPEN_RETURN_MESSAGES: Record<string, string> = {
  deadline: 'The deadline must be a real date',
  scopeOdsCode: 'Enter an ODS code of 3 to 6 letters and numbers, like Y56, or leave it blank',
};

/** The open-a-return form's boxes in page order: the error summary lists problems in this order. */
const OPEN_RETURN_ORDER = [
  'title',
  'instructions',
  'organisationTypes',
  'scopeOdsCode',
  'deadline',
  'deadlineTime',
  'reminderOffsetsDays',
  'overdueEveryWorkingDays',
  'escalateAfterWorkingDays',
  'requiresApproval',
];

const WHOLE_NUMBER = /^\d{1,6}$/;

const wholeNumber = (text: string | undefined): number | string | undefined => {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return WHOLE_NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
};

/**
 * The deadline as the NHS date input pattern checks it: which part is missing, or that the parts
 * are not a real date (31 February), before anything else looks at it.
 */
export function deadlineProblem(day: string | undefined, month: string | undefined, year: string | undefined): string | null {
  const parts = { day: (day ?? '').trim(), month: (month ?? '').trim(), year: (year ?? '').trim() };
  const missing = (Object.keys(parts) as Array<keyof typeof parts>).filter((part) => !parts[part]);
  if (missing.length === 3) return 'Enter the deadline';
  if (missing.length > 0) return `The deadline must include a ${missing.join(' and ')}`;
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d+$/.test(parts.year)) return 'The deadline must be a real date';
  if (parts.year.length !== 4) return 'Year must include 4 numbers';
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'The deadline must be a real date';
  return null;
}

/** The form's own problems, in words for each box: the date, the time, and numbers typed as words. */
function openFormProblems(fields: OpenReturnFields): FieldErrors {
  const problems: FieldErrors = {};
  const date = deadlineProblem(fields.deadlineDay, fields.deadlineMonth, fields.deadlineYear);
  if (date) problems.deadline = [date];
  const time = (fields.deadlineTime ?? '').trim();
  const clock = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!clock || Number(clock[1]) > 23 || Number(clock[2]) > 59) problems.deadlineTime = ['Enter a time on the 24-hour clock, like 23:59'];
  const reminders = (fields.reminderOffsetsDays ?? '')
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (reminders.some((t) => !WHOLE_NUMBER.test(t)))
    problems.reminderOffsetsDays = ['Enter a whole number of days for each reminder, separated by commas, like 14, 7, 2'];
  for (const name of ['overdueEveryWorkingDays', 'escalateAfterWorkingDays'] as const) {
    const text = (fields[name] ?? '').trim();
    if (text && !WHOLE_NUMBER.test(text)) problems[name] = ['Enter a whole number of working days, like 5'];
  }
  return problems;
}

/** The service's own checks of what the form's shape let through: the scope and the deadline. */
export type OpeningProblems = (input: { scopeOdsCode?: string; deadline?: string }) => Promise<FieldErrors>;

/**
 * The GraphQL input the form stands for, or one refusal listing every problem at once: the form's
 * own (the date, numbers typed as words), the input's rules, and the service's (a past deadline,
 * a code that is not a region or ICB), each box's in its own words.
 */
export async function openReturnInput(fields: OpenReturnFields, serviceProblems: OpeningProblems): Promise<OpenNominationReturnInput> {
  const pad = (text: string | undefined) => (text ?? '').trim().padStart(2, '0');
  const time = (fields.deadlineTime ?? '').trim();
  const reminders = fields.reminderOffsetsDays?.trim();
  const plain = {
    title: fields.title ?? '',
    instructions: fields.instructions,
    organisationTypes: [fields.typeRegion && 'REGION', fields.typeIcb && 'ICB', fields.typeTrust && 'TRUST'].filter(Boolean),
    scopeOdsCode: fields.scopeOdsCode?.trim() || undefined,
    deadline: `${(fields.deadlineYear ?? '').trim()}-${pad(fields.deadlineMonth)}-${pad(fields.deadlineDay)}T${/^\d:\d\d$/.test(time) ? `0${time}` : time}`,
    reminderOffsetsDays: reminders
      ? reminders
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(wholeNumber)
      : undefined,
    overdueEveryWorkingDays: wholeNumber(fields.overdueEveryWorkingDays),
    escalateAfterWorkingDays: wholeNumber(fields.escalateAfterWorkingDays),
    requiresApproval: fields.requiresApproval === 'yes',
  };
  let input: OpenNominationReturnInput | undefined;
  let problems: FieldErrors = {};
  try {
    input = await validatedInput(OpenNominationReturnInput, plain, OPEN_RETURN_MESSAGES);
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error;
    problems = { ...error.fields };
  }
  Object.assign(problems, openFormProblems(fields));
  const dateIsWrong = Boolean(problems.deadline || problems.deadlineTime);
  const service = await serviceProblems({
    scopeOdsCode: problems.scopeOdsCode ? undefined : plain.scopeOdsCode,
    deadline: dateIsWrong ? undefined : plain.deadline,
  });
  for (const [name, messages] of Object.entries(service)) problems[name] ??= messages;
  if (Object.keys(problems).length > 0 || !input) {
    const ordered: FieldErrors = Object.fromEntries(Object.entries(problems).sort(([a], [b]) => rank(OPEN_RETURN_ORDER, a) - rank(OPEN_RETURN_ORDER, b)));
    throw new BadUserInputError(`Check the highlighted fields: ${Object.keys(ordered).join(', ')}.`, ordered);
  }
  return input;
}

const rank = (order: readonly string[], name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);

const LEAD_FIELDS = ['name', 'jobTitle', 'email', 'phone'] as const;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The boxes for one person: `${prefix}Name`, `${prefix}JobTitle`, `${prefix}Email`, `${prefix}Phone`. */
export function leadBoxes(prefix: string): Record<(typeof LEAD_FIELDS)[number], string> {
  return Object.fromEntries(LEAD_FIELDS.map((f) => [f, `${prefix}${capitalised(f)}`])) as Record<(typeof LEAD_FIELDS)[number], string>;
}

/** Blank operational boxes offered beyond those filled in, so a form without JavaScript can grow. */
const SPARE_OPERATIONAL_SLOTS = 2;

export function operationalSlots(filled: number): number {
  return Math.min(MAX_OPERATIONAL_LEADS, Math.max(3, filled + SPARE_OPERATIONAL_SLOTS));
}

/** The submission form's boxes filled in from what is known (pre-fill), as flat values. */
export function submissionValues(form: NominationForm): Record<string, string> {
  const values: Record<string, string> = {};
  const fill = (prefix: string, person: NomineeDraft | null) => {
    if (!person) return;
    const boxes = leadBoxes(prefix);
    for (const field of LEAD_FIELDS) values[boxes[field]] = person[field] ?? '';
  };
  fill('executive', form.executiveLead);
  if (form.executiveLead?.onExecutiveTeam) values.executiveOnExecutiveTeam = 'yes';
  fill('senior', form.seniorLead);
  form.operationalLeads.forEach((lead, i) => fill(`operational${i}`, lead));
  values.operationalSlots = String(operationalSlots(form.operationalLeads.length));
  return values;
}

export interface SubmissionFromForm {
  input: SubmitNominationInput;
  /** API field path prefix → box prefix, e.g. operationalLeads.0 → operational2 when boxes 0 and 1 were left blank. */
  boxOf: (path: string) => string;
}

/** The GraphQL input a filled-in submission form stands for; a person's boxes left all blank are no one. */
export async function submissionInput(
  returnId: string,
  odsCode: string,
  leadsAsked: NominationLeadsAsked,
  body: Record<string, unknown>,
  leadProblems: (input: SubmitNominationInput) => FieldErrors,
): Promise<SubmissionFromForm> {
  const text = (name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');
  const person = (prefix: string): LeadInput | undefined => {
    const boxes = leadBoxes(prefix);
    const lead = { name: text(boxes.name), jobTitle: text(boxes.jobTitle), email: text(boxes.email), phone: text(boxes.phone) || undefined };
    return lead.name || lead.jobTitle || lead.email || lead.phone ? lead : undefined;
  };
  const slots = Math.min(MAX_OPERATIONAL_LEADS, Math.max(0, Number(text('operationalSlots')) || 0));
  const operational: LeadInput[] = [];
  const slotOfIndex: number[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const lead = person(`operational${slot}`);
    if (lead) {
      operational.push(lead);
      slotOfIndex.push(slot);
    }
  }
  const plain =
    leadsAsked === NominationLeadsAsked.SENIOR
      ? { returnId, organisationOdsCode: odsCode, seniorLead: person('senior') }
      : {
          returnId,
          organisationOdsCode: odsCode,
          executiveLead: withTeam(person('executive'), text('executiveOnExecutiveTeam') === 'yes'),
          operationalLeads: operational,
        };
  const boxOf = (path: string): string => {
    const [head, index] = path.split('.');
    if (head === 'executiveLead') return 'executive';
    if (head === 'seniorLead') return 'senior';
    if (head === 'operationalLeads') return `operational${index !== undefined && /^\d+$/.test(index) ? (slotOfIndex[Number(index)] ?? 0) : 0}`;
    return head;
  };
  const input = await validatedInput(SubmitNominationInput, plain, {}).catch((error: unknown) => {
    // The service's rules (NHS addresses, the executive team) run on what was typed too, so every
    // problem is in the one error summary, not one round after another.
    if (!(error instanceof AppError) || !error.fields) throw error;
    const fields: FieldErrors = { ...error.fields };
    for (const [path, messages] of Object.entries(leadProblems(plain as SubmitNominationInput))) fields[path] = [...(fields[path] ?? []), ...messages];
    throw onSubmissionForm(new AppError(error.code, error.message, error.reason, fields), boxOf);
  });
  return { input, boxOf };
}

function withTeam(lead: LeadInput | undefined, onExecutiveTeam: boolean) {
  return lead ? { ...lead, onExecutiveTeam } : undefined;
}

/** A refusal's API field paths ("operationalLeads.1.email") as the boxes they belong to ("operational3Email"). */
export function onSubmissionForm(error: unknown, boxOf: (path: string) => string): unknown {
  return relabelled(error, (path) => {
    const parts = path.split('.');
    const prefix = boxOf(path);
    const leaf = parts[0] === 'operationalLeads' ? parts[2] : parts[1];
    if (!leaf) return `${prefix}${prefix === parts[0] ? '' : 'Name'}`;
    return `${prefix}${capitalised(leaf)}`;
  });
}

/** The same refusal with its field names changed to the page's boxes. */
function relabelled(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof AppError) || !error.fields) return error;
  const fields: FieldErrors = {};
  for (const [path, list] of Object.entries(error.fields)) fields[rename(path)] = list;
  return new AppError(error.code, error.message, error.reason, fields);
}
