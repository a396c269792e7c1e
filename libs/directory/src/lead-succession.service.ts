import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { AuditService } from '@dasv/audit';
import { OrganisationSuccession, OrganisationSuccessionHandler } from '@dasv/organisations';
import { LeadSuccessionRepository } from './lead-succession.repository';

/**
 * When an ODS import gives a closed organisation a successor, its current leads become leads of
 * the successor, in the import's own transaction: a merged trust keeps its leads, and the
 * successor's history shows who they were before.
 */
@Injectable()
export class LeadSuccession implements OrganisationSuccessionHandler {
  constructor(
    private readonly leads: LeadSuccessionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async inheritFromPredecessors(manager: EntityManager, successions: OrganisationSuccession[]): Promise<void> {
    const carried = await this.leads.carryToSuccessors(manager, successions, this.clock.now());
    await this.audit.record(
      manager,
      carried.map((lead) => ({
        actorId: null,
        action: 'dasv_lead.inherited',
        entityType: 'dasv_lead',
        entityId: lead.toLeadId,
        organisationId: lead.toOrganisationId,
        details: { fromLeadId: lead.fromLeadId, fromOrganisationId: lead.fromOrganisationId, userId: lead.userId, leadRole: lead.leadRole, via: 'ods-import' },
      })),
    );
  }
}
