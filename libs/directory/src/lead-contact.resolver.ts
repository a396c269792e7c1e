import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders, RequestLoaders } from '@dasv/common';
import { AuthUser, CurrentUser } from '@dasv/auth';
import { CurrentLead } from '@dasv/nominations';
import { DirectoryLoaders } from './directory.loaders';

/**
 * A lead's e-mail and telephone number wherever nominations show a lead (a handover's successor, an
 * organisation's current leads): the directory's one rule (contact-visibility.ts), the same answer
 * the directory gives this caller about this person, never the stored values as such.
 */
@Resolver(() => CurrentLead)
export class LeadContactResolver {
  constructor(private readonly directoryLoaders: DirectoryLoaders) {}

  @ResolveField(() => String, { nullable: true, description: 'Null when they do not show it to you (as in the directory)' })
  async email(@Parent() lead: CurrentLead, @CurrentUser() me: AuthUser, @Loaders() loaders: RequestLoaders): Promise<string | null> {
    return (await loaders.get(this.directoryLoaders).peopleSeenBy(me).load(lead.userId))?.email ?? null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Their directory telephone number; null when they have none or do not show it to you' })
  async phone(@Parent() lead: CurrentLead, @CurrentUser() me: AuthUser, @Loaders() loaders: RequestLoaders): Promise<string | null> {
    return (await loaders.get(this.directoryLoaders).peopleSeenBy(me).load(lead.userId))?.phone ?? null;
  }
}
