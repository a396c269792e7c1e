import { Module } from '@nestjs/common';

/** Learners and headcount: self-registration, staff list uploads, imported completions. */
@Module({})
export class LearnersModule {}
