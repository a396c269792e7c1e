import { LeadRole } from './lead-role';

/** A person's place as a lead of an organisation: who, in which role. */
export interface LeadPlace {
  userId: string;
  leadRole: LeadRole;
}

/** A lead row that a write started or ended. */
export interface ChangedLead extends LeadPlace {
  leadId: string;
}

/** A lead with the name, address and job title of the person's account. */
export interface LeadPerson {
  leadId: string;
  organisationId: string;
  userId: string;
  leadRole: LeadRole;
  name: string;
  email: string;
  /** As the account has it; a naming may have given another. */
  jobTitle: string | null;
  /** The accepted submission that last named them here, if one did. */
  sourceSubmissionId: string | null;
  startedAt: Date;
  endedAt: Date | null;
}
