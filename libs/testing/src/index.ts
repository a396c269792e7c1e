export * from './database';
export * from './factories';
export * from './mailbox';
export * from './test-app';
export * from './browser';
export * from './course-completion-journey';
export * from './processes';
export * from './outage';
