import { AuditTrailModule } from '@dasv/audit-trail';
import { OrganisationsModule } from '@dasv/organisations';
import { PageArea } from '../shared/page-area';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailView } from './audit-trail.view';

/** The audit trail: every recorded admin action in the caller's part of the hierarchy. */
export const AUDIT_TRAIL_PAGES: PageArea = {
  imports: [AuditTrailModule, OrganisationsModule],
  controllers: [AuditTrailController],
  providers: [AuditTrailView],
};
