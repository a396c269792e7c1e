import { DataSource } from 'typeorm';
import { Role } from '@dasv/auth';
import { createUser } from './factories';

export type LeadRoleName = 'EXECUTIVE' | 'OPERATIONAL' | 'SENIOR';

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
  const leadId = await addLead(dataSource, {
    userId: user.id,
    odsCode: spec.leadAt ?? spec.odsCode,
    leadRole: spec.leadRole ?? 'EXECUTIVE',
    startedAt: spec.startedAt,
  });
  if (spec.profile) {
    const p = spec.profile;
    await dataSource.query(`INSERT INTO lead_profile (user_id, phone, bio, areas_of_interest, show_email, show_phone) VALUES ($1, $2, $3, $4, $5, $6)`, [
      user.id,
      p.phone ?? null,
      p.bio ?? '',
      p.areasOfInterest ?? [],
      p.showEmail ?? true,
      p.showPhone ?? false,
    ]);
  }
  return { ...user, leadId };
}

export async function addLead(dataSource: DataSource, lead: { userId: string; odsCode: string; leadRole: LeadRoleName; startedAt?: Date }): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO dasv_lead (organisation_id, user_id, lead_role, started_at) SELECT id, $2, $3, $4 FROM organisation WHERE ods_code = $1 RETURNING id`,
    [lead.odsCode, lead.userId, lead.leadRole, lead.startedAt ?? new Date('2025-04-01T09:00:00Z')],
  );
  if (!row) throw new Error(`lead factory: no organisation ${lead.odsCode}`);
  return row.id;
}

/** Ends a lead as a handover does: the date, and the row of whoever took over. */
export async function endLead(dataSource: DataSource, leadId: string, ended: { at: Date; successorLeadId?: string }): Promise<void> {
  await dataSource.query(`UPDATE dasv_lead SET ended_at = $2, successor_id = $3 WHERE id = $1`, [leadId, ended.at, ended.successorLeadId ?? null]);
}
