import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, AuthUser, Permission, Viewer } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import { learnersError } from './learners.errors';

/** The organisation an admin acts on for its learners: open, and inside their LearnerManage scope. */
@Injectable()
export class ManagedOrganisationsService {
  constructor(private readonly access: AccessService) {}

  require(me: AuthUser, odsCode: string, manager?: EntityManager): Promise<Organisation> {
    return this.access.requireOrganisation(me, Permission.LearnerManage, odsCode, {
      unknown: (message) => learnersError('UnknownOrganisation', message, { odsCode: ['Enter the ODS code of an open NHS organisation'] }),
      open: true,
      manager,
    });
  }

  /** The caller as lists of the organisations and accounts they manage are scoped (LearnerManage). */
  viewer(me: AuthUser): Viewer {
    return this.access.viewer(me, Permission.LearnerManage);
  }
}
