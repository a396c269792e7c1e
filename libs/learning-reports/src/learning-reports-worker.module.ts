import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@dasv/notifications';
import { WorkingDayCalendarService } from '@dasv/chasing';
import { CourseContentModule } from '@dasv/elearning';
import { CourseReminderRunsRepository } from './course-reminder-runs.repository';
import { CourseReminderSenderService } from './course-reminder-sender.service';
import { CourseReminderSweepService } from './course-reminder-sweep.service';
import { CourseReminderProcessor } from './jobs/course-reminder.processor';
import { CourseReminderSweepScheduler } from './jobs/course-reminder-sweep.scheduler';
import { COURSE_REMINDER_QUEUE } from './jobs/course-reminder.job';
import { LEARNING_REPORT_ENTITIES } from './learning-reports.module';
import { ReminderRecipientsRepository } from './reminder-recipients.repository';
import { ReportedCoursesRepository } from './reported-courses.repository';

/** The worker side: sending runs of course reminders in batches, and the repeating sweep. */
@Module({
  // The course entities the reminder tables point at: a worker started on its own has no API modules to register them.
  imports: [
    CourseContentModule,
    TypeOrmModule.forFeature(LEARNING_REPORT_ENTITIES),
    BullModule.registerQueue({ name: COURSE_REMINDER_QUEUE }),
    NotificationsModule,
  ],
  providers: [
    // Stateless; provided here so the worker need not build the chase engine to know the bank holidays.
    WorkingDayCalendarService,
    ReportedCoursesRepository,
    CourseReminderRunsRepository,
    ReminderRecipientsRepository,
    CourseReminderSenderService,
    CourseReminderSweepService,
    CourseReminderProcessor,
    CourseReminderSweepScheduler,
  ],
  exports: [CourseReminderSweepService, CourseReminderSweepScheduler],
})
export class LearningReportsWorkerModule {}
