import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, CurrentUser } from '@dasv/auth';
import { ChaseLog } from './entities/chase-log.entity';
import { ChaseLogService } from './chase-log.service';
import { ChasingLoaders } from './chasing.loaders';

/** Fields of a chase log row, wherever the row is reached from (a query or a dashboard's drill-down). */
@Resolver(() => ChaseLog)
export class ChaseLogResolver {
  constructor(
    private readonly chaseLogs: ChaseLogService,
    private readonly chasingLoaders: ChasingLoaders,
  ) {}

  @ResolveField(() => [String], {
    description: 'Addresses the chase went to; for an escalation, shown only to those who may manage chasing for the organisation',
  })
  recipients(@CurrentUser() me: AuthUser, @Parent() log: ChaseLog, @Loaders() loaders: RequestLoaders): Promise<string[]> {
    const mayManage = loaders.get(this.chasingLoaders).mayManage(me);
    return this.chaseLogs.recipientsVisibleTo(log, (organisationId) => mayManage.load(organisationId));
  }
}
