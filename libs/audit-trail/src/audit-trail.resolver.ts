import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { listComplexity, Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';
import { AuditEventsArgs } from './dto/audit-events.args';
import { AuditTrailLoaders } from './audit-trail.loaders';
import { AuditTrailService } from './audit-trail.service';
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

  @ResolveField(() => Organisation, { nullable: true, description: 'Whose event it is; null for events of no organisation' })
  organisation(@Parent() event: AuditEventView, @Loaders() loaders: RequestLoaders) {
    return event.organisationId ? loaders.get(this.organisationLoaders).byId.load(event.organisationId) : null;
  }

  @ResolveField(() => AuditActor, { nullable: true, description: 'Who did it; null when the system did (a scheduled job, a public form)' })
  actor(@Parent() event: AuditEventView, @Loaders() loaders: RequestLoaders) {
    return event.actorId ? loaders.get(this.trailLoaders).actorById.load(event.actorId) : null;
  }
}
