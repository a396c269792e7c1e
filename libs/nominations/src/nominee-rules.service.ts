import { Injectable } from '@nestjs/common';
import { FieldErrors } from '@dasv/common';
import { AppConfig, WorkEmailDomains } from '@dasv/config';
import { LeadRole } from '@dasv/leads';
import { OrganisationType } from '@dasv/organisations';
import { NewNominee } from './nomination-submissions.repository';
import { LeadInput, SubmitNominationInput } from './dto/submit-nomination.input';
import { NominationLeadsAsked } from './dto/nomination-form.type';

export function leadsAskedOf(type: OrganisationType): NominationLeadsAsked {
  return type === OrganisationType.REGION ? NominationLeadsAsked.SENIOR : NominationLeadsAsked.EXECUTIVE_AND_OPERATIONAL;
}

/**
 * What a set of nominees must satisfy beyond the shape class-validator checks: the leads the
 * organisation's type asks for, an executive lead on the executive team, NHS addresses only, and
 * each person once. Field paths match the validation pipe's ("operationalLeads.1.email").
 */
@Injectable()
export class NomineeRulesService {
  private readonly domains: WorkEmailDomains;

  constructor(config: AppConfig) {
    this.domains = config.workEmailDomains;
  }

  /** The nominees in a submission, in form order, or the per-field problems with it. */
  nomineesOf(type: OrganisationType, input: SubmitNominationInput): { nominees: NewNominee[]; fields: FieldErrors } {
    const fields: FieldErrors = {};
    const add = (path: string, message: string) => (fields[path] ??= []).push(message);
    const named: Array<{ path: string; lead: LeadInput; role: LeadRole; onExecutiveTeam: boolean }> = [];
    const operational = input.operationalLeads ?? [];

    if (leadsAskedOf(type) === NominationLeadsAsked.SENIOR) {
      if (!input.seniorLead) add('seniorLead', 'Name your senior lead');
      else named.push({ path: 'seniorLead', lead: input.seniorLead, role: LeadRole.SENIOR, onExecutiveTeam: false });
      if (input.executiveLead) add('executiveLead', 'A region names a senior lead, not an executive lead');
      if (operational.length) add('operationalLeads', 'A region names a senior lead, not operational leads');
    } else {
      if (!input.executiveLead) add('executiveLead', 'Name your executive lead');
      else {
        if (!input.executiveLead.onExecutiveTeam)
          add('executiveLead.onExecutiveTeam', 'The executive lead must sit on your executive team: confirm they do, or name someone who does');
        named.push({ path: 'executiveLead', lead: input.executiveLead, role: LeadRole.EXECUTIVE, onExecutiveTeam: input.executiveLead.onExecutiveTeam });
      }
      operational.forEach((lead, i) => named.push({ path: `operationalLeads.${i}`, lead, role: LeadRole.OPERATIONAL, onExecutiveTeam: false }));
      if (input.seniorLead) add('seniorLead', 'Only a region names a senior lead');
    }

    const seen = new Set<string>();
    for (const { path, lead } of named) {
      // A missing or malformed address is the input's shape problem, reported with the shape's.
      if (!lead.email?.includes('@')) continue;
      const problem = this.emailProblem(lead.email);
      if (problem) add(`${path}.email`, problem);
      const key = lead.email.trim().toLowerCase();
      if (seen.has(key)) add(`${path}.email`, 'This person is already named in this nomination: name each person once');
      seen.add(key);
    }

    return {
      nominees: named.map(({ lead, role, onExecutiveTeam }) => ({
        leadRole: role,
        name: lead.name,
        jobTitle: lead.jobTitle,
        email: lead.email.trim(),
        phone: lead.phone ?? null,
        onExecutiveTeam,
      })),
      fields,
    };
  }

  /** Why this address cannot be a lead's, or null when it can. */
  emailProblem(email: string): string | null {
    if (this.domains.allows(email)) return null;
    return `Enter their NHS e-mail address, ending in ${this.domains.inWords()}`;
  }
}
