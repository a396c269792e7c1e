import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationErrorReason, OrganisationsRepository } from '@dasv/organisations';
import { NominationReturn } from './entities/nomination-return.entity';
import { NominationReturnsRepository } from './nomination-returns.repository';
import { RequestFilter } from './nomination-dashboard.repository';
import { NominationErrorReason } from './nominations.errors';

export interface ReadScope {
  nominationReturn: NominationReturn;
  within: Organisation | null;
  filter: RequestFilter;
  /** AccessService.scopeCondition over r.organisation_id, for RequestFilter's parameters. */
  scopeSql: string;
}

/**
 * What a dashboard, list or export of a return may show this caller: the organisations below the
 * ones where they hold NominationRead, filtered in SQL, and inside `within` only if that is one of
 * theirs (a regional admin asking about another region is refused, not shown nothing).
 */
@Injectable()
export class NominationReadScope {
  constructor(
    private readonly returns: NominationReturnsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
  ) {}

  async resolve(me: AuthUser, returnId: string, withinOdsCode?: string): Promise<ReadScope> {
    const nominationReturn = await this.returns.findById(returnId);
    if (!nominationReturn) throw new NotFoundError('No such nomination return.', NominationErrorReason.ReturnNotFound);
    let within: Organisation | null = null;
    if (withinOdsCode) {
      within = await this.organisations.findByOdsCode(withinOdsCode);
      if (!within) throw new NotFoundError(`No organisation has ODS code ${withinOdsCode.toUpperCase()}.`, OrganisationErrorReason.NotFound);
      await this.access.requireOrganisations(me, Permission.NominationRead, [within.id]);
    }
    return {
      nominationReturn,
      within,
      filter: { returnId, viewerId: me.id, viewerRoles: this.access.rolesFor(me, Permission.NominationRead), withinId: within?.id },
      scopeSql: this.access.scopeCondition('r.organisation_id', '$2', '$3'),
    };
  }
}
