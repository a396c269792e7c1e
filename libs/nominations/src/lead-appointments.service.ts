import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatLondon } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { AuditService } from '@dasv/audit';
import { Role, TokenPurpose, UserTokensService } from '@dasv/auth';
import { LEAD_ROLE_LABELS, LeadPlace, LeadsService } from '@dasv/leads';
import { EmailOutboxService } from '@dasv/notifications';
import { Organisation } from '@dasv/organisations';
import { InvitationsService, NamedAccount } from '@dasv/users';
import { NominationSubmission } from './entities/nomination-submission.entity';
import { NominationNominee } from './entities/nomination-nominee.entity';
import { LeadRecord } from './nominated-leads.service';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { AppointmentSource, LeadAppointmentsRepository, NewLeadAppointment } from './lead-appointments.repository';
import { nominationError } from './nominations.errors';
import { LeadInput } from './dto/submit-nomination.input';
import { LeadAppointment } from './dto/lead-appointment.type';

export interface AppointedBy {
  /** The person the audit trail names; null for a decision nobody made by hand. */
  actorId: string | null;
  /** Who invitation e-mails say invited (named) the new leads. */
  invitedBy: string;
}

/** What a handover did: the successor took over, or was asked to agree first. */
export type HandoverResult = { isAsked: false; successorLeadId: string } | { isAsked: true; appointmentId: string };

/**
 * Who the organisation's DASV leads are, changed in the caller's transaction: from an accepted
 * submission, or by handing one lead's place to a successor. Each person named gets an account
 * (linked by e-mail, or created). Someone the organisation may name without asking (see
 * appointableWithoutAsking) becomes a lead at once with the DASV_LEAD role; anyone else is asked
 * by e-mail and becomes a lead only when they agree (startAgreed). Someone no longer a lead there
 * loses the role. The leads library keeps the lead rows (ended with a date, never deleted); this
 * decides who is asked, who is appointed and who is told.
 */
