import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@dasv/audit';
import { CarriedOver, CarriesOverOnSuccession, OrganisationSuccession, OrganisationSuccessionHandler } from '@dasv/organisations';
import { NominationSuccessionRepository } from './nomination-succession.repository';

/**
 * A merged trust that still owed a nomination return leaves the obligation with its successor:
 * the return asks the successor, and chasing (which skips closed organisations) chases it there.
 */
@Injectable()
@CarriesOverOnSuccession()
export class NominationSuccessionService implements OrganisationSuccessionHandler {
  constructor(
    private readonly requests: NominationSuccessionRepository,
    private readonly audit: AuditService,
  ) {}

  async carryOver(manager: EntityManager, successions: OrganisationSuccession[]): Promise<CarriedOver[]> {
    const carried = await this.requests.askSuccessors(manager, successions);
    await this.audit.record(
      manager,
      carried.map((request) => ({
        actorId: null,
        action: 'nomination_request.inherited',
        entityType: 'nomination_return',
        entityId: request.returnId,
        organisationId: request.toOrganisationId,
        details: { fromOrganisationId: request.fromOrganisationId, via: 'ods-import' },
      })),
    );
    return carried.map((request) => ({
      fromOrganisationId: request.fromOrganisationId,
      toOrganisationId: request.toOrganisationId,
      item: 'open nomination request',
    }));
  }
}
