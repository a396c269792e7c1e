import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { EXPORT_COMPLEXITY, listComplexity, Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';
import { AuditEventsArgs } from './dto/audit-events.args';
import { AuditTrailLoaders } from './audit-trail.loaders';
import { AuditTrailService } from './audit-trail.service';
import { auditActionLabel } from './audit-sentences';
import { AuditActor, AuditEventConnection, AuditEventView } from './models/audit-event.model';

@Resolver(() => AuditEventView)
export class AuditTrailResolver {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly trailLoaders: AuditTrailLoaders,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  @Query(() => AuditEventConnection, {
    description:
      'Who did what, newest first: events of the organisations you look after and those beneath them (national admins: every event, those of no organisation too)',
    complexity: listComplexity,
  })
  @Can(Permission.AuditRead)
  auditEvents(@CurrentUser() me: AuthUser, @Args() args: AuditEventsArgs) {
    return this.trail.list(me, args);
  }

  @Query(() => String, {
    description: 'The audit trail as CSV (UTF-8, Excel-ready), in words, newest first, with the same filters and scope as auditEvents',
    complexity: EXPORT_COMPLEXITY,
  })
  @Can(Permission.AuditRead)
  auditEventsCsv(@CurrentUser() me: AuthUser, @Args() args: AuditEventsArgs) {
    const { organisation, action, actorEmail, actorId, from, to } = args;
    return this.trail.exportCsvText(me, { organisation, action, actorEmail, actorId, from, to });
  }

  @ResolveField(() => String, {
    description: 'What happened, in a sentence for people: "Amara Okafor invited Daniel Whitmore as organisation administrator of …"',
    complexity: 2,
  })
  async sentence(@Parent() event: AuditEventView, @Loaders() loaders: RequestLoaders) {
    return (await loaders.get(this.trailLoaders).described.load(event)).sentence;
  }

  @ResolveField(() => String, { description: 'The action in words, like "Invited someone"', complexity: 1 })
  actionLabel(@Parent() event: AuditEventView) {
    return auditActionLabel(event.action);
  }

  @ResolveField(() => Organisation, { nullable: true, description: 'Whose event it is; null for events of no organisation' })
  organisation(@Parent() event: AuditEventView, @Loaders() loaders: RequestLoaders) {
    return event.organisationId ? loaders.get(this.organisationLoaders).byId.load(event.organisationId) : null;
  }

  @ResolveField(() => AuditActor, { nullable: true, description: 'Who did it; null when the system did (a scheduled job, a public form)' })
  actor(@Parent() event: AuditEventView, @Loaders() loaders: RequestLoaders) {
    return event.actorId ? loaders.get(this.trailLoaders).actorById.load(event.actorId) : null;
  }
}
