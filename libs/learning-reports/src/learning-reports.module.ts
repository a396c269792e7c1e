import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@dasv/organisations';
import { CompletionDashboardRepository } from './completion-dashboard.repository';
import { CompletionDashboardService } from './completion-dashboard.service';
import { CompletionTrendCacheService } from './completion-trend-cache.service';
import { CourseReminderRunsRepository } from './course-reminder-runs.repository';
import { CourseRemindersService } from './course-reminders.service';
import { CourseReminder } from './entities/course-reminder.entity';
import { CourseReminderRun } from './entities/course-reminder-run.entity';
import { CourseReminderSchedule } from './entities/course-reminder-schedule.entity';
import { LearnersNotCompletedRepository } from './learners-not-completed.repository';
import { LearnersNotCompletedService } from './learners-not-completed.service';
import { LearningReportExportsService } from './learning-report-exports.service';
import { LearningReportScopeService } from './learning-report-scope.service';
import { LearningReportsResolver } from './learning-reports.resolver';
import { ReportedCoursesRepository } from './reported-courses.repository';

export const LEARNING_REPORT_ENTITIES = [CourseReminderRun, CourseReminder, CourseReminderSchedule];

/** Completion rates across the hierarchy, exports, learners not yet completed and their reminders. */
@Module({
  imports: [TypeOrmModule.forFeature(LEARNING_REPORT_ENTITIES), OrganisationsModule],
  providers: [
    ReportedCoursesRepository,
    LearningReportScopeService,
    CompletionDashboardRepository,
    CompletionTrendCacheService,
    CompletionDashboardService,
    LearnersNotCompletedRepository,
    LearnersNotCompletedService,
    LearningReportExportsService,
    CourseReminderRunsRepository,
    CourseRemindersService,
    LearningReportsResolver,
  ],
  exports: [LearningReportScopeService, CompletionDashboardService, LearnersNotCompletedService, LearningReportExportsService, CourseRemindersService],
})
export class LearningReportsModule {}
