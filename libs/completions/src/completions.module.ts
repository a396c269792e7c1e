import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompletionRecorderService } from './completion-recorder.service';
import { LearnerCompletion } from './entities/learner-completion.entity';
import { OrganisationCompletionDay } from './entities/organisation-completion-day.entity';
import { OrganisationCourseStats } from './entities/organisation-course-stats.entity';
import { OrganisationHeadcount } from './entities/organisation-headcount.entity';

/** Learning records every feature writes through: completions (counted once) and their counters. */
@Module({
  imports: [TypeOrmModule.forFeature([LearnerCompletion, OrganisationCourseStats, OrganisationCompletionDay, OrganisationHeadcount])],
  providers: [CompletionRecorderService],
  exports: [CompletionRecorderService],
})
export class CompletionsModule {}
