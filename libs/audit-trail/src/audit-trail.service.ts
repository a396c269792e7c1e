import { Injectable } from '@nestjs/common';
import { CsvColumn, decodeCursor, encodeCursor, formatLondonToSecond, toConnection, toCsvChunks } from '@dasv/common';
import { AccessService, AuthUser, Permission, Role, Viewer } from '@dasv/auth';
import { organisationNotFound } from '@dasv/organisations';
import { AuditCursor, AuditEventFilter, AuditTrailRepository } from './audit-trail.repository';
import { auditTrailError } from './audit-trail.errors';
import { AuditActor, AuditEventConnection, AuditEventView } from './models/audit-event.model';
import { auditActionChoices, auditActionLabel, auditSentence, peopleNamedBy } from './audit-sentences';

export interface AuditEventsQuery {
  /** ODS code: the organisation whose subtree's events are listed. */
  organisation?: string;
  action?: string;
  actorEmail?: string;
  /** The account that did it, as chosen from filterChoices' actors. */
  actorId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  first?: number;
  after?: string;
}

/** Where the count stops: a thousand says "a lot" as well as a million does, at a thousandth of the cost. */
export const AUDIT_COUNT_CAP = 1000;

const EVENT_ID = /^[0-9]{1,19}$/;

/** Rows read per query while an export streams: memory stays flat however long the trail. */
const EXPORT_BATCH = 500;

/** An event as the export and the page show it: in words. */
export interface DescribedAuditEvent {
  event: AuditEventView;
  sentence: string;
  actionLabel: string;
  organisation: { name: string; odsCode: string } | null;
  actor: AuditActor | null;
}

/** What the page's filters offer, each from a list of things within the caller's scope. */
export interface AuditFilterChoices {
  actions: Array<{ action: string; label: string }>;
  organisations: Array<{ odsCode: string; name: string; type: string }>;
  actors: AuditActor[];
}

const EXPORT_COLUMNS: CsvColumn<DescribedAuditEvent>[] = [
  { header: 'When (UK time)', value: (r) => formatLondonToSecond(r.event.occurredAt) },
  { header: 'What happened', value: (r) => r.sentence },
  { header: 'Action', value: (r) => r.actionLabel },
  { header: 'Organisation', value: (r) => r.organisation?.name ?? '' },
  { header: 'ODS code', value: (r) => r.organisation?.odsCode ?? '' },
  { header: 'Done by', value: (r) => r.actor?.name ?? 'The system' },
  { header: 'Done by (e-mail address)', value: (r) => r.actor?.email ?? '' },
];

