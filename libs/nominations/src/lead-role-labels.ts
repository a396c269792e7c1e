export const LEAD_ROLE_LABELS: Record<string, string> = {
  EXECUTIVE: 'Executive lead',
  OPERATIONAL: 'Operational lead',
  SENIOR: 'Senior lead',
};
