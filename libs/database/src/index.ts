export * from './database.module';
export * from './outbox';
export * from './transaction-runner';
export * from './migrations';
export * from './redis.module';
export * from './prepared-query';
export * from './job-recovery';
export * from './update-returning';
