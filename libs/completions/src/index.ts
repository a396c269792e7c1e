export * from './completions.module';
export * from './completion-recorder.service';
export * from './course-slug';
export * from './headcount-source';
export * from './completion-source';
