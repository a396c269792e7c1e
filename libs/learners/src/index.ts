export * from './learners.module';
