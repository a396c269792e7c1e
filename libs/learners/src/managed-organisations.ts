import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BadUserInputError } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { Organisation, OrganisationsRepository } from '@dasv/organisations';
import { LearnersErrorReason } from './learners.errors';

/** The organisation an admin acts on for its learners: open, and inside their LearnerManage scope. */
@Injectable()
export class ManagedOrganisations {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
  ) {}

  async require(me: AuthUser, odsCode: string, manager?: EntityManager): Promise<Organisation> {
    const organisation = await this.organisations.findByOdsCode(odsCode, manager);
    if (!organisation || !organisation.isActive) {
      throw new BadUserInputError(`No open organisation has ODS code ${odsCode.toUpperCase()}.`, { odsCode: ['Enter the ODS code of an open NHS organisation'] }, LearnersErrorReason.UnknownOrganisation);
    }
    await this.access.requireOrganisations(me, Permission.LearnerManage, [organisation.id], manager);
    return organisation;
  }

  /** The caller and their roles carrying LearnerManage, for SQL that filters by scope. */
  viewer(me: AuthUser): { userId: string; roles: string[] } {
    return { userId: me.id, roles: this.access.rolesFor(me, Permission.LearnerManage) };
  }

  /** SQL true when `column` (an organisation id) is in scope, with $2 the caller and $3 their roles. */
  scopeSql(column: string, userParam = '$2', rolesParam = '$3::text[]'): string {
    return this.access.scopeCondition(column, userParam, rolesParam);
  }
}
