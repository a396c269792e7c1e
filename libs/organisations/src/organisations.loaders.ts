import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderFactory } from '@dasv/common';
import { Organisation } from './entities/organisation.entity';
import { OrganisationsRepository } from './organisations.repository';

export interface OrganisationLoaderSet {
  byId: DataLoader<string, Organisation | null>;
  childrenOf: DataLoader<string, Organisation[]>;
  ancestorsOf: DataLoader<string, Organisation[]>;
}

@Injectable()
export class OrganisationLoaders implements LoaderFactory<OrganisationLoaderSet> {
  constructor(private readonly repository: OrganisationsRepository) {}

  createLoaders(): OrganisationLoaderSet {
    return {
      byId: new DataLoader(async (ids) => {
        const rows = await this.repository.findByIds(ids);
        const byId = new Map(rows.map((o) => [o.id, o]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      childrenOf: new DataLoader(async (parentIds) => {
        const rows = await this.repository.findChildrenOf(parentIds);
        return parentIds.map((id) => rows.filter((o) => o.parentId === id));
      }),
      ancestorsOf: new DataLoader(async (ids) => {
        const rows = await this.repository.findAncestorsOf(ids);
        return ids.map((id) => rows.filter((o) => o.descendantId === id));
      }),
    };
  }
}
