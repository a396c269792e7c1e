import { Injectable } from '@nestjs/common';
import { Clock, Connection, decodeCursor, encodeCursor, toConnection } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser } from '@dasv/auth';
import { HeadcountSource } from '@dasv/completions';
import { ManagedOrganisationsArgs, SetHeadcountInput } from './dto/learners.inputs';
import { HeadcountRepository, sortKeyOf } from './headcount.repository';
import { LEARNER_ADMIN_ACTIONS, LearnerActivityRepository, LearnerAdminEventRow } from './learner-activity.repository';
import { ManagedOrganisationsService } from './managed-organisations.service';
import { Headcount, LearnerAdminEvent, ManagedOrganisation, OrganisationStaff } from './models/learners.models';

const RECENT_ACTIVITY = 10;

/** An organisation's headcount, entered by an admin or read back with what was last done about its staff. */
@Injectable()
export class HeadcountService {
  constructor(
    private readonly clock: Clock,
    private readonly managed: ManagedOrganisationsService,
    private readonly headcounts: HeadcountRepository,
    private readonly activity: LearnerActivityRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async set(me: AuthUser, input: SetHeadcountInput): Promise<Headcount> {
    const organisation = await this.managed.require(me, input.odsCode);
    return this.tx.run(async (manager) => {
      const previous = await this.headcounts.set(manager, {
        organisationId: organisation.id,
        headcount: input.headcount,
        source: HeadcountSource.ADMIN,
        now: this.clock.now(),
        userId: me.id,
      });
      await this.audit.record(manager, {
        actorId: me.id,
        action: LEARNER_ADMIN_ACTIONS.headcountSet,
        entityType: 'organisation',
        entityId: organisation.id,
        organisationId: organisation.id,
        details: { headcount: input.headcount, previousHeadcount: previous },
      });
      return (await this.headcounts.find(organisation.id, manager))!;
    });
  }

  async staff(me: AuthUser, odsCode: string): Promise<OrganisationStaff> {
    const organisation = await this.managed.require(me, odsCode);
    const [headcount, recent] = await Promise.all([this.headcounts.find(organisation.id), this.activity.recent(organisation.id, RECENT_ACTIVITY)]);
    return { organisation, headcount, recentActivity: recent.map(describe) };
  }

  /** The open organisations the caller manages learners for, their own first, then by name. */
  async managedOrganisations(me: AuthUser, args: ManagedOrganisationsArgs): Promise<Connection<ManagedOrganisation>> {
    const first = args.first ?? 20;
    const { rows, totalCount } = await this.headcounts.listManaged({
      viewer: this.managed.viewer(me),
      search: args.search || undefined,
      first,
      after: decodeCursor(args.after),
    });
    return toConnection(rows, first, totalCount, (r) => encodeCursor(sortKeyOf(r), r.organisation.id));
  }
}

const count = (n: unknown, one: string, many: string) => `${Number(n).toLocaleString('en-GB')} ${Number(n) === 1 ? one : many}`;

function describe(event: LearnerAdminEventRow): LearnerAdminEvent {
  const d = event.details;
  let summary: string;
  switch (event.action) {
    case LEARNER_ADMIN_ACTIONS.staffListUploaded:
      summary = `Staff list of ${count(d.rows, 'person', 'people')}: ${count(d.accountsCreated, 'account', 'accounts')} created, headcount ${d.keptEnteredHeadcount ? 'kept at' : 'set to'} ${Number(d.headcount).toLocaleString('en-GB')}`;
      break;
    case LEARNER_ADMIN_ACTIONS.headcountSet:
      summary = `Headcount set to ${Number(d.headcount).toLocaleString('en-GB')}`;
      break;
    default:
      summary = `${count(d.rows, 'completion', 'completions')} imported from ${d.source === 'ESR' ? 'ESR' : 'e-LfH'}: ${count(d.newlyCounted, 'person', 'people')} newly counted`;
  }
  return { action: event.action, occurredAt: event.occurredAt, actorName: event.actorName, summary };
}
