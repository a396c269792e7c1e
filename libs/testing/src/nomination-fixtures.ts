import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { inLondon } from '@dasv/common';
import { Role } from '@dasv/auth';
import { TestApp } from './test-app';

// Real codes from libs/organisations/data: London (Y56) has 30 trusts in 5 ICBs; South East London
// ICB (QKK) has five of them, Guy's and St Thomas' (RJ1) among them. North West is Y62.
export const LONDON = 'Y56';
export const SOUTH_EAST_LONDON_ICB = 'QKK';
export const SOUTH_EAST_LONDON_TRUSTS = ['RJ1', 'RJ2', 'RJZ', 'RRU', 'RV5'];
export const GUYS = 'RJ1';
export const LEWISHAM = 'RJ2';
export const KINGS = 'RJZ';
export const NORTH_WEST = 'Y62';

export const OPEN = `mutation($i: OpenNominationReturnInput!) {
  openNominationReturn(input: $i) { id title deadline status organisationTypes requiresApproval reminderOffsetsDays overdueEveryWorkingDays escalateAfterWorkingDays scopeRoot { odsCode } }
}`;
export const SUBMIT = `mutation($i: SubmitNominationInput!) {
  submitNomination(input: $i) { id version status isLate submittedAt organisation { odsCode } nominees { leadRole name jobTitle email phone onExecutiveTeam } }
}`;
export const DASHBOARD = `query($r: ID!, $w: String) {
  nominationDashboard(returnId: $r, within: $w) {
    within { odsCode }
    totals { total responded late outstanding unreachable }
    regions { organisation { odsCode } total responded late outstanding unreachable }
    icbs { organisation { odsCode } parentId total responded late outstanding unreachable }
  }
}`;
export const REQUESTS = `query($r: ID!, $w: String, $s: NominationResponseStatus, $first: Int, $after: String) {
  nominationRequests(returnId: $r, within: $w, status: $s, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { returnId status respondedAt isLate organisation { odsCode name } submissions { version status isLate nominees { leadRole email } } } }
  }
}`;

/** A deadline `days` from the test clock, written as a person in England would (no offset). */
export function londonDeadline(app: TestApp, days: number): string {
  return inLondon(app.clock.now()).plus({ days }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export async function nationalAdmin(app: TestApp, name = 'Nadia National'): Promise<TestAgent> {
  return (await app.signedIn({ odsCode: 'X24', name, roles: [{ role: Role.NATIONAL_ADMIN }] })).agent;
}

export async function openReturn(app: TestApp, admin: TestAgent, overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await app.gql(admin, OPEN, {
    i: { title: 'DASV leads 2026', organisationTypes: ['TRUST'], scopeOdsCode: LONDON, deadline: londonDeadline(app, 42), ...overrides },
  });
  if (result.errors) throw new Error(`openNominationReturn failed: ${JSON.stringify(result.errors)}`);
  return result.data!.openNominationReturn.id;
}

let people = 0;
const run = randomBytes(3).toString('hex');

/** A trust's answer: an executive lead on the executive team and the given operational leads. */
export function trustAnswer(returnId: string, odsCode: string, executiveEmail: string, operationalEmails: string[] = []) {
  return {
    returnId,
    organisationOdsCode: odsCode,
    executiveLead: { name: `Executive ${++people}`, jobTitle: 'Chief Nurse', email: executiveEmail, phone: '020 7188 7188', onExecutiveTeam: true },
    operationalLeads: operationalEmails.map((email) => ({ name: `Operational ${++people}`, jobTitle: 'Safeguarding Lead', email })),
  };
}

/** An address nobody else in the run uses (the SMTP sink is shared by every test file). */
export function uniqueEmail(label: string, domain = 'nhs.net'): string {
  return `${label}.${run}.${++people}@${domain}`;
}
