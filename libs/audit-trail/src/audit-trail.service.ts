import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, toConnection } from '@dasv/common';
import { AccessService, AuthUser, Permission, Role, Viewer } from '@dasv/auth';
import { organisationNotFound } from '@dasv/organisations';
import { AuditCursor, AuditEventFilter, AuditTrailRepository } from './audit-trail.repository';
import { auditTrailError } from './audit-trail.errors';
import { AuditEventConnection } from './models/audit-event.model';

export interface AuditEventsQuery {
  /** ODS code: the organisation whose subtree's events are listed. */
  organisation?: string;
  action?: string;
  actorEmail?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  first?: number;
  after?: string;
}

/** Where the count stops: a thousand says "a lot" as well as a million does, at a thousandth of the cost. */
export const AUDIT_COUNT_CAP = 1000;

const EVENT_ID = /^[0-9]{1,19}$/;

/** Reading the audit log, newest first, scoped to the organisations the caller looks after. */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly access: AccessService,
    private readonly events: AuditTrailRepository,
  ) {}

  async list(me: AuthUser, query: AuditEventsQuery): Promise<AuditEventConnection> {
    if (query.from && query.to && query.to.getTime() <= query.from.getTime()) {
      throw auditTrailError('RangeInvalid', 'The end of the range must be later than its start.', { to: ['to must be later than from'] });
    }
    const after = cursorOf(query.after);
    const first = query.first ?? 20;
    const filter: AuditEventFilter = { scope: this.scopeOf(me), action: query.action, actorEmail: query.actorEmail, from: query.from, to: query.to };
    if (query.organisation) {
      const organisation = await this.access.requireOrganisation(me, Permission.AuditRead, query.organisation, { unknown: organisationNotFound });
      filter.withinOrganisationId = organisation.id;
    }
    const [rows, counted] = await Promise.all([this.events.page(filter, first, after), this.events.countUpTo(filter, AUDIT_COUNT_CAP)]);
    return toConnection(rows, first, { count: Math.min(counted, AUDIT_COUNT_CAP), isCapped: counted > AUDIT_COUNT_CAP }, (node) =>
      encodeCursor(node.cursorTime, node.id),
    );
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
