import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser, UserAccountsService } from '@dasv/auth';
import { LEAD_ROLE_LABELS } from '@dasv/leads';
import { EmailOutboxService } from '@dasv/notifications';
import { Organisation, OrganisationsService } from '@dasv/organisations';
import { OrganisationContactsService } from '@dasv/users';
import { LeadAppointmentsRepository } from './lead-appointments.repository';
import { LeadAppointmentsService } from './lead-appointments.service';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { nominationError } from './nominations.errors';
import { submissionLink } from './nomination-returns.service';
import { LeadAppointment, LeadAppointmentStatus } from './dto/lead-appointment.type';

/**
 * The person named answering: agreeing makes them the lead, declining leaves everything as it was
 * and tells the organisation. Only the person asked may see or answer their question; to anyone
 * else it does not exist.
 */
@Injectable()
export class LeadAppointmentResponsesService {
  constructor(
    private readonly appointments: LeadAppointmentsRepository,
    private readonly appointing: LeadAppointmentsService,
    private readonly submissions: NominationSubmissionsRepository,
    private readonly organisations: OrganisationsService,
    private readonly users: UserAccountsService,
    private readonly contacts: OrganisationContactsService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Questions waiting for the caller's answer. */
  mine(me: AuthUser): Promise<LeadAppointment[]> {
    return this.appointments.awaitingFor(me.id, this.clock.now());
  }

  /** One of the caller's questions, whatever its state, for the page that asks it. */
  async find(me: AuthUser, id: string): Promise<LeadAppointment> {
    return ownedBy(me, await this.appointments.findById(id, this.clock.now()));
  }

  async agree(me: AuthUser, id: string): Promise<LeadAppointment> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const appointment = await this.answerable(manager, me, id, now);
      const organisation = await this.organisationOf(appointment);
      const leadId = await this.appointing.startAgreed(manager, appointment, organisation, now);
      await this.appointments.answer(manager, id, { status: LeadAppointmentStatus.AGREED, at: now, leadId });
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'lead_appointment.agreed',
        entityType: 'lead_appointment',
        entityId: id,
        organisationId: organisation.id,
        details: { leadRole: appointment.leadRole, leadId },
      });
      return (await this.appointments.findById(id, now, manager))!;
    });
  }

  async decline(me: AuthUser, id: string): Promise<LeadAppointment> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const appointment = await this.answerable(manager, me, id, now);
      const organisation = await this.organisationOf(appointment);
      await this.appointments.answer(manager, id, { status: LeadAppointmentStatus.DECLINED, at: now, leadId: null });
      await this.tellOrganisation(manager, appointment, organisation);
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'lead_appointment.declined',
        entityType: 'lead_appointment',
        entityId: id,
        organisationId: organisation.id,
        details: { leadRole: appointment.leadRole },
      });
      return (await this.appointments.findById(id, now, manager))!;
    });
  }

  private async answerable(manager: EntityManager, me: AuthUser, id: string, now: Date): Promise<LeadAppointment> {
    const appointment = ownedBy(me, await this.appointments.lock(manager, id, now));
    if (appointment.status === LeadAppointmentStatus.EXPIRED) {
      throw nominationError('LeadAppointmentExpired', 'This request has expired: the organisation will need to name you again.');
    }
    if (appointment.status !== LeadAppointmentStatus.AWAITING_CONFIRMATION) {
      const why = appointment.status === LeadAppointmentStatus.WITHDRAWN ? 'the organisation has named someone else' : 'you have already answered it';
      throw nominationError('LeadAppointmentClosed', `This request is closed: ${why}.`);
    }
    return appointment;
  }

  /** The organisation naming them, for the pages that ask. */
  async organisationOf(appointment: LeadAppointment): Promise<Organisation> {
    const [organisation] = await this.organisations.findByIds([appointment.organisationId]);
    return organisation;
  }

  /** The organisation's admins (or its contact address) and whoever named the person hear of a refusal. */
  private async tellOrganisation(manager: EntityManager, appointment: LeadAppointment, organisation: Organisation): Promise<void> {
    const [{ emails }] = await this.contacts.recipientsFor([organisation.id], manager);
    const namer = appointment.namedById ? await this.users.findById(appointment.namedById, manager) : null;
    const to = [...new Set([...emails, ...(namer?.isActive ? [namer.email] : [])].map((e) => e.toLowerCase()))];
    const submission = appointment.sourceSubmissionId ? await this.submissions.findSubmission(appointment.sourceSubmissionId, manager) : null;
    for (const address of to) {
      await this.emails.queueTemplate(manager, {
        key: `lead-appointment-declined-${appointment.id}-${address}`,
        to: address,
        template: 'lead-appointment-declined',
        context: {
          personName: appointment.name,
          roleLabel: LEAD_ROLE_LABELS[appointment.leadRole],
          organisationName: organisation.name,
          isHandover: appointment.isHandover,
          link: submission ? submissionLink(this.config.publicUrl, submission.returnId, organisation.odsCode) : null,
        },
      });
    }
  }
}

function ownedBy(me: AuthUser, appointment: LeadAppointment | null): LeadAppointment {
  // Someone else's question answers as one that does not exist: its id says nothing about them.
  if (!appointment || appointment.userId !== me.id) throw nominationError('LeadAppointmentNotFound', 'There is no request for you to be a lead with that id.');
  return appointment;
}
