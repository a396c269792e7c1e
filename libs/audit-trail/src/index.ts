export * from './audit-trail.module';
export * from './audit-trail.service';
export * from './audit-trail.loaders';
export * from './audit-trail.errors';
export * from './dto/audit-events.args';
export * from './models/audit-event.model';
export * from './audit-sentences';
