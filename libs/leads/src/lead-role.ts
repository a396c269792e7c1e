import { registerEnumType } from '@nestjs/graphql';

/** EXECUTIVE and OPERATIONAL leads for trusts and ICBs; a region names its SENIOR lead. */
export enum LeadRole {
  EXECUTIVE = 'EXECUTIVE',
  OPERATIONAL = 'OPERATIONAL',
  SENIOR = 'SENIOR',
}
registerEnumType(LeadRole, { name: 'LeadRole' });

export const LEAD_ROLE_LABELS: Record<string, string> = {
  EXECUTIVE: 'Executive lead',
  OPERATIONAL: 'Operational lead',
  SENIOR: 'Senior lead',
};
