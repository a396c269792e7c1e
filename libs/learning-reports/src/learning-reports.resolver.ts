import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Connection, ConnectionType, EXPORT_COMPLEXITY, listComplexity } from '@dasv/common';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { CompletionDashboardService } from './completion-dashboard.service';
import { CourseRemindersService } from './course-reminders.service';
import {
  CompletionDashboardArgs,
  LearnersNotCompletedArgs,
  LearningReportArgs,
  SendCourseRemindersInput,
  SetCourseReminderScheduleInput,
} from './dto/learning-report.args';
import { LearnersNotCompletedService } from './learners-not-completed.service';
import { LearningReportExportsService } from './learning-report-exports.service';
import { CompletionDashboard } from './models/completion-dashboard.model';
import { CourseReminderRunView, CourseReminderScheduleView, CourseReminderStatus } from './models/course-reminders.model';
import { LearnerNotCompleted } from './models/learner-not-completed.model';

export const LearnerNotCompletedConnection = ConnectionType(LearnerNotCompleted, 'LearnerNotCompleted');

@Resolver()
export class LearningReportsResolver {
  constructor(
    private readonly dashboard: CompletionDashboardService,
    private readonly learners: LearnersNotCompletedService,
    private readonly exports: LearningReportExportsService,
    private readonly reminders: CourseRemindersService,
  ) {}

  @Query(() => CompletionDashboard, {
    description: 'Completion rates of an organisation and of every organisation beneath it, ranked against peers, with the daily trend',
  })
  @Can(Permission.LearningReportRead)
  completionDashboard(@CurrentUser() me: AuthUser, @Args() args: CompletionDashboardArgs) {
    return this.dashboard.dashboardFor(me, args);
  }

  @Query(() => String, {
    description: 'The completion dashboard as CSV (UTF-8, Excel-ready): the organisation, then every organisation beneath it',
    complexity: EXPORT_COMPLEXITY,
  })
  @Can(Permission.LearningReportRead)
  async completionDashboardCsv(@CurrentUser() me: AuthUser, @Args() { slug, odsCode }: LearningReportArgs) {
    return (await this.exports.completion(me, slug, odsCode)).csv;
  }

  @Query(() => LearnerNotCompletedConnection, {
    description:
      "An organisation's own staff with active accounts who have not completed the course, by name. totalCount is its headcount less its completions when it has a headcount (staff without an account count too), else the accounts listed",
    complexity: listComplexity,
  })
  @Can(Permission.LearningReportRead)
  async learnersNotCompleted(@CurrentUser() me: AuthUser, @Args() args: LearnersNotCompletedArgs): Promise<Connection<LearnerNotCompleted>> {
    const { edges, pageInfo, totalCount, isTotalCountCapped } = await this.learners.list(me, args);
    return { edges, pageInfo, totalCount, isTotalCountCapped };
  }

  @Query(() => String, { description: 'Every learner of the organisation not yet completed, as CSV', complexity: EXPORT_COMPLEXITY })
  @Can(Permission.LearningReportRead)
  async learnersNotCompletedCsv(@CurrentUser() me: AuthUser, @Args() { slug, odsCode }: LearningReportArgs) {
    return (await this.exports.notCompleted(me, slug, odsCode)).csv;
  }

  @Query(() => CourseReminderStatus, { description: "An organisation's monthly reminder schedule and its recent runs of reminders" })
  @Can(Permission.LearningReportRead)
  async courseReminders(@CurrentUser() me: AuthUser, @Args() { slug, odsCode }: LearningReportArgs): Promise<CourseReminderStatus> {
    const { schedule, runs } = await this.reminders.status(me, slug, odsCode);
    return { schedule, runs };
  }

  @Mutation(() => CourseReminderRunView, {
    description:
      'E-mails a reminder to every learner of the organisation, and of those beneath it, who has not completed: in batches, at most once a month each',
  })
  @Can(Permission.LearnerManage)
  sendCourseReminders(@CurrentUser() me: AuthUser, @Args('input') input: SendCourseRemindersInput) {
    return this.reminders.send(me, input);
  }

  @Mutation(() => CourseReminderScheduleView, {
    description: 'Turns monthly reminders (on the first working day) on or off for the organisation and those beneath it',
  })
  @Can(Permission.LearnerManage)
  setCourseReminderSchedule(@CurrentUser() me: AuthUser, @Args('input') input: SetCourseReminderScheduleInput) {
    return this.reminders.setSchedule(me, input);
  }
}
