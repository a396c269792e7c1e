import { Injectable } from '@nestjs/common';
import {
  AppError,
  Clock,
  Connection,
  FieldErrors,
  decodeCursor,
  encodeCursor,
  formatLondon,
  invalidCursor,
  parseLondonDateTime,
  toConnection,
} from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { EmailOutboxService, EmailTemplatesService, SendEmailPayload } from '@dasv/notifications';
import { NHS_ENGLAND, Organisation, OrganisationsService, OrganisationType } from '@dasv/organisations';
import { OrganisationContactsService } from '@dasv/users';
import { ChasePolicy, ChasePolicyService, WorkingDayCalendarService } from '@dasv/chasing';
import { NominationReturn, NominationReturnStatus } from './entities/nomination-return.entity';
import { AskedOrganisation, NominationReturnsRepository } from './nomination-returns.repository';
import { NominationErrorReason, nominationError } from './nominations.errors';
import { DEFAULT_REMINDER_OFFSETS_DAYS, OpenNominationReturnInput } from './dto/open-nomination-return.input';
import { leadsAskedOf } from './nominee-rules.service';
import { NominationChasePlan, NominationReturnPreview } from './dto/nomination-return-preview.type';

/** A return can cover all of England, one region or one ICB. */
const SCOPE_TYPES: readonly OrganisationType[] = [OrganisationType.NATIONAL, OrganisationType.REGION, OrganisationType.ICB];

export interface ListReturnsQuery {
  status?: NominationReturnStatus;
  first?: number;
  after?: string;
}

/** What opening did: the return, how many organisations it asked and how many of those were e-mailed. */
export interface NominationReturnOpened {
  nominationReturn: NominationReturn;
  asked: number;
  emailed: number;
}

/** An opening's checked input: where it asks, by when, and how it chases. */
interface OpeningPlan {
  root: Organisation;
  deadline: Date;
  policy: ChasePolicy;
}

