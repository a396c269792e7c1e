import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompletionRecorder } from './completion-recorder';
import { LearnerCompletion } from './entities/learner-completion.entity';
import { OrganisationCompletionDay } from './entities/organisation-completion-day.entity';
import { OrganisationCourseStats } from './entities/organisation-course-stats.entity';
import { OrganisationHeadcount } from './entities/organisation-headcount.entity';

/** Learning records every feature writes through: completions (counted once) and their counters. */
@Module({
  imports: [TypeOrmModule.forFeature([LearnerCompletion, OrganisationCourseStats, OrganisationCompletionDay, OrganisationHeadcount])],
  providers: [CompletionRecorder],
  exports: [CompletionRecorder],
})
export class CompletionsModule {}
