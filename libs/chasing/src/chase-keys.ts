import { createHash } from 'node:crypto';
import { ChaseStage } from './entities/chase-log.entity';
import { CalendarDay } from './working-day-calendar.service';

// A chase key names one intended chase: the same chase decided twice (two sweeps, a retry) gets the
// same key and collides on chase_log_key_key. Ids, not ODS codes: a code can be reissued, an id cannot.

export function organisationChaseKey(campaign: string, organisationId: string, stage: ChaseStage, dueOn: CalendarDay): string {
  return `chase|${campaign}|${organisationId}|${stage}|${dueOn}`;
}

/** One digest per person per campaign per day, however many organisations and roles it covers. */
export function digestKey(campaign: string, userId: string, dueOn: CalendarDay): string {
  return `chase|${campaign}|digest|${userId}|${dueOn}`;
}

/** Chases by hand are each their own event, so their key carries the new row's id. */
export function manualChaseKey(campaign: string, organisationId: string, dueOn: CalendarDay, id: string): string {
  return `chase|${campaign}|${organisationId}|${ChaseStage.MANUAL}|${dueOn}|${id}`;
}

/**
 * The e-mail's own key (email_delivery, BullMQ job id) for one recipient of a chase. Hashed because
 * job ids keep only letters, digits, _ and -, and "a.b@x" and "a_b@x" would otherwise collide.
 */
export function chaseEmailKey(chaseKey: string, address: string): string {
  return `${chaseKey}|${createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 20)}`;
}

/** What chase_log.campaign and chase_pause.campaign hold: `nomination-return:<uuid>`. */
export function campaignKey(kind: string, ref: string): string {
  return `${kind}:${ref}`;
}

export function parseCampaignKey(campaign: string): { kind: string; ref: string } {
  const colon = campaign.indexOf(':');
  if (colon <= 0) throw new Error(`Not a campaign key: ${campaign}`);
  return { kind: campaign.slice(0, colon), ref: campaign.slice(colon + 1) };
}
