export * from './environment';
export * from './app-config';
export * from './config.module';
export * from './project-root';
export * from './work-email-domains';
