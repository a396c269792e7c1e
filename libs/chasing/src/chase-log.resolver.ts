import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthUser, CurrentUser } from '@dasv/auth';
import { ChaseLog } from './entities/chase-log.entity';
import { ChaseLogService } from './chase-log.service';

/** Fields of a chase log row, wherever the row is reached from (a query or a dashboard's drill-down). */
@Resolver(() => ChaseLog)
export class ChaseLogResolver {
  constructor(private readonly chaseLogs: ChaseLogService) {}

  @ResolveField(() => [String], { description: 'Addresses the chase went to; for an escalation, shown only to those who may manage chasing for the organisation' })
  recipients(@CurrentUser() me: AuthUser, @Parent() log: ChaseLog): Promise<string[]> {
    return this.chaseLogs.recipientsVisibleTo(me, log);
  }
}
