import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ChaseCampaignSource, ChaseSource } from './chase-campaign-source';

/** Every @ChaseSource() provider in the application, by kind. */
@Injectable()
export class ChaseSourcesService implements OnModuleInit {
  private readonly byKind = new Map<string, ChaseCampaignSource>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ChaseSource.KEY })) {
      const source = wrapper.instance as ChaseCampaignSource | undefined;
      if (!source) continue;
      const existing = this.byKind.get(source.kind);
      // Two sources claiming one prefix would read each other's chase log and pauses.
      if (existing && existing !== source) throw new Error(`Two chase sources claim the campaign kind "${source.kind}"`);
      this.byKind.set(source.kind, source);
    }
  }

  all(): ChaseCampaignSource[] {
    return [...this.byKind.values()];
  }

  get(kind: string): ChaseCampaignSource {
    const source = this.byKind.get(kind);
    if (!source) throw new Error(`No chase source for campaigns of kind "${kind}"`);
    return source;
  }
}
