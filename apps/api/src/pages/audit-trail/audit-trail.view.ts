import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { DateTime } from 'luxon';
import { AppError, ErrorCode, formatLondonToSecond, LONDON_ZONE } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { AUDIT_ACTION_PATTERN, AuditEventConnection, AuditEventsQuery, AuditTrailLoaders, AuditTrailService } from '@dasv/audit-trail';
import { ODS_CODE_PATTERN, OrganisationLoaders } from '@dasv/organisations';
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
  action: string;
  record: string;
  organisation: { name: string; odsCode: string } | null;
  actor: { name: string; email: string } | null;
  details: string[];
}

export interface AuditTrailPage {
  values: Record<string, string>;
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
  constructor(
    private readonly trail: AuditTrailService,
    private readonly trailLoaders: AuditTrailLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  async page(me: AuthUser, query: AuditTrailPageQuery): Promise<AuditTrailPage> {
    const values = Object.fromEntries(AUDIT_FILTER_PARAMS.map((name) => [name, (query[name] ?? '').trim()])) as Record<string, string>;
    const isFiltered = Object.values(values).some(Boolean);
    const problems: Record<string, string> = {};
    const filters: AuditEventsQuery = { first: PAGE_SIZE, after: query.after };

    if (values.organisation) {
      if (ODS_CODE_PATTERN.test(values.organisation)) filters.organisation = values.organisation.toUpperCase();
      else problems.organisation = 'Enter an ODS code of 3 to 6 letters and digits, like RJ1';
    }
    if (values.action) {
      if (AUDIT_ACTION_PATTERN.test(values.action)) filters.action = values.action;
      else problems.action = 'Enter an action name, like user.invited';
    }
    if (values.actor) {
      if (isEmail(values.actor)) filters.actorEmail = values.actor;
      else problems.actor = 'Enter an e-mail address in the correct format, like name@nhs.net';
    }
    const from = dayOf(values.fromDay, values.fromMonth, values.fromYear);
    if (from === 'invalid') problems.from = 'Enter a real “from” date, like 13 7 2026';
    else if (from) filters.from = from.toJSDate();
    const to = dayOf(values.toDay, values.toMonth, values.toYear);
    if (to === 'invalid') problems.to = 'Enter a real “to” date, like 13 7 2026';
    // The form's "to" is a whole day, included; the API's is the moment the range ends.
    else if (to) filters.to = to.plus({ days: 1 }).toJSDate();
    if (from && to && from !== 'invalid' && to !== 'invalid' && to < from) problems.to = 'The “to” date must be the same as or after the “from” date';

    const empty = { values, isFiltered, rows: [], pageNumber: 1 };
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
      isFiltered,
      errors: { summary: [], fields: {} },
      rows: await this.rowsOf(connection),
      count: { total: connection.totalCount, isCapped: connection.isTotalCountCapped },
      pageNumber: links.pageNumber,
      previous: withFilters(links.previous, values),
      next: withFilters(links.next, values),
    };
  }

  private async rowsOf(connection: AuditEventConnection): Promise<AuditRow[]> {
    // One loader set per page, as one per request in GraphQL: its cache must not outlive this page.
    const { byId } = this.organisationLoaders.createLoaders();
    const { actorById } = this.trailLoaders.createLoaders();
    const events = connection.edges.map((edge) => edge.node);
    const [organisations, actors] = await Promise.all([
      Promise.all(events.map((e) => (e.organisationId ? byId.load(e.organisationId) : Promise.resolve(null)))),
      Promise.all(events.map((e) => (e.actorId ? actorById.load(e.actorId) : Promise.resolve(null)))),
    ]);
    return events.map((event, i) => ({
      when: formatLondonToSecond(event.occurredAt),
      isoTime: event.occurredAt.toISOString(),
      action: event.action,
      record: `${event.entityType} ${event.entityId}`,
      organisation: organisations[i] ? { name: organisations[i].name, odsCode: organisations[i].odsCode } : null,
      actor: actors[i],
      details: detailLines(event.details),
    }));
  }
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

function detailLines(json: string): string[] {
  const details = JSON.parse(json) as Record<string, unknown>;
  return Object.entries(details).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/** pageLinks carries the cursors; the filters ride along on the same links. */
function withFilters(href: string | undefined, values: Record<string, string>): string | undefined {
  if (!href) return href;
  const url = new URL(href, 'http://dasv.invalid');
  for (const [name, value] of Object.entries(values)) if (value) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}
