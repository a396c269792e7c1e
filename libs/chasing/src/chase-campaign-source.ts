import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { ChaseStage } from './entities/chase-log.entity';
import { ChaseSchedule } from './chase-policy.service';
import { CalendarDay } from './working-day-calendar.service';

/** Something organisations are asked to do by a deadline: a nomination return, later the charter. */
export interface ChaseCampaign extends ChaseSchedule {
  /** `<source kind>:<id>`: what chase_log.campaign and chase_pause.campaign hold. */
  campaign: string;
  /** The id within the source, e.g. the nomination return's id. */
  ref: string;
  title: string;
  isOpen: boolean;
}

/** One organisation asked by a campaign. */
export interface ChaseTarget {
  organisationId: string;
  odsCode: string;
  name: string;
  type: string;
  parentId: string | null;
  respondedAt: Date | null;
}

/** A person to escalate to, with the targets (children of organisations they administer) to list. */
export interface EscalationRecipient {
  userId: string;
  email: string;
  name: string;
  organisationIds: string[];
}

/** Which e-mail template to render, with what; see libs/notifications/templates/chase-*.njk. */
export interface ChaseEmail {
  template: string;
  context: Record<string, unknown>;
}

export interface ChaseToRender {
  stage: ChaseStage;
  dueOn: CalendarDay;
  recipient: string;
  decidedAt: Date;
  /** The admin who chased by hand, and their message. */
  sentBy: string | null;
  note: string | null;
  /** This organisation's deadline: the campaign's, or the end of an extension agreed with it. */
  deadline: Date;
  /** The first day its parent's admins will hear about it, while that is still to come. */
  escalatesOn: CalendarDay | null;
}

/**
 * What the shared chase engine needs from a feature to chase its campaigns. The engine owns the
 * calendar, the policy, the decision transaction, pauses, chases by hand and the log; a source only
 * answers questions about its own tables and words its e-mails. Mark the provider @ChaseSource().
 */
export interface ChaseCampaignSource {
  /** Prefix of this source's campaign keys, e.g. `nomination-return`. */
  readonly kind: string;

  /** Campaigns being chased now; called by every sweep. */
  openCampaigns(manager: EntityManager): Promise<ChaseCampaign[]>;

  /** Campaigns by their ids within the source, open or not (unknown ids are left out). */
  findCampaigns(manager: EntityManager, refs: readonly string[]): Promise<ChaseCampaign[]>;

  /**
   * The organisations asked. `outstandingOnly`: those that have not responded, locked against a
   * response committing while the caller decides (FOR SHARE), so no chase is decided after a response.
   */
  targets(manager: EntityManager, campaign: ChaseCampaign, options: { organisationIds?: readonly string[]; outstandingOnly: boolean }): Promise<ChaseTarget[]>;

  /** Addresses to chase each organisation at; an empty list means unreachable. */
  recipientsFor(manager: EntityManager, organisationIds: readonly string[]): Promise<Map<string, string[]>>;

  /** Who hears about targets that are long overdue, one entry per person. */
  escalationRecipients(manager: EntityManager, targets: readonly ChaseTarget[]): Promise<EscalationRecipient[]>;

  renderChase(campaign: ChaseCampaign, target: ChaseTarget, chase: ChaseToRender): ChaseEmail;

  renderDigest(campaign: ChaseCampaign, recipient: EscalationRecipient, targets: readonly ChaseTarget[], dueOn: CalendarDay): ChaseEmail;
}

/** Marks a provider as a ChaseCampaignSource; ChaseSourcesService finds every one in the application. */
export const ChaseSource = DiscoveryService.createDecorator<void>();