/** Reading the audit log, newest first, scoped to the organisations the caller looks after. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly access: AccessService,
    private readonly events: AuditTrailRepository,
  ) {}

  async list(me: AuthUser, query: AuditEventsQuery): Promise<AuditEventConnection> {
    const after = cursorOf(query.after);
    const first = query.first ?? 20;
    const filter = await this.filterOf(me, query);
    const [rows, counted] = await Promise.all([this.events.page(filter, first, after), this.events.countUpTo(filter, AUDIT_COUNT_CAP)]);
    return toConnection(rows, first, { count: Math.min(counted, AUDIT_COUNT_CAP), isCapped: counted > AUDIT_COUNT_CAP }, (node) =>
      encodeCursor(node.cursorTime, node.id),
    );
  }

  /** Each event as a sentence, with its action, organisation and actor in words: a handful of queries for any number of events. */
  async describe(events: readonly AuditEventView[]): Promise<DescribedAuditEvent[]> {
    const detailsOf = events.map((e) => JSON.parse(e.details) as Record<string, unknown>);
    const personIds = new Set<string>();
    events.forEach((e, i) => {
      if (e.actorId) personIds.add(e.actorId);
      for (const id of peopleNamedBy({ entityType: e.entityType, entityId: e.entityId, details: detailsOf[i] })) personIds.add(id);
    });
    const organisationIds = [...new Set(events.map((e) => e.organisationId).filter((id): id is string => id !== null))];
    const [people, organisations] = await Promise.all([this.events.actorsByIds([...personIds]), this.events.organisationsByIds(organisationIds)]);
    const personById = new Map(people.map((p) => [p.id, p]));
    const names = new Map(people.map((p) => [p.id, p.name]));
    return events.map((event, i) => {
      const organisation = event.organisationId ? (organisations.get(event.organisationId) ?? null) : null;
      const actor = event.actorId ? (personById.get(event.actorId) ?? null) : null;
      return {
        event,
        organisation,
        actor,
        actionLabel: auditActionLabel(event.action),
        sentence: auditSentence({
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId,
          details: detailsOf[i],
          actorName: actor?.name ?? null,
          organisationName: organisation?.name ?? null,
          people: names,
        }),
      };
    });
  }

  /** The lists the filters choose from: actions in words, the organisations and the administrators of the caller's scope. */
  async filterChoices(me: AuthUser): Promise<AuditFilterChoices> {
    const scope = this.scopeOf(me);
    const [organisations, actors] = await Promise.all([this.events.organisationsInScope(scope), this.events.administratorsFor(scope)]);
    return { actions: auditActionChoices(), organisations, actors };
  }

  /**
   * The whole filtered trail as CSV, in words, newest first, scoped exactly as list() is; read in
   * batches along the same index as the pages, so it streams however many events match.
   */
  async exportCsv(me: AuthUser, query: Omit<AuditEventsQuery, 'first' | 'after'>): Promise<AsyncGenerator<string>> {
    const filter = await this.filterOf(me, query);
    const batches = async function* (this: AuditTrailService): AsyncGenerator<DescribedAuditEvent[]> {
      let after: AuditCursor | undefined;
      for (;;) {
        const rows = await this.events.page(filter, EXPORT_BATCH, after);
        const batch = rows.slice(0, EXPORT_BATCH);
        yield await this.describe(batch);
        if (rows.length <= EXPORT_BATCH) return;
        const last = batch[batch.length - 1];
        after = { occurredAt: last.cursorTime, id: last.id };
      }
    }.call(this);
    return toCsvChunks(EXPORT_COLUMNS, batches);
  }

  /** The same export, whole, for GraphQL. */
  async exportCsvText(me: AuthUser, query: Omit<AuditEventsQuery, 'first' | 'after'>): Promise<string> {
    let csv = '';
    for await (const chunk of await this.exportCsv(me, query)) csv += chunk;
    return csv;
  }

  private async filterOf(me: AuthUser, query: AuditEventsQuery): Promise<AuditEventFilter> {
    if (query.from && query.to && query.to.getTime() <= query.from.getTime()) {
      throw auditTrailError('RangeInvalid', 'The end of the range must be later than its start.', { to: ['to must be later than from'] });
    }
    const filter: AuditEventFilter = {
      scope: this.scopeOf(me),
      action: query.action,
      actorEmail: query.actorEmail,
      actorId: query.actorId,
      from: query.from,
      to: query.to,
    };
    if (query.organisation) {
      const organisation = await this.access.requireOrganisation(me, Permission.AuditRead, query.organisation, { unknown: organisationNotFound });
      filter.withinOrganisationId = organisation.id;
    }
    return filter;
  }

  /**
   * National admins read the whole log, events of no organisation (a reset password, say) included.
   * Everyone else reads the events of their subtree, filtered in SQL; an `organisation` filter narrows
   * that further but never widens it, the scope condition staying in place beside it.
   */
  private scopeOf(me: AuthUser): Viewer | null {
    const viewer = this.access.viewer(me, Permission.AuditRead);
    return viewer.roles.includes(Role.NATIONAL_ADMIN) ? null : viewer;
  }
}

function cursorOf(cursor: string | undefined): AuditCursor | undefined {
  const decoded = decodeCursor(cursor);
  if (!decoded) return undefined;
  if (!EVENT_ID.test(decoded.id) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(decoded.sortKey) || Number.isNaN(Date.parse(decoded.sortKey))) {
    throw auditTrailError('CursorInvalid', 'The cursor is not valid.', { after: ['Use a cursor returned by an earlier page.'] });
  }
  return { occurredAt: decoded.sortKey, id: decoded.id };
}
