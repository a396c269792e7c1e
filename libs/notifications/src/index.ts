export * from './email-delivery.entity';
export * from './email-outbox';
export * from './email-templates';
export * from './email-sender.service';
export * from './mailer';
export * from './notifications.module';
export * from './notifications-worker.module';
export * from './jobs/send-email.job';
