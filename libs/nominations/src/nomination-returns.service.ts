import { Injectable } from '@nestjs/common';
import { Clock, Connection, decodeCursor, encodeCursor, formatLondon, invalidCursor, parseLondonDateTime, toConnection } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { EmailOutboxService, EmailTemplatesService, SendEmailPayload } from '@dasv/notifications';
import { NHS_ENGLAND, Organisation, OrganisationType } from '@dasv/organisations';
import { OrganisationContactsService } from '@dasv/users';
import { NominationReturn, NominationReturnStatus } from './entities/nomination-return.entity';
import { AskedOrganisation, NominationReturnsRepository } from './nomination-returns.repository';
import { nominationError } from './nominations.errors';
import { DEFAULT_REMINDER_OFFSETS_DAYS, OpenNominationReturnInput } from './dto/open-nomination-return.input';
import { leadsAskedOf } from './nominee-rules.service';

/** A return can cover all of England, one region or one ICB. */
const SCOPE_TYPES: readonly OrganisationType[] = [OrganisationType.NATIONAL, OrganisationType.REGION, OrganisationType.ICB];

export interface ListReturnsQuery {
  status?: NominationReturnStatus;
  first?: number;
  after?: string;
}

/** The submission page for one organisation: where every request and chase e-mail points. */
export function submissionLink(publicUrl: string, returnId: string, odsCode: string): string {
  return `${publicUrl}/nominations/${returnId}/${encodeURIComponent(odsCode)}`;
}

