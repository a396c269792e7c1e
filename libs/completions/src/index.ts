export * from './completions.module';
export * from './completion-recorder';
export * from './entities/learner-completion.entity';
export * from './entities/organisation-course-stats.entity';
export * from './entities/organisation-completion-day.entity';
export * from './entities/organisation-headcount.entity';
export * from './course-slug';
