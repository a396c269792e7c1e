import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { AuditService } from '@dasv/audit';
import { CarriedOver, CarriesOverOnSuccession, OrganisationSuccession, OrganisationSuccessionHandler } from '@dasv/organisations';
import { LeadsRepository } from './leads.repository';

/**
 * When an ODS import gives a closed organisation a successor, its current leads become leads of
 * the successor, in the import's own transaction: a merged trust keeps its leads, and the
 * successor's history shows who they were before.
 */
@Injectable()
@CarriesOverOnSuccession()
export class LeadSuccessionService implements OrganisationSuccessionHandler {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async carryOver(manager: EntityManager, successions: OrganisationSuccession[]): Promise<CarriedOver[]> {
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
    return carried.map((lead) => ({ fromOrganisationId: lead.fromOrganisationId, toOrganisationId: lead.toOrganisationId, item: 'DASV lead' }));
  }
}
