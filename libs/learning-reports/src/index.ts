export * from './learning-reports.module';
