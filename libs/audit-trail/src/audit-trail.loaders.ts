import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { LoaderFactory } from '@dasv/common';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditTrailService, DescribedAuditEvent } from './audit-trail.service';
import { AuditActor, AuditEventView } from './models/audit-event.model';

export interface AuditTrailLoaderSet {
  actorById: DataLoader<string, AuditActor | null>;
  /** A page of events in words: its people and organisations named in one query each. */
  described: DataLoader<AuditEventView, DescribedAuditEvent, string>;
}

/** A page of events names a handful of people many times over: one query for all of them. */
@Injectable()
export class AuditTrailLoaders implements LoaderFactory<AuditTrailLoaderSet> {
  constructor(
    private readonly events: AuditTrailRepository,
    private readonly trail: AuditTrailService,
  ) {}

  createLoaders(): AuditTrailLoaderSet {
    return {
      actorById: new DataLoader(async (ids) => {
        const rows = await this.events.actorsByIds(ids);
        const byId = new Map(rows.map((actor) => [actor.id, actor]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      described: new DataLoader((events) => this.trail.describe(events), { cacheKeyFn: (event) => event.id }),
    };
  }
}
