import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LeadPerson, LeadsService } from '@dasv/leads';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';

/** A lead as nominations shows them (the form's current leads, a handover's successor): the lead with what the naming said of them. */
export interface LeadRecord extends Omit<LeadPerson, 'sourceSubmissionId'> {
  phone: string | null;
  onExecutiveTeam: boolean;
}

/**
 * Leads from the leads library, with what the submission that named them said (job title, phone,
 * executive team); never from the lead's own directory profile, whose contact details only the
 * directory's rule may show. Someone no submission named keeps their account's job title.
 */
@Injectable()
export class NominatedLeadsService {
  constructor(
    private readonly leads: LeadsService,
    private readonly submissions: NominationSubmissionsRepository,
  ) {}

  /** The organisation's current leads: executive, senior, then operational, longest serving first. */
  async currentAt(organisationId: string, manager?: EntityManager): Promise<LeadRecord[]> {
    return this.withNominations(await this.leads.currentAt(organisationId, manager), manager);
  }

  async find(leadId: string, manager?: EntityManager): Promise<LeadRecord | null> {
    const lead = await this.leads.find(leadId, manager);
    return lead ? (await this.withNominations([lead], manager))[0] : null;
  }

  /** The lead, locked for the caller's transaction, so a second handover of the place waits and then sees it ended. */
  async lock(manager: EntityManager, leadId: string): Promise<LeadRecord | null> {
    const lead = await this.leads.lockForChange(manager, leadId);
    return lead ? (await this.withNominations([lead], manager))[0] : null;
  }

  private async withNominations(leads: LeadPerson[], manager?: EntityManager): Promise<LeadRecord[]> {
    const named = leads.filter((l): l is LeadPerson & { sourceSubmissionId: string } => l.sourceSubmissionId !== null);
    const nominees = await this.submissions.findNomineesNaming(
      named.map((l) => ({ submissionId: l.sourceSubmissionId, email: l.email, leadRole: l.leadRole })),
      manager,
    );
    const key = (submissionId: string, email: string, leadRole: string) => `${submissionId}/${leadRole}/${email}`;
    const nomineeOf = new Map(nominees.map((n) => [key(n.submissionId, n.email, n.leadRole), n]));
    return leads.map((lead) => {
      const nominee = lead.sourceSubmissionId ? nomineeOf.get(key(lead.sourceSubmissionId, lead.email, lead.leadRole)) : undefined;
      return {
        leadId: lead.leadId,
        organisationId: lead.organisationId,
        userId: lead.userId,
        leadRole: lead.leadRole,
        name: lead.name,
        email: lead.email,
        jobTitle: nominee?.jobTitle ?? lead.jobTitle,
        phone: nominee?.phone ?? null,
        onExecutiveTeam: nominee?.onExecutiveTeam ?? false,
        startedAt: lead.startedAt,
        endedAt: lead.endedAt,
      };
    });
  }
}
