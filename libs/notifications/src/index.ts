export * from './email-delivery.entity';
export * from './email-outbox.service';
export * from './email-templates.service';
export * from './email-sender.service';
export * from './mailer.service';
export * from './notifications.module';
export * from './notifications-worker.module';
export * from './jobs/send-email.job';
