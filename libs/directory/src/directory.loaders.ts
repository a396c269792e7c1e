import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderFactory } from '@dasv/common';
import { AuthUser } from '@dasv/auth';
import { DasvLead, LeadsService } from '@dasv/leads';
import { DirectoryService } from './directory.service';
import { DirectoryLead } from './models/directory-lead.model';

export interface DirectoryLoaderSet {
  leadById: DataLoader<string, DasvLead | null>;
  /** Current lead roles of each person, earliest first. */
  currentLeadsOf: DataLoader<string, DasvLead[]>;
  /** People as this caller may see them (contact details hidden from them are null). */
  peopleSeenBy(me: AuthUser): DataLoader<string, DirectoryLead | null>;
}

@Injectable()
export class DirectoryLoaders implements LoaderFactory<DirectoryLoaderSet> {
  constructor(
    private readonly leads: LeadsService,
    private readonly directory: DirectoryService,
  ) {}

  createLoaders(): DirectoryLoaderSet {
    // A request has one caller, but keying by caller means a set can never show one person's view to another.
    const people = new Map<string, DataLoader<string, DirectoryLead | null>>();
    return {
      leadById: new DataLoader(async (ids) => {
        const byId = new Map((await this.leads.findByIds(ids)).map((lead) => [lead.id, lead]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      currentLeadsOf: new DataLoader(async (userIds) => {
        const rows = await this.leads.currentRolesOf(userIds);
        return userIds.map((id) => rows.filter((lead) => lead.userId === id));
      }),
      peopleSeenBy: (me) => {
        let loader = people.get(me.id);
        if (!loader) {
          loader = new DataLoader((userIds) => this.directory.peopleSeenBy(me, userIds));
          people.set(me.id, loader);
        }
        return loader;
      },
    };
  }
}