@Injectable()
export class LeadAppointmentsService {
  constructor(
    private readonly leads: LeadsService,
    private readonly submissions: NominationSubmissionsRepository,
    private readonly appointments: LeadAppointmentsRepository,
    private readonly invitations: InvitationsService,
    private readonly tokens: UserTokensService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The accepted submission's nominees become the leads, or are asked to; leads it no longer names
   * are ended, those it names again keep their row, and questions it no longer asks are withdrawn.
   */
  async appointFromSubmission(manager: EntityManager, submission: NominationSubmission, organisation: Organisation, by: AppointedBy, at: Date): Promise<void> {
    const nominees = await this.submissions.findNominees([submission.id], manager);
    const accounts = await this.invitations.accountsFor(
      manager,
      organisation.id,
      nominees.map((n) => ({ email: n.email, name: n.name, jobTitle: n.jobTitle })),
    );
    const accountOf = new Map(accounts.map((a) => [a.email.toLowerCase(), a]));
    const named = nominees.map((nominee) => ({ nominee, account: accountOf.get(nominee.email.toLowerCase())! }));
    const free = await this.appointableWithoutAsking(
      manager,
      organisation.id,
      accounts.map((a) => a.userId),
    );
    const appointed = named.filter((n) => free.has(n.account.userId));
    const asked = named.filter((n) => !free.has(n.account.userId));
    const places: LeadPlace[] = appointed.map((n) => ({ userId: n.account.userId, leadRole: n.nominee.leadRole }));
    const appointees = appointed.map((n) => ({ userId: n.account.userId, leadRole: n.nominee.leadRole, phone: n.nominee.phone }));

    const ended = await this.leads.endAllExcept(manager, organisation.id, places, at);
    const started = await this.leads.appoint(manager, organisation.id, appointees, submission.id, at);
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
    await this.withdrawFromFormerLeads(
      manager,
      organisation,
      ended.map((e) => e.userId),
      by.actorId,
      reason,
    );

    // The submission says who the leads are: earlier questions it does not ask again are withdrawn.
    await this.appointments.expireLapsed(manager, organisation.id, at);
    const withdrawn = await this.appointments.withdrawAllBut(
      manager,
      organisation.id,
      asked.map((n) => ({ userId: n.account.userId, leadRole: n.nominee.leadRole })),
      at,
    );
    const questions = await this.ask(
      manager,
      organisation,
      {
        organisationId: organisation.id,
        sourceSubmissionId: submission.id,
        replacesLeadId: null,
        namedById: submission.submittedById,
        namedByName: by.invitedBy,
        namedAt: at,
        expiresAt: this.expiryFrom(at),
      },
      asked.map(({ nominee, account }) => ({ account, appointment: appointmentOf(account.userId, nominee) })),
    );
    await this.audit.record(manager, [
      ...started.map((s) => ({
        actorId: by.actorId,
        action: 'dasv_lead.started',
        entityType: 'dasv_lead',
        entityId: s.leadId,
        organisationId: organisation.id,
        details: { userId: s.userId, leadRole: s.leadRole, submissionId: submission.id },
      })),
      ...ended.map((e) => ({
        actorId: by.actorId,
        action: 'dasv_lead.ended',
        entityType: 'dasv_lead',
        entityId: e.leadId,
        organisationId: organisation.id,
        details: { userId: e.userId, leadRole: e.leadRole, submissionId: submission.id },
      })),
      ...questions.map((q) => ({
        actorId: by.actorId,
        action: 'lead_appointment.requested',
        entityType: 'lead_appointment',
        entityId: q.id,
        organisationId: organisation.id,
        details: { userId: q.userId, leadRole: q.leadRole, submissionId: submission.id },
      })),
      ...withdrawn.map((id) => ({
        actorId: by.actorId,
        action: 'lead_appointment.withdrawn',
        entityType: 'lead_appointment',
        entityId: id,
        organisationId: organisation.id,
        details: { submissionId: submission.id },
      })),
    ]);
  }

  /**
   * Hands `lead`'s place to the successor: at once (ending `lead`, linked through successor_id) when
   * the organisation may name them without asking; otherwise the successor is asked, and `lead`
   * stays the lead until they agree.
   */
  async handOver(
    manager: EntityManager,
    lead: LeadRecord,
    organisation: Organisation,
    successor: LeadInput,
    by: AppointedBy,
    at: Date,
  ): Promise<HandoverResult> {
    const [account] = await this.invitations.accountsFor(manager, organisation.id, [
      { email: successor.email, name: successor.name, jobTitle: successor.jobTitle },
    ]);
    if (account.userId === lead.userId) {
      throw nominationError('InvalidLeads', 'The successor is the lead who is leaving.', {
        'successor.email': ['Enter the e-mail address of the person taking over, not of the lead who is leaving'],
      });
    }
    const free = await this.appointableWithoutAsking(manager, organisation.id, [account.userId]);
    if (!free.has(account.userId)) {
      await this.appointments.expireLapsed(manager, organisation.id, at);
      // A second handover of the same place replaces the first question.
      const withdrawn = await this.appointments.withdrawHandoversOf(manager, [lead.leadId], at, account.userId);
      const [question] = await this.ask(
        manager,
        organisation,
        {
          organisationId: organisation.id,
          sourceSubmissionId: null,
          replacesLeadId: lead.leadId,
          namedById: by.actorId,
          namedByName: by.invitedBy,
          namedAt: at,
          expiresAt: this.expiryFrom(at),
        },
        [
          {
            account,
            appointment: {
              userId: account.userId,
              leadRole: lead.leadRole,
              name: successor.name,
              jobTitle: successor.jobTitle,
              email: successor.email,
              phone: successor.phone ?? null,
            },
          },
        ],
      );
      await this.audit.record(manager, [
        {
          actorId: by.actorId,
          action: 'lead_appointment.requested',
          entityType: 'lead_appointment',
          entityId: question.id,
          organisationId: organisation.id,
          details: { userId: account.userId, leadRole: lead.leadRole, replacesLeadId: lead.leadId },
        },
        ...withdrawn.map((id) => ({
          actorId: by.actorId,
          action: 'lead_appointment.withdrawn',
          entityType: 'lead_appointment',
          entityId: id,
          organisationId: organisation.id,
          details: { replacesLeadId: lead.leadId },
        })),
      ]);
      return { isAsked: true, appointmentId: question.id };
    }

    const [started] = await this.leads.appoint(
      manager,
      organisation.id,
      [{ userId: account.userId, leadRole: lead.leadRole, phone: successor.phone ?? null }],
      null,
      at,
    );
    if (!started) {
      throw nominationError('SuccessorAlreadyLead', `${successor.email} is already a current lead of ${organisation.name} in that role.`, {
        'successor.email': ['This person is already a lead of this organisation in that role'],
      });
    }
    await this.leads.handOver(manager, lead.leadId, started.leadId, at);
    await this.appointments.withdrawHandoversOf(manager, [lead.leadId], at);
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
    return { isAsked: false, successorLeadId: started.leadId };
  }

  /**
   * The person asked has agreed: they become the lead in the role asked, with the DASV_LEAD role and
   * the telephone number the organisation gave (unless they have a profile already), and for a
   * handover the leaving lead ends now, linked to them. Returns their lead id.
   */
  async startAgreed(manager: EntityManager, appointment: LeadAppointment, organisation: Organisation, at: Date): Promise<string> {
    const place = { userId: appointment.userId, leadRole: appointment.leadRole };
    const replaced = appointment.replacesLeadId ? await this.leads.lockForChange(manager, appointment.replacesLeadId) : null;
    const [started] = await this.leads.appoint(manager, organisation.id, [{ ...place, phone: appointment.phone }], appointment.sourceSubmissionId, at);
    const leadId = started?.leadId ?? (await this.leads.currentLeadId(manager, organisation.id, place))!;
    const reason = `lead_appointment:${appointment.id}`;
    // The role is the naming's; the person's agreement is the lead_appointment.agreed event.
    await this.invitations.grantNamedRole(manager, {
      userIds: [appointment.userId],
      organisation,
      role: Role.DASV_LEAD,
      invitedBy: appointment.namedBy,
      actorId: appointment.namedById,
      reason,
    });
    const handedOver = replaced && !replaced.endedAt ? replaced : null;
    if (handedOver) {
      await this.leads.handOver(manager, handedOver.leadId, leadId, at);
      await this.withdrawFromFormerLeads(manager, organisation, [handedOver.userId], appointment.userId, reason);
    }
    await this.audit.record(manager, [
      ...(started
        ? [
            {
              actorId: appointment.userId,
              action: 'dasv_lead.started',
              entityType: 'dasv_lead',
              entityId: leadId,
              organisationId: organisation.id,
              details: { userId: appointment.userId, leadRole: appointment.leadRole, appointmentId: appointment.id },
            },
          ]
        : []),
      ...(handedOver
        ? [
            {
              actorId: appointment.userId,
              action: 'dasv_lead.handed_over',
              entityType: 'dasv_lead',
              entityId: handedOver.leadId,
              organisationId: organisation.id,
              details: { leadRole: handedOver.leadRole, fromUserId: handedOver.userId, toUserId: appointment.userId, successorLeadId: leadId },
            },
          ]
        : []),
    ]);
    return leadId;
  }

  /** How long someone asked has to answer: as long as an invitation link lasts. */
  expiryFrom(at: Date): Date {
    return new Date(at.getTime() + this.config.env.INVITATION_TTL_HOURS * 3_600_000);
  }

  /** Records the questions and e-mails each person newly asked; someone asked already keeps the link they have. */
  private async ask(
    manager: EntityManager,
    organisation: Organisation,
    source: AppointmentSource,
    people: ReadonlyArray<{ account: NamedAccount; appointment: NewLeadAppointment }>,
  ): Promise<Array<{ id: string; userId: string; leadRole: string }>> {
    const rows = await this.appointments.ask(
      manager,
      source,
      people.map((p) => p.appointment),
    );
    const accountOf = new Map(people.map((p) => [p.account.userId, p.account]));
    const appointmentOf = new Map(people.map((p) => [`${p.appointment.userId}/${p.appointment.leadRole}`, p.appointment]));
    for (const row of rows.filter((r) => r.isNew)) {
      const account = accountOf.get(row.userId)!;
      const asked = appointmentOf.get(`${row.userId}/${row.leadRole}`)!;
      // Someone new to the platform sets a password first: only a signed-in person can agree.
      const setUp = account.hasActivated
        ? null
        : await this.tokens.issue(manager, account.userId, TokenPurpose.Invitation, this.config.env.INVITATION_TTL_HOURS * 3_600_000);
      await this.emails.queueTemplate(manager, {
        key: `lead-appointment-${row.id}`,
        to: account.email,
        template: 'lead-appointment',
        context: {
          name: asked.name,
          namedBy: source.namedByName,
          organisationName: organisation.name,
          roleLabel: LEAD_ROLE_LABELS[asked.leadRole],
          isHandover: source.replacesLeadId !== null,
          link: `${this.config.publicUrl}/lead-appointments/${row.id}`,
          expiresAt: formatLondon(source.expiresAt),
          setUpLink: setUp ? `${this.config.publicUrl}/accept-invitation/${setUp.token}` : null,
        },
      });
    }
    return rows;
  }

  /**
   * Of these people, those the organisation may name without asking: anyone already one of its
   * current leads (who agreed, or was appointed, earlier), and anyone with a set-up account in its
   * subtree who was never asked before without agreeing (LeadAppointmentsRepository.findAppointableAccounts).
   */
  private async appointableWithoutAsking(manager: EntityManager, organisationId: string, userIds: readonly string[]): Promise<Set<string>> {
    const leading = await this.leads.leadingAt(manager, organisationId, userIds);
    const others = await this.appointments.findAppointableAccounts(
      manager,
      organisationId,
      userIds.filter((id) => !leading.has(id)),
    );
    return new Set([...leading, ...others]);
  }

  /** The DASV_LEAD role goes with the last lead place a person holds at the organisation. */
  private async withdrawFromFormerLeads(
    manager: EntityManager,
    organisation: Organisation,
    userIds: string[],
    actorId: string | null,
    reason: string,
  ): Promise<void> {
    const former = await this.leads.withoutCurrentLead(manager, organisation.id, [...new Set(userIds)]);
    await this.invitations.withdrawNamedRole(manager, { userIds: former, organisation, role: Role.DASV_LEAD, actorId, reason });
  }
}

function appointmentOf(userId: string, nominee: NominationNominee): NewLeadAppointment {
  return { userId, leadRole: nominee.leadRole, name: nominee.name, jobTitle: nominee.jobTitle, email: nominee.email, phone: nominee.phone };
}
