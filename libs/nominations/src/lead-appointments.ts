import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '@dasv/common';
import { AuditService } from '@dasv/audit';
import { Role } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import { InvitationsService } from '@dasv/users';
import { NominationSubmission } from './entities/nomination-submission.entity';
import { LeadPlace, LeadRecord, NominationLeadsRepository } from './nomination-leads.repository';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { NominationErrorReason } from './nominations.errors';
import { LeadInput } from './dto/submit-nomination.input';

export interface AppointedBy {
  /** The person the audit trail names; null for a decision nobody made by hand. */
  actorId: string | null;
  /** Who invitation e-mails say invited the new leads. */
  invitedBy: string;
}

/**
 * Who the organisation's DASV leads are, changed in the caller's transaction: from an accepted
 * submission, or by handing one lead's place to a successor. Each person named gets an account
 * (linked by e-mail, or created with an invitation link) and the DASV_LEAD role there; someone
 * no longer a lead there loses that role. Rows are ended with a date, never deleted.
 */
@Injectable()
export class LeadAppointments {
  constructor(
    private readonly leads: NominationLeadsRepository,
    private readonly submissions: NominationSubmissionsRepository,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  /** The accepted submission's nominees become the leads; leads it no longer names are ended, those it names again keep their row. */
  async appointFromSubmission(manager: EntityManager, submission: NominationSubmission, organisation: Organisation, by: AppointedBy, at: Date): Promise<void> {
    const nominees = await this.submissions.findNominees([submission.id], manager);
    const accounts = await this.invitations.accountsFor(manager, organisation.id, nominees.map((n) => ({ email: n.email, name: n.name, jobTitle: n.jobTitle })));
    const userIdOf = new Map(accounts.map((a) => [a.email.toLowerCase(), a.userId]));
    const places: LeadPlace[] = nominees.map((n) => ({ userId: userIdOf.get(n.email.toLowerCase())!, leadRole: n.leadRole }));

    const ended = await this.leads.endLeadsNotIn(manager, organisation.id, places, at);
    const started = await this.leads.startLeads(manager, organisation.id, places, submission.id, at);
    await this.leads.seedProfiles(manager, nominees.map((n) => ({ userId: userIdOf.get(n.email.toLowerCase())!, phone: n.phone })), at);
    const reason = `nomination_submission:${submission.id}`;
    await this.invitations.grantNamedRole(manager, {
      userIds: [...new Set(places.map((p) => p.userId))],
      // Only people starting as leads are e-mailed; someone named again has had their invitation.
      invite: [...new Set(started.map((s) => s.userId))],
      organisation,
      role: Role.DASV_LEAD,
      invitedBy: by.invitedBy,
      actorId: by.actorId,
      reason,
    });
    await this.withdrawFromFormerLeads(manager, organisation, ended.map((e) => e.userId), by.actorId, reason);
    await this.audit.record(manager, [
      ...started.map((s) => ({ actorId: by.actorId, action: 'dasv_lead.started', entityType: 'dasv_lead', entityId: s.leadId, organisationId: organisation.id, details: { userId: s.userId, leadRole: s.leadRole, submissionId: submission.id } })),
      ...ended.map((e) => ({ actorId: by.actorId, action: 'dasv_lead.ended', entityType: 'dasv_lead', entityId: e.leadId, organisationId: organisation.id, details: { userId: e.userId, leadRole: e.leadRole, submissionId: submission.id } })),
    ]);
  }

  /** Ends `lead` and starts the successor in the same role, linked through successor_id. Returns the successor's lead id. */
  async handOver(manager: EntityManager, lead: LeadRecord, organisation: Organisation, successor: LeadInput, by: AppointedBy, at: Date): Promise<string> {
    const [account] = await this.invitations.accountsFor(manager, organisation.id, [{ email: successor.email, name: successor.name, jobTitle: successor.jobTitle }]);
    if (account.userId === lead.userId) {
      throw new BadUserInputError('The successor is the lead who is leaving.', { 'successor.email': ['Enter the e-mail address of the person taking over, not of the lead who is leaving'] }, NominationErrorReason.InvalidLeads);
    }
    const [started] = await this.leads.startLeads(manager, organisation.id, [{ userId: account.userId, leadRole: lead.leadRole }], null, at);
    if (!started) {
      throw new ConflictError(`${successor.email} is already a current lead of ${organisation.name} in that role.`, NominationErrorReason.SuccessorAlreadyLead, {
        'successor.email': ['This person is already a lead of this organisation in that role'],
      });
    }
    await this.leads.endLead(manager, lead.leadId, at, started.leadId);
    await this.leads.seedProfiles(manager, [{ userId: account.userId, phone: successor.phone ?? null }], at);
    const reason = `dasv_lead:${lead.leadId}`;
    await this.invitations.grantNamedRole(manager, {
      userIds: [account.userId],
      invite: [account.userId],
      organisation,
      role: Role.DASV_LEAD,
      invitedBy: by.invitedBy,
      actorId: by.actorId,
      reason,
    });
    await this.withdrawFromFormerLeads(manager, organisation, [lead.userId], by.actorId, reason);
    await this.audit.record(manager, {
      actorId: by.actorId,
      action: 'dasv_lead.handed_over',
      entityType: 'dasv_lead',
      entityId: lead.leadId,
      organisationId: organisation.id,
      details: { leadRole: lead.leadRole, fromUserId: lead.userId, toUserId: account.userId, successorLeadId: started.leadId },
    });
    return started.leadId;
  }

  /** The DASV_LEAD role goes with the last lead place a person holds at the organisation. */
  private async withdrawFromFormerLeads(manager: EntityManager, organisation: Organisation, userIds: string[], actorId: string | null, reason: string): Promise<void> {
    const former = await this.leads.withoutCurrentLead(manager, organisation.id, [...new Set(userIds)]);
    await this.invitations.withdrawNamedRole(manager, { userIds: former, organisation, role: Role.DASV_LEAD, actorId, reason });
  }
}
