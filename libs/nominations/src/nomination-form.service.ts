import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { LeadRole } from '@dasv/leads';
import { organisationNotFound } from '@dasv/organisations';
import { NominationReturnStatus } from './entities/nomination-return.entity';
import { NominationNominee } from './entities/nomination-nominee.entity';
import { NominationReturnsRepository } from './nomination-returns.repository';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { LeadRecord, NominatedLeadsService } from './nominated-leads.service';
import { LeadAppointmentsRepository } from './lead-appointments.repository';
import { nominationError } from './nominations.errors';
import { leadsAskedOf } from './nominee-rules.service';
import { NominationForm, NominationPrefill, NomineeDraft } from './dto/nomination-form.type';

/** How long an answer (agreed, declined, expired) stays on the organisation's page. */
const RECENT_ANSWERS_DAYS = 30;
/** Far more than one organisation names in a month; a bound on the page and the query cost. */
const MAX_APPOINTMENTS_SHOWN = 50;

/**
 * What an organisation is asked, filled in with what is already known, so nobody is asked again
 * for it: the version it last submitted to this return, or else its current leads from earlier ones.
 */
@Injectable()
export class NominationFormService {
  constructor(
    private readonly returns: NominationReturnsRepository,
    private readonly submissions: NominationSubmissionsRepository,
    private readonly leads: NominatedLeadsService,
    private readonly appointments: LeadAppointmentsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async formFor(me: AuthUser, returnId: string, organisationOdsCode: string): Promise<NominationForm> {
    const organisation = await this.access.requireOrganisation(me, Permission.NominationSubmit, organisationOdsCode, { unknown: organisationNotFound });
    const nominationReturn = await this.returns.findById(returnId);
    if (!nominationReturn) throw nominationError('ReturnNotFound', 'No such nomination return.');
    const request = await this.submissions.findRequest(returnId, organisation.id);
    if (!request) throw nominationError('NotRequested', `“${nominationReturn.title}” does not ask ${organisation.name}.`);

    const now = this.clock.now();
    const [currentLeads, currentSubmission, leadAppointments] = await Promise.all([
      this.leads.currentAt(organisation.id),
      request.currentSubmissionId ? this.submissions.findSubmission(request.currentSubmissionId) : null,
      this.appointments.recentFor(organisation.id, new Date(now.getTime() - RECENT_ANSWERS_DAYS * 86_400_000), now, MAX_APPOINTMENTS_SHOWN),
    ]);
    const leadIdOf = (email: string, role: LeadRole) =>
      currentLeads.find((l) => l.email.toLowerCase() === email.toLowerCase() && l.leadRole === role)?.leadId ?? null;

    let drafts: Array<NomineeDraft & { leadRole: LeadRole }>;
    let prefilledFrom: NominationPrefill;
    if (currentSubmission) {
      const nominees = await this.submissions.findNominees([currentSubmission.id]);
      drafts = nominees.map((n) => ({ ...fromNominee(n), leadId: leadIdOf(n.email, n.leadRole) }));
      prefilledFrom = NominationPrefill.SUBMISSION;
    } else {
      drafts = currentLeads.map(fromLead);
      prefilledFrom = drafts.length ? NominationPrefill.CURRENT_LEADS : NominationPrefill.NONE;
    }
    const first = (role: LeadRole) => drafts.find((d) => d.leadRole === role) ?? null;
    return {
      nominationReturn,
      organisation,
      leadsAsked: leadsAskedOf(organisation.type),
      prefilledFrom,
      isOpen: nominationReturn.status === NominationReturnStatus.OPEN,
      isPastDeadline: now.getTime() > nominationReturn.deadline.getTime(),
      currentSubmission,
      executiveLead: first(LeadRole.EXECUTIVE),
      operationalLeads: drafts.filter((d) => d.leadRole === LeadRole.OPERATIONAL),
      seniorLead: first(LeadRole.SENIOR),
      currentLeads,
      leadAppointments,
    };
  }
}

function fromNominee(n: NominationNominee): NomineeDraft & { leadRole: LeadRole } {
  return { leadId: null, leadRole: n.leadRole, name: n.name, jobTitle: n.jobTitle, email: n.email, phone: n.phone, onExecutiveTeam: n.onExecutiveTeam };
}

function fromLead(l: LeadRecord): NomineeDraft & { leadRole: LeadRole } {
  return {
    leadId: l.leadId,
    leadRole: l.leadRole,
    name: l.name,
    jobTitle: l.jobTitle ?? '',
    email: l.email,
    phone: l.phone,
    onExecutiveTeam: l.onExecutiveTeam,
  };
}