/** Opening and closing returns (NHS England's programme team), and reading them. */
@Injectable()
export class NominationReturnsService {
  constructor(
    private readonly returns: NominationReturnsRepository,
    private readonly contacts: OrganisationContactsService,
    private readonly access: AccessService,
    private readonly templates: EmailTemplatesService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Opens a return: one request per open organisation of the chosen types in the chosen part of
   * the hierarchy, and one e-mail to each organisation that has someone to write to. Organisations
   * with nobody are still asked; the dashboard shows them as unreachable until someone is added.
   */
  async open(me: AuthUser, input: OpenNominationReturnInput): Promise<NominationReturn> {
    const root = await this.scopeRootOf(me, input.scopeOdsCode);
    const now = this.clock.now();
    const deadline = parseLondonDateTime(input.deadline);
    if (!deadline) {
      throw nominationError('DeadlineInvalid', 'The deadline is not a real date and time.', { deadline: ['Enter a real date and time for the deadline'] });
    }
    if (deadline.getTime() <= now.getTime()) {
      throw nominationError('DeadlinePassed', 'The deadline has already passed.', { deadline: ['The deadline must be in the future'] });
    }

    return this.tx.run(async (manager) => {
      const created = await this.returns.insert(manager, {
        title: input.title,
        instructions: input.instructions ?? '',
        organisationTypes: [...input.organisationTypes],
        scopeRootId: root.id,
        deadline,
        reminderOffsetsDays: [...(input.reminderOffsetsDays ?? DEFAULT_REMINDER_OFFSETS_DAYS)].sort((a, b) => b - a),
        overdueEveryWorkingDays: input.overdueEveryWorkingDays ?? 5,
        escalateAfterWorkingDays: input.escalateAfterWorkingDays ?? 10,
        requiresApproval: input.requiresApproval ?? false,
        openedAt: now,
        createdById: me.id,
      });
      const asked = await this.returns.insertRequests(manager, created.id, root.id, input.organisationTypes);
      if (asked.length === 0) {
        throw nominationError('NoOrganisationsAsked', `${root.name} has no open organisations of those types.`, {
          organisationTypes: [`There are no open organisations of those types in ${root.name}`],
        });
      }
      const recipients = await this.contacts.recipientsFor(
        asked.map((o) => o.id),
        manager,
      );
      const emailsOf = new Map(recipients.map((r) => [r.organisationId, r.emails]));
      const requests = asked.filter((o) => (emailsOf.get(o.id) ?? []).length > 0).map((o) => this.requestEmail(created, o, emailsOf.get(o.id)!));
      await this.emails.queue(manager, requests);
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'nomination_return.opened',
        entityType: 'nomination_return',
        entityId: created.id,
        organisationId: root.id,
        details: {
          title: created.title,
          organisationTypes: created.organisationTypes,
          deadline: created.deadline.toISOString(),
          asked: asked.length,
          emailed: requests.length,
        },
      });
      return created;
    });
  }

  /** No more chasing and no more submissions; what was submitted stays. */
  async close(me: AuthUser, id: string): Promise<NominationReturn> {
    return this.tx.run(async (manager) => {
      const found = await this.returns.lockById(manager, id, 'update');
      if (!found) throw nominationError('ReturnNotFound', 'No such nomination return.');
      await this.access.requireOrganisations(me, Permission.NominationManage, [found.scopeRootId], { manager });
      if (found.status === NominationReturnStatus.CLOSED) throw nominationError('ReturnClosed', 'This return is already closed.');
      await this.returns.close(manager, id, this.clock.now());
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'nomination_return.closed',
        entityType: 'nomination_return',
        entityId: id,
        organisationId: found.scopeRootId,
      });
      return (await this.returns.findById(id, manager))!;
    });
  }

  /** One return, through the same scope as list(): outside it answers exactly as a missing id does. */
  async get(me: AuthUser, id: string): Promise<NominationReturn> {
    const found = await this.returns.findVisibleById(id, this.access.viewer(me, Permission.NominationRead));
    if (!found) throw nominationError('ReturnNotFound', 'No such nomination return.');
    return found;
  }

  /** Returns asking any organisation the caller looks after, newest first. */
  async list(me: AuthUser, query: ListReturnsQuery): Promise<Connection<NominationReturn>> {
    const first = query.first ?? 20;
    const cursor = decodeCursor(query.after);
    const openedAt = cursor ? new Date(cursor.sortKey) : undefined;
    if (openedAt && Number.isNaN(openedAt.getTime())) throw invalidCursor();
    const { rows, totalCount } = await this.returns.list({
      viewer: this.access.viewer(me, Permission.NominationRead),
      status: query.status,
      first,
      after: cursor && openedAt ? { openedAt, id: cursor.id } : undefined,
    });
    return toConnection(rows, first, totalCount, (r) => encodeCursor(r.openedAt.toISOString(), r.id));
  }

  /** Where a return asks: an open region or ICB, or all of England, inside the caller's scope. */
  private async scopeRootOf(me: AuthUser, odsCode: string | undefined): Promise<Organisation> {
    const scopeInvalid = () =>
      nominationError('ScopeInvalid', `${(odsCode ?? '').toUpperCase()} is not an open region or ICB.`, {
        scopeOdsCode: ['Enter the ODS code of a region or an ICB, or leave it blank for all of England'],
      });
    // Only national admins hold NominationManage, so the scope check can come before the type rule without changing any answer.
    const root = await this.access.requireOrganisation(me, Permission.NominationManage, odsCode ?? NHS_ENGLAND.odsCode, { unknown: scopeInvalid, open: true });
    if (!SCOPE_TYPES.includes(root.type)) throw scopeInvalid();
    return root;
  }

  private requestEmail(nominationReturn: NominationReturn, organisation: AskedOrganisation, to: string[]): SendEmailPayload {
    const rendered = this.templates.render('nomination-request', {
      organisationName: organisation.name,
      title: nominationReturn.title,
      instructions: nominationReturn.instructions,
      deadline: formatLondon(nominationReturn.deadline),
      leadsAsked: leadsAskedOf(organisation.type),
      requiresApproval: nominationReturn.requiresApproval,
      link: submissionLink(this.config.publicUrl, nominationReturn.id, organisation.odsCode),
    });
    return { key: `nomination-request-${nominationReturn.id}-${organisation.id}`, to: to.join(', '), ...rendered };
  }
}