/** One refusal for every problem found, under the reason of the first (the scope, then the deadline), as the API always answered. */
function openingRefusal(fields: FieldErrors): AppError {
  if (fields.scopeOdsCode) return nominationError('ScopeInvalid', 'Check the highlighted fields.', fields);
  const passed = fields.deadline?.[0] === 'The deadline must be in the future';
  return passed
    ? nominationError('DeadlinePassed', 'The deadline has already passed.', fields)
    : nominationError('DeadlineInvalid', 'The deadline is not a real date and time.', fields);
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
    private readonly organisations: OrganisationsService,
    private readonly chasePolicy: ChasePolicyService,
    private readonly calendar: WorkingDayCalendarService,
    private readonly access: AccessService,
    private readonly templates: EmailTemplatesService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * What open() would do with this input, without writing or sending anything: who would be asked,
   * who can be reached and who cannot (by name, to fix first), and the chase plan. Refuses exactly
   * as open() would, so the check page never shows an opening that would then fail.
   */
  async preview(me: AuthUser, input: OpenNominationReturnInput): Promise<NominationReturnPreview> {
    const { root, deadline, policy } = await this.plan(me, input);
    const asked = await this.returns.findAskable(root.id, input.organisationTypes);
    if (asked.length === 0) throw this.noneAsked(root);
    const recipients = await this.contacts.recipientsFor(asked.map((o) => o.id));
    const unreachableIds = new Set(recipients.filter((r) => r.emails.length === 0).map((r) => r.organisationId));
    const unreachable = asked.filter((o) => unreachableIds.has(o.id));
    const byId = new Map((await this.organisations.findByIds(unreachable.map((o) => o.id))).map((o) => [o.id, o]));
    return {
      title: input.title,
      instructions: input.instructions ?? '',
      organisationTypes: [...input.organisationTypes],
      scopeRoot: root,
      deadline,
      requiresApproval: input.requiresApproval ?? false,
      asked: asked.length,
      reachable: asked.length - unreachable.length,
      unreachable: unreachable.length,
      unreachableOrganisations: unreachable.map((o) => byId.get(o.id)!),
      chasePlan: this.chasePlanFor(deadline, policy),
    };
  }

  /**
   * Opens a return: one request per open organisation of the chosen types in the chosen part of
   * the hierarchy, and one e-mail to each organisation that has someone to write to. Organisations
   * with nobody are still asked; the dashboard shows them as unreachable until someone is added.
   */
  async open(me: AuthUser, input: OpenNominationReturnInput): Promise<NominationReturnOpened> {
    const { root, deadline, policy } = await this.plan(me, input);
    const now = this.clock.now();

    return this.tx.run(async (manager) => {
      const created = await this.returns.insert(manager, {
        title: input.title,
        instructions: input.instructions ?? '',
        organisationTypes: [...input.organisationTypes],
        scopeRootId: root.id,
        deadline,
        ...policy,
        requiresApproval: input.requiresApproval ?? false,
        openedAt: now,
        createdById: me.id,
      });
      const asked = await this.returns.insertRequests(manager, created.id, root.id, input.organisationTypes);
      if (asked.length === 0) throw this.noneAsked(root);
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
      return { nominationReturn: created, asked: asked.length, emailed: requests.length };
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

  /**
   * The service's own checks of an opening (the scope, the deadline), every one of them, as field
   * problems rather than a refusal: a form whose other boxes are wrong shows these in the same error
   * summary instead of one round later. Fields left out are not checked.
   */
  async openingProblems(me: AuthUser, input: { scopeOdsCode?: string; deadline?: string }): Promise<FieldErrors> {
    const fields: FieldErrors = {};
    await this.scopeRootOf(me, input.scopeOdsCode).catch((error: unknown) => {
      if (!(error instanceof AppError) || error.reason !== NominationErrorReason.ScopeInvalid || !error.fields) throw error;
      Object.assign(fields, error.fields);
    });
    if (input.deadline !== undefined) {
      const deadline = parseLondonDateTime(input.deadline);
      if (!deadline) fields.deadline = ['Enter a real date and time for the deadline'];
      else if (deadline.getTime() <= this.clock.now().getTime()) fields.deadline = ['The deadline must be in the future'];
    }
    return fields;
  }

  /** The scope, deadline and chase policy of an opening, checked as open() and preview() both need them; every problem at once. */
  private async plan(me: AuthUser, input: OpenNominationReturnInput): Promise<OpeningPlan> {
    const problems = await this.openingProblems(me, input);
    if (Object.keys(problems).length > 0) throw openingRefusal(problems);
    const root = await this.scopeRootOf(me, input.scopeOdsCode);
    return {
      root,
      deadline: parseLondonDateTime(input.deadline)!,
      policy: {
        reminderOffsetsDays: [...(input.reminderOffsetsDays ?? DEFAULT_REMINDER_OFFSETS_DAYS)].sort((a, b) => b - a),
        overdueEveryWorkingDays: input.overdueEveryWorkingDays ?? 5,
        escalateAfterWorkingDays: input.escalateAfterWorkingDays ?? 10,
      },
    };
  }

  /** The chase engine's own rules applied to this deadline, so the plan shown is the plan followed. */
  private chasePlanFor(deadline: Date, policy: ChasePolicy): NominationChasePlan {
    const schedule = { deadline, openedAt: this.clock.now(), policy };
    const lastDay = this.calendar.lastDayBefore(deadline);
    return {
      reminderDays: this.chasePolicy.reminderDays(schedule),
      firstOverdueDay: this.calendar.addWorkingDays(lastDay, 1),
      overdueEveryWorkingDays: policy.overdueEveryWorkingDays,
      escalationStartsOn: this.calendar.addWorkingDays(lastDay, policy.escalateAfterWorkingDays),
      escalateAfterWorkingDays: policy.escalateAfterWorkingDays,
    };
  }

  private noneAsked(root: Organisation) {
    return nominationError('NoOrganisationsAsked', `${root.name} has no open organisations of those types.`, {
      organisationTypes: [`There are no open organisations of those types in ${root.name}`],
    });
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
