import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@dasv/notifications';
import { WorkingDayCalendar } from '@dasv/chasing';
import { CourseContentModule } from '@dasv/elearning';
import { CourseReminderRunsRepository } from './course-reminder-runs.repository';
import { CourseReminderSender } from './course-reminder-sender';
import { CourseReminderSweep } from './course-reminder-sweep.service';
import { CourseReminderProcessor } from './jobs/course-reminder.processor';
import { CourseReminderSweepScheduler } from './jobs/course-reminder-sweep.scheduler';
import { COURSE_REMINDER_QUEUE } from './jobs/course-reminder.job';
import { LEARNING_REPORT_ENTITIES } from './learning-reports.module';
import { ReminderRecipientsRepository } from './reminder-recipients.repository';
import { ReportedCoursesRepository } from './reported-courses.repository';

/** The worker side: sending runs of course reminders in batches, and the repeating sweep. */
@Module({
  // The course entities the reminder tables point at: a worker started on its own has no API modules to register them.
  imports: [CourseContentModule, TypeOrmModule.forFeature(LEARNING_REPORT_ENTITIES), BullModule.registerQueue({ name: COURSE_REMINDER_QUEUE }), NotificationsModule],
  providers: [
    // Stateless; provided here so the worker need not build the chase engine to know the bank holidays.
    WorkingDayCalendar,
    ReportedCoursesRepository,
    CourseReminderRunsRepository,
    ReminderRecipientsRepository,
    CourseReminderSender,
    CourseReminderSweep,
    CourseReminderProcessor,
    CourseReminderSweepScheduler,
  ],
  exports: [CourseReminderSweep, CourseReminderSweepScheduler],
})
export class LearningReportsWorkerModule {}
