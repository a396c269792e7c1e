import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import { ChaseCampaign, ChaseCampaignSource, ChaseTarget } from './chase-campaign-source';
import { ChaseSourcesService } from './chase-sources.service';
import { chasingError } from './chasing.errors';

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
export class ChaseTargetLookupService {
  constructor(
    private readonly sources: ChaseSourcesService,
    private readonly access: AccessService,
  ) {}

  async require(
    me: AuthUser,
    permission: Permission,
    ref: ChaseTargetRef,
    manager: EntityManager,
    options: { open: boolean; outstanding: boolean },
  ): Promise<ResolvedChaseTarget> {
    const organisation = await this.access.requireOrganisation(me, permission, ref.organisationOdsCode, {
      unknown: (message) => chasingError('UnknownOrganisation', message, { organisationOdsCode: ['Enter the ODS code of an NHS organisation'] }),
      manager,
    });

    const source = this.sources.get(ref.kind);
    const [campaign] = await source.findCampaigns(manager, [ref.ref]);
    if (!campaign) throw chasingError('CampaignNotFound', 'There is no such campaign.');
    if (options.open && !campaign.isOpen) throw chasingError('CampaignClosed', `${campaign.title} is closed: nobody is chased any more.`);

    // Asking for the outstanding request locks it, so a response cannot commit while we chase.
    const [target] = await source.targets(manager, campaign, { organisationIds: [organisation.id], outstandingOnly: options.outstanding });
    if (target) return { source, campaign, organisation, target };
    const [responded] = options.outstanding ? await source.targets(manager, campaign, { organisationIds: [organisation.id], outstandingOnly: false }) : [];
    if (responded) throw chasingError('AlreadyResponded', `${organisation.name} has already responded: there is nothing to chase.`);
    throw chasingError('OrganisationNotAsked', `${organisation.name} was not asked in ${campaign.title}.`);
  }
}
