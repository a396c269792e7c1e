import { Injectable } from '@nestjs/common';
import { BadUserInputError, decodeCursor, encodeCursor, toConnection } from '@dasv/common';
import { AccessService, AuthUser, Permission, Role } from '@dasv/auth';
import { OrganisationsService } from '@dasv/organisations';
import { AuditCursor, AuditEventFilter, AuditTrailRepository, SCOPE_ROLES_PARAM, SCOPE_VIEWER_PARAM } from './audit-trail.repository';
import { AuditTrailErrorReason } from './audit-trail.errors';
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
    private readonly organisations: OrganisationsService,
    private readonly events: AuditTrailRepository,
  ) {}

  async list(me: AuthUser, query: AuditEventsQuery): Promise<AuditEventConnection> {
    if (query.from && query.to && query.to.getTime() <= query.from.getTime()) {
      throw new BadUserInputError('The end of the range must be later than its start.', { to: ['to must be later than from'] }, AuditTrailErrorReason.RangeInvalid);
    }
    const after = cursorOf(query.after);
    const first = query.first ?? 20;
    const filter: AuditEventFilter = { scope: this.scopeOf(me), action: query.action, actorEmail: query.actorEmail, from: query.from, to: query.to };
    if (query.organisation) {
      const organisation = await this.organisations.getByOdsCode(query.organisation);
      await this.access.requireOrganisations(me, Permission.AuditRead, [organisation.id]);
      filter.withinOrganisationId = organisation.id;
    }
    const [rows, counted] = await Promise.all([this.events.page(filter, first, after), this.events.countUpTo(filter, AUDIT_COUNT_CAP)]);
    return toConnection(rows, first, { count: Math.min(counted, AUDIT_COUNT_CAP), isCapped: counted > AUDIT_COUNT_CAP }, (node) => encodeCursor(node.cursorTime, node.id));
  }

  /**
   * National admins read the whole log, events of no organisation (a reset password, say) included.
   * Everyone else reads the events of their subtree, filtered in SQL; an `organisation` filter narrows
   * that further but never widens it, the scope condition staying in place beside it.
   */
  private scopeOf(me: AuthUser): AuditEventFilter['scope'] {
    const roles = this.access.rolesFor(me, Permission.AuditRead);
    if (roles.includes(Role.NATIONAL_ADMIN)) return null;
    return { viewerId: me.id, roles, condition: this.access.scopeCondition('e.organisation_id', SCOPE_VIEWER_PARAM, SCOPE_ROLES_PARAM) };
  }
}

function cursorOf(cursor: string | undefined): AuditCursor | undefined {
  const decoded = decodeCursor(cursor);
  if (!decoded) return undefined;
  if (!EVENT_ID.test(decoded.id) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(decoded.sortKey) || Number.isNaN(Date.parse(decoded.sortKey))) {
    throw new BadUserInputError('The cursor is not valid.', { after: ['Use a cursor returned by an earlier page.'] }, AuditTrailErrorReason.CursorInvalid);
  }
  return { occurredAt: decoded.sortKey, id: decoded.id };
}
