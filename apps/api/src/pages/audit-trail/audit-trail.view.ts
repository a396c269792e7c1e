import { Injectable } from '@nestjs/common';
import { isEmail, isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { AppError, ErrorCode, formatLondonToSecond, LONDON_ZONE } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { AUDIT_ACTION_PATTERN, AuditEventConnection, AuditEventsQuery, AuditFilterChoices, AuditTrailService } from '@dasv/audit-trail';
import { ODS_CODE_PATTERN } from '@dasv/organisations';
import { FormErrors } from '../shared/flash';
import { PAGE_SIZE, pageLinks } from '../shared/pagination';
import { AUDIT_FILTER_PARAMS, AuditTrailPageQuery } from './audit-trail-page.query';

const PATH = '/admin/audit';

/** Where each filter's message points in the form (the error summary links to it). */
const FIELD_TARGETS: Record<string, string> = { organisation: 'organisation', action: 'action', actor: 'actor', from: 'fromDay', to: 'toDay' };

/** The API's names for the filters, as the form names them. */
const API_FIELDS: Record<string, string> = { organisation: 'organisation', action: 'action', actorEmail: 'actor', from: 'from', to: 'to' };

export interface AuditRow {
  when: string;
  isoTime: string;
  sentence: string;
  actionLabel: string;
  organisation: { name: string; odsCode: string } | null;
  actor: { name: string; email: string } | null;
}

interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
}

/** Organisation types as the list groups them. */
const TYPE_WORDS: Record<string, string> = { NATIONAL: '', REGION: 'region', ICB: 'ICB', TRUST: 'trust' };

export interface AuditTrailPage {
  values: Record<string, string>;
  choices: { organisations: SelectItem[]; actions: SelectItem[]; actors: SelectItem[] };
  /** The CSV of everything the filters match; absent while they have errors. */
  exportHref?: string;
  errors: FormErrors;
  isFiltered: boolean;
  rows: AuditRow[];
  count?: { total: number; isCapped: boolean };
  pageNumber: number;
  previous?: string;
  next?: string;
}

/** The audit trail page: the same service as GraphQL, its filters typed into a GET form. */
@Injectable()
export class AuditTrailView {
  constructor(private readonly trail: AuditTrailService) {}

  async page(me: AuthUser, query: AuditTrailPageQuery): Promise<AuditTrailPage> {
    const values = Object.fromEntries(AUDIT_FILTER_PARAMS.map((name) => [name, (query[name] ?? '').trim()])) as Record<string, string>;
    const isFiltered = Object.values(values).some(Boolean);
    const problems: Record<string, string> = {};
    const filters: AuditEventsQuery = { first: PAGE_SIZE, after: query.after };
    const choices = choiceItems(await this.trail.filterChoices(me), values);

    if (values.organisation) {
      if (ODS_CODE_PATTERN.test(values.organisation)) filters.organisation = values.organisation.toUpperCase();
      else problems.organisation = 'Choose an organisation from the list';
    }
    if (values.action) {
      if (AUDIT_ACTION_PATTERN.test(values.action)) filters.action = values.action;
      else problems.action = 'Choose an action from the list';
    }
    if (values.actor) {
      // Chosen from the list (an account id); an e-mail address still works in a link kept from before.
      if (isUUID(values.actor)) filters.actorId = values.actor;
      else if (isEmail(values.actor)) filters.actorEmail = values.actor;
      else problems.actor = 'Choose who did it from the list';
    }
    const from = dayOf(values.fromDay, values.fromMonth, values.fromYear);
    if (from === 'invalid') problems.from = 'Enter a real “from” date, like 13 7 2026';
    else if (from) filters.from = from.toJSDate();
    const to = dayOf(values.toDay, values.toMonth, values.toYear);
    if (to === 'invalid') problems.to = 'Enter a real “to” date, like 13 7 2026';
    // The form's "to" is a whole day, included; the API's is the moment the range ends.
    else if (to) filters.to = to.plus({ days: 1 }).toJSDate();
    if (from && to && from !== 'invalid' && to !== 'invalid' && to < from) problems.to = 'The “to” date must be the same as or after the “from” date';

    const empty = { values, choices, isFiltered, rows: [], pageNumber: 1 };
    if (Object.keys(problems).length) return { ...empty, errors: errorsOf(problems) };

    let connection: AuditEventConnection;
    try {
      connection = await this.trail.list(me, filters);
    } catch (error) {
      const refused = refusalOf(error, values.organisation);
      if (!refused) throw error;
      return { ...empty, errors: errorsOf(refused) };
    }
    const links = pageLinks(PATH, { after: query.after, trail: query.trail }, connection);
    return {
      values,
      choices,
      exportHref: withFilters('/admin/audit/export.csv', values),
      isFiltered,
      errors: { summary: [], fields: {} },
      rows: await this.rowsOf(connection),
      count: { total: connection.totalCount, isCapped: connection.isTotalCountCapped },
      pageNumber: links.pageNumber,
      previous: withFilters(links.previous, values),
      next: withFilters(links.next, values),
    };
  }

