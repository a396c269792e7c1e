import { Injectable } from '@nestjs/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Organisation, organisationNotFound } from '@dasv/organisations';
import { NominationReturn } from './entities/nomination-return.entity';
import { NominationReturnsRepository } from './nomination-returns.repository';
import { RequestFilter } from './nomination-dashboard.repository';
import { nominationError } from './nominations.errors';

export interface ReadScope {
  nominationReturn: NominationReturn;
  within: Organisation | null;
  /** The caller's NominationRead scope, which the repository applies, and `within`. */
  filter: RequestFilter;
}

/**
 * What a dashboard, list or export of a return may show this caller: the organisations below the
 * ones where they hold NominationRead, filtered in SQL, and inside `within` only if that is one of
 * theirs (a regional admin asking about another region is refused, not shown nothing).
 */
@Injectable()
export class NominationReadScopeService {
  constructor(
    private readonly returns: NominationReturnsRepository,
    private readonly access: AccessService,
  ) {}

  async resolve(me: AuthUser, returnId: string, withinOdsCode?: string): Promise<ReadScope> {
    const nominationReturn = await this.returns.findById(returnId);
    if (!nominationReturn) throw nominationError('ReturnNotFound', 'No such nomination return.');
    const within = withinOdsCode
      ? await this.access.requireOrganisation(me, Permission.NominationRead, withinOdsCode, { unknown: organisationNotFound })
      : null;
    return {
      nominationReturn,
      within,
      filter: { returnId, viewer: this.access.viewer(me, Permission.NominationRead), withinId: within?.id },
    };
  }
}
