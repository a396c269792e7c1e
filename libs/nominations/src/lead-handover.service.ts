import { Injectable } from '@nestjs/common';
import { BadUserInputError, Clock, ConflictError, NotFoundError } from '@dasv/common';
import { TransactionRunner } from '@dasv/database';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { OrganisationsRepository } from '@dasv/organisations';
import { LeadRecord, NominationLeadsRepository } from './nomination-leads.repository';
import { NominationErrorReason } from './nominations.errors';
import { NomineeRules } from './nominee-rules';
import { LeadAppointments } from './lead-appointments';
import { HandOverLeadInput } from './dto/submit-nomination.input';

/** A lead who leaves hands their place to a successor in one step, between returns. */
@Injectable()
export class LeadHandoverService {
  constructor(
    private readonly leads: NominationLeadsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
    private readonly rules: NomineeRules,
    private readonly appointments: LeadAppointments,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async handOver(me: AuthUser, input: HandOverLeadInput): Promise<LeadRecord> {
    const lead = await this.leads.findLead(input.leadId);
    if (!lead) throw new NotFoundError('No such lead.', NominationErrorReason.LeadNotFound);
    await this.access.requireOrganisations(me, Permission.NominationSubmit, [lead.organisationId]);
    const problem = this.rules.emailProblem(input.successor.email);
    if (problem) throw new BadUserInputError('Check the highlighted fields: successor.email.', { 'successor.email': [problem] }, NominationErrorReason.InvalidLeads);

    return this.tx.run(async (manager) => {
      const locked = await this.leads.lockLead(manager, lead.leadId);
      if (!locked || locked.endedAt) throw new ConflictError(`${lead.name} is no longer a lead: someone has already replaced them.`, NominationErrorReason.LeadAlreadyEnded);
      const [organisation] = await this.organisations.findByIds([locked.organisationId]);
      const successorId = await this.appointments.handOver(manager, locked, organisation, input.successor, { actorId: me.id, invitedBy: me.name }, this.clock.now());
      return (await this.leads.findLead(successorId, manager))!;
    });
  }
}
