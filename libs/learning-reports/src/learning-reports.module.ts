import { Module } from '@nestjs/common';

/** Completion rates across the hierarchy, exports, learners not yet completed and their reminders. */
@Module({})
export class LearningReportsModule {}
