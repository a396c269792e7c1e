import { DataSource } from 'typeorm';
import { Role } from '@dasv/auth';
import { createUser } from './factories';
import { newLead, TestLeadRole } from './nomination-factories';

export type LeadRoleName = TestLeadRole;

export interface LeadSpec {
  name: string;
  /** Where they work (app_user.organisation_id); also where they are a lead unless `leadAt` says otherwise. */
  odsCode: string;
  leadAt?: string;
  leadRole?: LeadRoleName;
  startedAt?: Date;
  jobTitle?: string;
  email?: string;
  /** Extra roles beside DASV_LEAD at their own organisation. */
  roles?: Array<{ role: Role; odsCode?: string }>;
  profile?: { phone?: string | null; bio?: string; areasOfInterest?: string[]; showEmail?: boolean; showPhone?: boolean };
}

export interface TestLead {
  id: string;
  email: string;
  password: string;
  leadId: string;
}

/**
 * A person who is a current DASV lead, as the nominations feature leaves one: an account with the
 * DASV_LEAD role and a dasv_lead row; optionally a saved profile.
 */
export async function createLead(dataSource: DataSource, spec: LeadSpec): Promise<TestLead> {
  const user = await createUser(dataSource, {
    odsCode: spec.odsCode,
    name: spec.name,
    email: spec.email,
    roles: [{ role: Role.DASV_LEAD }, ...(spec.roles ?? [])],
  });
  if (spec.jobTitle) await dataSource.query(`UPDATE app_user SET job_title = $2 WHERE id = $1`, [user.id, spec.jobTitle]);
  const lead = await newLead(dataSource, {
    user,
    odsCode: spec.leadAt ?? spec.odsCode,
    leadRole: spec.leadRole ?? 'EXECUTIVE',
    startedAt: spec.startedAt,
    profile: spec.profile,
  });
  const leadId = lead.id;
  return { ...user, leadId };
}

export async function addLead(dataSource: DataSource, lead: { userId: string; odsCode: string; leadRole: LeadRoleName; startedAt?: Date }): Promise<string> {
  return (await newLead(dataSource, { user: { id: lead.userId }, odsCode: lead.odsCode, leadRole: lead.leadRole, startedAt: lead.startedAt })).id;
}

/** Ends a lead as a handover does: the date, and the row of whoever took over. */
export async function endLead(dataSource: DataSource, leadId: string, ended: { at: Date; successorLeadId?: string }): Promise<void> {
  await dataSource.query(`UPDATE dasv_lead SET ended_at = $2, successor_id = $3 WHERE id = $1`, [leadId, ended.at, ended.successorLeadId ?? null]);
}
