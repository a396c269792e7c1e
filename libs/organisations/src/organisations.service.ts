import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Connection, decodeCursor, encodeCursor, toConnection } from '@dasv/common';
import { Organisation, OrganisationType } from './entities/organisation.entity';
import { OrganisationsRepository } from './organisations.repository';
import { organisationNotFound } from './organisations.errors';

export interface ListOrganisationsQuery {
  type?: OrganisationType;
  parent?: string;
  within?: string;
  region?: string;
  search?: string;
  includeInactive?: boolean;
  first?: number;
  after?: string;
}

/** Organisations are reference data every signed-in user may read; writes come only from the seed and ODS imports. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly repository: OrganisationsRepository) {}

  async getByOdsCode(odsCode: string): Promise<Organisation> {
    const organisation = await this.repository.findByOdsCode(odsCode);
    if (!organisation) throw organisationNotFound(`No organisation has ODS code ${odsCode.toUpperCase()}.`);
    return organisation;
  }

  /** The organisation with this ODS code, or null: for features that answer an unknown code in their own words. */
  findByOdsCode(odsCode: string, manager?: EntityManager): Promise<Organisation | null> {
    return this.repository.findByOdsCode(odsCode, manager);
  }

  findByOdsCodes(odsCodes: readonly string[], manager?: EntityManager): Promise<Organisation[]> {
    return this.repository.findByOdsCodes(odsCodes, manager);
  }

  findByIds(ids: readonly string[]): Promise<Organisation[]> {
    return this.repository.findByIds(ids);
  }

  async list(query: ListOrganisationsQuery): Promise<Connection<Organisation>> {
    const first = query.first ?? 20;
    const parent = query.parent ? await this.getByOdsCode(query.parent) : undefined;
    const withinCode = query.within ?? query.region;
    const within = withinCode ? await this.getByOdsCode(withinCode) : undefined;
    const { rows, totalCount } = await this.repository.list({
      type: query.type,
      parentId: parent?.id,
      withinId: within?.id,
      search: query.search?.trim() || undefined,
      includeInactive: query.includeInactive,
      first,
      after: decodeCursor(query.after),
    });
    return toConnection(rows, first, totalCount, (o) => encodeCursor(o.name, o.id));
  }
}