  /**
   * The CSV of the filtered trail, streamed, or the form's problems when a filter is wrong (the page
   * shows them: the export link only appears beside a valid filter).
   */
  async export(me: AuthUser, query: AuditTrailPageQuery): Promise<AsyncGenerator<string> | null> {
    const values = Object.fromEntries(AUDIT_FILTER_PARAMS.map((name) => [name, (query[name] ?? '').trim()])) as Record<string, string>;
    const filters = filtersOf(values);
    if (!filters) return null;
    try {
      return await this.trail.exportCsv(me, filters);
    } catch (error) {
      if (refusalOf(error, values.organisation)) return null;
      throw error;
    }
  }

  private async rowsOf(connection: AuditEventConnection): Promise<AuditRow[]> {
    const described = await this.trail.describe(connection.edges.map((edge) => edge.node));
    return described.map(({ event, sentence, actionLabel, organisation, actor }) => ({
      when: formatLondonToSecond(event.occurredAt),
      isoTime: event.occurredAt.toISOString(),
      sentence,
      actionLabel,
      organisation,
      actor,
    }));
  }
}

/** The filters of a valid form, as the service takes them; null when any is wrong. */
function filtersOf(values: Record<string, string>): Omit<AuditEventsQuery, 'first' | 'after'> | null {
  const filters: Omit<AuditEventsQuery, 'first' | 'after'> = {};
  if (values.organisation) {
    if (!ODS_CODE_PATTERN.test(values.organisation)) return null;
    filters.organisation = values.organisation.toUpperCase();
  }
  if (values.action) {
    if (!AUDIT_ACTION_PATTERN.test(values.action)) return null;
    filters.action = values.action;
  }
  if (values.actor) {
    if (isUUID(values.actor)) filters.actorId = values.actor;
    else if (isEmail(values.actor)) filters.actorEmail = values.actor;
    else return null;
  }
  const from = dayOf(values.fromDay, values.fromMonth, values.fromYear);
  const to = dayOf(values.toDay, values.toMonth, values.toYear);
  if (from === 'invalid' || to === 'invalid') return null;
  if (from && to && to < from) return null;
  if (from) filters.from = from.toJSDate();
  if (to) filters.to = to.plus({ days: 1 }).toJSDate();
  return filters;
}

/** The lists the filters choose from, with the current choice selected; a value not in a list (a code typed into a link) is kept as an option so it still shows. */
function choiceItems(choices: AuditFilterChoices, values: Record<string, string>): AuditTrailPage['choices'] {
  const withCurrent = (items: SelectItem[], current: string, anyText: string): SelectItem[] => {
    const known = items.some((item) => item.value.toUpperCase() === current.toUpperCase());
    const extra = current && !known ? [{ value: current, text: current }] : [];
    return [{ value: '', text: anyText }, ...extra, ...items].map((item) => ({
      ...item,
      selected: item.value !== '' && item.value.toUpperCase() === current.toUpperCase(),
    }));
  };
  return {
    organisations: withCurrent(
      choices.organisations.map((o) => ({ value: o.odsCode, text: TYPE_WORDS[o.type] ? `${o.name} (${TYPE_WORDS[o.type]})` : o.name })),
      values.organisation,
      'All the organisations you look after',
    ),
    actions: withCurrent(
      choices.actions.map((a) => ({ value: a.action, text: a.label })),
      values.action,
      'Any action',
    ),
    actors: withCurrent(
      choices.actors.map((a) => ({ value: a.id, text: `${a.name} (${a.email})` })),
      values.actor,
      'Anyone',
    ),
  };
}

/** A day typed as day, month and year, as the start of that day in England; nothing typed is no filter. */
function dayOf(day: string, month: string, year: string): DateTime | 'invalid' | undefined {
  if (!day && !month && !year) return undefined;
  if (![day, month, year].every((part) => /^\d+$/.test(part)) || year.length !== 4) return 'invalid';
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) }, { zone: LONDON_ZONE });
  return date.isValid ? date : 'invalid';
}

function errorsOf(problems: Record<string, string>): FormErrors {
  // In the form's order, then anything not about one field (a stale page link).
  const names = [...Object.keys(FIELD_TARGETS).filter((name) => name in problems), ...Object.keys(problems).filter((name) => !(name in FIELD_TARGETS))];
  return {
    summary: names.map((name) => ({ text: problems[name], href: FIELD_TARGETS[name] ? `#${FIELD_TARGETS[name]}` : undefined })),
    fields: Object.fromEntries(names.filter((name) => FIELD_TARGETS[name]).map((name) => [name, problems[name]])),
  };
}

/** The service's refusals of a filter, as messages against the form's fields; null for anything else. */
function refusalOf(error: unknown, odsCode: string): Record<string, string> | null {
  if (!(error instanceof AppError)) return null;
  if (error.code === ErrorCode.NotFound) return { organisation: `No organisation has the ODS code ${odsCode.toUpperCase()}` };
  if (error.code === ErrorCode.Forbidden) return { organisation: `${odsCode.toUpperCase()} is outside the organisations you look after` };
  if (error.code === ErrorCode.BadUserInput) {
    const entries = Object.entries(error.fields ?? { page: [error.message] });
    return Object.fromEntries(
      entries.map(([field, messages]) => [
        API_FIELDS[field] ?? field,
        field === 'after' ? 'The page link is not valid: start again from the first page' : messages[0],
      ]),
    );
  }
  return null;
}

/** pageLinks carries the cursors; the filters ride along on the same links. */
function withFilters(href: string | undefined, values: Record<string, string>): string | undefined {
  if (!href) return href;
  const url = new URL(href, 'http://dasv.invalid');
  for (const [name, value] of Object.entries(values)) if (value) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}
