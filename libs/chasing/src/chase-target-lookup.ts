import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationsRepository } from '@dasv/organisations';
import { ChaseCampaign, ChaseCampaignSource, ChaseTarget } from './chase-campaign-source';
import { ChaseSources } from './chase-sources';
import { ChasingErrorReason } from './chasing.errors';

/** One organisation in one campaign, as an admin names it: the campaign's id and an ODS code. */
export interface ChaseTargetRef {
  kind: string;
  ref: string;
  organisationOdsCode: string;
}

export interface ResolvedChaseTarget {
  source: ChaseCampaignSource;
  campaign: ChaseCampaign;
  organisation: Organisation;
  target: ChaseTarget;
}

/**
 * The checks every admin action on a chase starts with, in one place so that pause, chase-now and
 * the log cannot drift apart: the organisation exists, lies in the caller's scope for the permission,
 * and was asked by the campaign.
 */
@Injectable()
export class ChaseTargetLookup {
  constructor(
    private readonly sources: ChaseSources,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
  ) {}

  async require(me: AuthUser, permission: Permission, ref: ChaseTargetRef, manager: EntityManager, options: { open: boolean; outstanding: boolean }): Promise<ResolvedChaseTarget> {
    const organisation = await this.organisations.findByOdsCode(ref.organisationOdsCode, manager);
    if (!organisation) {
      throw new BadUserInputError(
        `No organisation has ODS code ${ref.organisationOdsCode.toUpperCase()}.`,
        { organisationOdsCode: ['Enter the ODS code of an NHS organisation'] },
        ChasingErrorReason.UnknownOrganisation,
      );
    }
    await this.access.requireOrganisations(me, permission, [organisation.id], manager);

    const source = this.sources.get(ref.kind);
    const [campaign] = await source.findCampaigns(manager, [ref.ref]);
    if (!campaign) throw new NotFoundError('There is no such campaign.', ChasingErrorReason.CampaignNotFound);
    if (options.open && !campaign.isOpen) throw new ConflictError(`${campaign.title} is closed: nobody is chased any more.`, ChasingErrorReason.CampaignClosed);

    // Asking for the outstanding request locks it, so a response cannot commit while we chase.
    const [target] = await source.targets(manager, campaign, { organisationIds: [organisation.id], outstandingOnly: options.outstanding });
    if (target) return { source, campaign, organisation, target };
    const [responded] = options.outstanding ? await source.targets(manager, campaign, { organisationIds: [organisation.id], outstandingOnly: false }) : [];
    if (responded) throw new ConflictError(`${organisation.name} has already responded: there is nothing to chase.`, ChasingErrorReason.AlreadyResponded);
    throw new NotFoundError(`${organisation.name} was not asked in ${campaign.title}.`, ChasingErrorReason.OrganisationNotAsked);
  }
}
