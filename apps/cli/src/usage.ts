export const USAGE = `Usage:
  migrate up | down [VERSION] | status
  seed
  orgs:import etr.csv [eccg.csv] [succ.csv] [--icbs FILE] [--successors FILE] [--successor OLD=NEW] [--dry-run]`;
