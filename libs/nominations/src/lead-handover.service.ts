import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { OrganisationsService } from '@dasv/organisations';
import { NominatedLeadsService } from './nominated-leads.service';
import { LeadAppointmentsRepository } from './lead-appointments.repository';
import { nominationError } from './nominations.errors';
import { NomineeRulesService } from './nominee-rules.service';
import { LeadAppointmentsService } from './lead-appointments.service';
import { HandOverLeadInput } from './dto/submit-nomination.input';
import { LeadHandover, LeadHandoverOutcome } from './dto/lead-handover.type';

/**
 * A lead who leaves hands their place to a successor in one step, between returns; a successor
 * from outside the organisation's subtree is asked first, and takes over when they agree.
 */
@Injectable()
export class LeadHandoverService {
  constructor(
    private readonly leads: NominatedLeadsService,
    private readonly appointments: LeadAppointmentsRepository,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
    private readonly rules: NomineeRulesService,
    private readonly appointing: LeadAppointmentsService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
  ) {}

  async handOver(me: AuthUser, input: HandOverLeadInput): Promise<LeadHandover> {
    const lead = await this.leads.find(input.leadId);
    if (!lead) throw nominationError('LeadNotFound', 'No such lead.');
    await this.access.requireOrganisations(me, Permission.NominationSubmit, [lead.organisationId]);
    const problem = this.rules.emailProblem(input.successor.email);
    if (problem) throw nominationError('InvalidLeads', 'Check the highlighted fields: successor.email.', { 'successor.email': [problem] });

    return this.tx.run(async (manager) => {
      const locked = await this.leads.lock(manager, lead.leadId);
      if (!locked || locked.endedAt) throw nominationError('LeadAlreadyEnded', `${lead.name} is no longer a lead: someone has already replaced them.`);
      const [organisation] = await this.organisations.findByIds([locked.organisationId]);
      const now = this.clock.now();
      const result = await this.appointing.handOver(manager, locked, organisation, input.successor, { actorId: me.id, invitedBy: me.name }, now);
      if (result.isAsked) {
        return {
          outcome: LeadHandoverOutcome.AWAITING_CONFIRMATION,
          successor: null,
          appointment: await this.appointments.findById(result.appointmentId, now, manager),
        };
      }
      return { outcome: LeadHandoverOutcome.HANDED_OVER, successor: await this.leads.find(result.successorLeadId, manager), appointment: null };
    });
  }
}
