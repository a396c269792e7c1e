import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@dasv/organisations';
import { AuditTrailLoaders } from './audit-trail.loaders';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditTrailResolver } from './audit-trail.resolver';
import { AuditTrailService } from './audit-trail.service';

/**
 * Reading the audit log. Apart from libs/audit, which writes it, because libs/auth records sign-ins
 * through libs/audit and this feature needs libs/auth: one module would make a cycle.
 */
@Module({
  imports: [OrganisationsModule],
  providers: [AuditTrailRepository, AuditTrailService, AuditTrailLoaders, AuditTrailResolver],
  exports: [AuditTrailService, AuditTrailLoaders],
})
export class AuditTrailModule {}
