import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ChasePause } from './entities/chase-pause.entity';
import { WorkingDayCalendarService } from './working-day-calendar.service';

@Resolver(() => ChasePause)
export class ChasePauseResolver {
  constructor(private readonly calendar: WorkingDayCalendarService) {}

  @ResolveField(() => String, { description: 'The last day of the pause in England, yyyy-mm-dd, as it was entered' })
  lastDay(@Parent() pause: ChasePause): string {
    return this.calendar.lastDayBefore(pause.until);
  }
}
