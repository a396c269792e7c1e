import { formatLondonDate, formatLondonDay } from '@dasv/common';
import { ROLE_LABELS } from '@dasv/users';
import { LEAD_ROLE_LABELS } from '@dasv/leads';

/** What a sentence is made of: the event as recorded, with its people and organisation named. */
export interface AuditEventFacts {
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
  /** Who did it, as named now; null when the system did. */
  actorName: string | null;
  organisationName: string | null;
  /** Names of the accounts the event mentions (its target user, details.userId and the like), by id. */
  people: ReadonlyMap<string, string>;
}

interface Words {
  /** Whoever did it, or "The system". */
  who: string;
  /** The organisation's name, or a stand-in that still reads. */
  organisation: string;
  details: Record<string, unknown>;
  /** A person the event names, by an id held in the event; "someone" when the account is not known. */
  person: (id: unknown) => string;
  /** The account the event is about: the target user, else details.userId. */
  subject: string;
  text: (key: string) => string | null;
  role: string;
  leadRole: string;
}

interface AuditActionWords {
  /** The action as the filter list offers it. */
  label: string;
  sentence: (w: Words) => string;
}

/**
 * One entry per action the platform records, with its label and its sentence. An action missing here
 * still reads (see genericSentence); a feature that records a new action adds its words here.
 */
const ACTIONS: Record<string, AuditActionWords> = {
  'user.invited': {
    label: 'Invited someone',
    sentence: (w) => `${w.who} invited ${w.subject} as ${w.role} of ${w.organisation}`,
  },
  'user.invitation_accepted': { label: 'Accepted an invitation', sentence: (w) => `${w.subject} accepted their invitation and set a password` },
  'user.first_admin_created': {
    label: 'First administrator created',
    sentence: (w) => `The first national administrator’s account was created for ${w.subject}`,
  },
  'role.granted': { label: 'Gave a role', sentence: (w) => `${w.who} made ${w.subject} ${w.role} of ${w.organisation}` },
  'role.revoked': { label: 'Removed a role', sentence: (w) => `${w.who} removed ${w.subject} as ${w.role} of ${w.organisation}` },
  'role.inherited': {
    label: 'Role carried over to a successor organisation',
    sentence: (w) => `${w.subject}’s role as ${w.role} moved to ${w.organisation} when their organisation closed`,
  },
  'auth.signed_in': { label: 'Signed in', sentence: (w) => `${w.who} signed in` },
  'auth.locked_out': {
    label: 'Locked out after failed sign-ins',
    sentence: (w) => `${w.subject}’s account was locked for a while after repeated failed sign-ins`,
  },
  'auth.password_reset_requested': { label: 'Asked to reset a password', sentence: (w) => `${w.subject} asked for a link to reset their password` },
  'auth.password_reset': { label: 'Reset a password', sentence: (w) => `${w.who} reset their password` },
  'nomination_return.opened': {
    label: 'Opened a lead return',
    sentence: (w) => {
      const asked = w.details.asked;
      const counts = typeof asked === 'number' ? ` of ${plural(asked, 'organisation')} (${plural(numberOr(w.details.emailed), 'e-mailed', 'e-mailed')})` : '';
      const deadline = dateText(w.details.deadline);
      return `${w.who} opened the lead return “${w.text('title') ?? 'untitled'}”${counts} in ${w.organisation}${deadline ? `, due ${deadline}` : ''}`;
    },
  },
  'nomination_return.closed': { label: 'Closed a lead return', sentence: (w) => `${w.who} closed a lead return for ${w.organisation}` },
  'nomination.submitted': { label: 'Submitted DASV leads', sentence: (w) => `${w.who} submitted the DASV leads of ${w.organisation}` },
  'nomination_submission.accepted': { label: 'Accepted a submission', sentence: (w) => `${w.who} accepted the DASV leads submitted by ${w.organisation}` },
  'nomination_submission.rejected': {
    label: 'Rejected a submission',
    sentence: (w) => `${w.who} rejected the DASV leads submitted by ${w.organisation}${w.text('reason') ? `: “${w.text('reason')}”` : ''}`,
  },
  'nomination_request.inherited': {
    label: 'Lead return carried over to a successor organisation',
    sentence: (w) => `${w.organisation} took over an unanswered lead return from the organisation it replaced`,
  },
  'dasv_lead.started': { label: 'Became a DASV lead', sentence: (w) => `${w.subject} became ${w.leadRole} of ${w.organisation}` },
  'dasv_lead.ended': { label: 'Stopped being a DASV lead', sentence: (w) => `${w.subject} stopped being ${w.leadRole} of ${w.organisation}` },
  'dasv_lead.handed_over': {
    label: 'Handed over a DASV lead role',
    sentence: (w) => `${w.who} handed over ${w.leadRole} of ${w.organisation} from ${w.person(w.details.fromUserId)} to ${w.person(w.details.toUserId)}`,
  },
  'dasv_lead.inherited': {
    label: 'DASV lead carried over to a successor organisation',
    sentence: (w) => `A DASV lead moved to ${w.organisation} when their organisation closed`,
  },
  'lead_appointment.requested': {
    label: 'Asked someone to be a DASV lead',
    sentence: (w) => `${w.who} asked ${w.subject} to be ${w.leadRole} of ${w.organisation}`,
  },
  'lead_appointment.withdrawn': {
    label: 'Withdrew a DASV lead request',
    sentence: (w) => `${w.who} withdrew a request to be a DASV lead of ${w.organisation}`,
  },
  'lead_appointment.agreed': { label: 'Agreed to be a DASV lead', sentence: (w) => `${w.who} agreed to be ${w.leadRole} of ${w.organisation}` },
  'lead_appointment.declined': { label: 'Declined to be a DASV lead', sentence: (w) => `${w.who} declined to be ${w.leadRole} of ${w.organisation}` },
  'lead_profile.updated': { label: 'Updated a directory profile', sentence: (w) => `${w.who} updated their lead directory profile` },
  'directory.exported': { label: 'Downloaded the lead directory', sentence: (w) => `${w.who} downloaded the lead directory` },
  'learner.headcount_set': {
    label: 'Set a headcount',
    sentence: (w) => {
      const previous = w.details.previousHeadcount;
      return `${w.who} set the headcount of ${w.organisation} to ${String(w.details.headcount)}${typeof previous === 'number' ? ` (it was ${previous})` : ''}`;
    },
  },
  'learner.staff_list_uploaded': { label: 'Uploaded a staff list', sentence: (w) => `${w.who} uploaded a staff list for ${w.organisation}` },
  'learner.completions_imported': { label: 'Imported training completions', sentence: (w) => `${w.who} imported training completions for ${w.organisation}` },
  'learner.registered': { label: 'Registered for training', sentence: (w) => `${w.subject} registered for training at ${w.organisation}` },
  'learner.registration_ignored': { label: 'Registration not sent', sentence: (w) => `A registration for ${w.subject} was not e-mailed` },
  'learner.registration_existing_account': {
    label: 'Registered again with an existing account',
    sentence: (w) => `${w.subject} tried to register again and was reminded they have an account`,
  },
  'learner.registration_link_resent': { label: 'Registration link sent again', sentence: (w) => `${w.subject} was sent their registration link again` },
  'course_version.draft_created': {
    label: 'Started a course draft',
    sentence: (w) => `${w.who} started a draft of ${typeof w.details.number === 'number' ? `version ${w.details.number}` : 'a new version'} of the course`,
  },
  'course_version.published': {
    label: 'Published a course version',
    sentence: (w) => `${w.who} published ${typeof w.details.number === 'number' ? `version ${w.details.number}` : 'a new version'} of the course`,
  },
  'course_reminders.sent': {
    label: 'Sent course reminders',
    sentence: (w) => `${w.who} sent course reminders to the learners of ${w.organisation} who have not completed`,
  },
  'course_reminders.schedule_enabled': {
    label: 'Turned on monthly course reminders',
    sentence: (w) => `${w.who} turned on monthly course reminders for ${w.organisation}`,
  },
  'course_reminders.schedule_disabled': {
    label: 'Turned off monthly course reminders',
    sentence: (w) => `${w.who} turned off monthly course reminders for ${w.organisation}`,
  },
  'certificates.downloaded': { label: 'Downloaded certificates', sentence: (w) => `${w.who} downloaded the training certificates of ${w.organisation}` },
  'chase.paused': {
    label: 'Paused chasing',
    sentence: (w) => {
      const until = dateText(w.details.lastDay);
      return `${w.who} paused chasing ${w.organisation}${until ? ` until ${until}` : ''}${w.text('reason') ? `: “${w.text('reason')}”` : ''}`;
    },
  },
  'chase.sent_manually': {
    label: 'Chased by hand',
    sentence: (w) => `${w.who} chased ${w.organisation} by hand${w.text('note') ? `: “${w.text('note')}”` : ''}`,
  },
  'chase.resumed': { label: 'Resumed chasing', sentence: (w) => `${w.who} resumed chasing ${w.organisation}` },
  'user.invitation_resent': { label: 'Resent an invitation', sentence: (w) => `${w.who} sent ${w.subject} a new invitation link` },
  'user.invitation_cancelled': { label: 'Cancelled an invitation', sentence: (w) => `${w.who} cancelled the invitation of ${w.subject}` },
  'organisation_contact.set': {
    label: 'Set an organisation contact',
    sentence: (w) => `${w.who} set a contact of ${w.organisation}${w.text('email') ? ` to ${w.text('email')}` : ''}`,
  },
  'organisation_contact.removed': { label: 'Removed an organisation contact', sentence: (w) => `${w.who} removed a contact of ${w.organisation}` },
  'organisation_contact.imported': {
    label: 'Loaded organisation contacts from a file',
    sentence: (w) => `${w.who} loaded contacts for ${w.organisation} from a file`,
  },
  'organisation_admin.invitations_imported': {
    label: 'Loaded administrator invitations from a file',
    sentence: (w) => `${w.who} loaded organisation administrator invitations from a file`,
  },
  'organisation.added': { label: 'Organisation added from ODS', sentence: (w) => `${w.organisation} was added from the NHS ODS data` },
  'organisation.renamed': { label: 'Organisation renamed in ODS', sentence: (w) => `${w.organisation} was renamed in the NHS ODS data` },
  'organisation.moved': { label: 'Organisation moved in ODS', sentence: (w) => `${w.organisation} moved to another integrated care board in the NHS ODS data` },
  'organisation.closed': { label: 'Organisation closed in ODS', sentence: (w) => `${w.organisation} closed, as the NHS ODS data records` },
  'organisation.reopened': { label: 'Organisation reopened in ODS', sentence: (w) => `${w.organisation} reopened, as the NHS ODS data records` },
  'organisation.successor_set': {
    label: 'Successor organisation recorded',
    sentence: (w) => `${w.organisation}’s work passed to its successor, as the NHS ODS data records`,
  },
};

/** The actions people can filter by, in words, alphabetically by label. */
export function auditActionChoices(): Array<{ action: string; label: string }> {
  return Object.entries(ACTIONS)
    .map(([action, words]) => ({ action, label: words.label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/** The words for an action; for one recorded by a feature that has not added its words, the action made readable. */
export function auditActionLabel(action: string): string {
  return ACTIONS[action]?.label ?? readable(action);
}

/** The ids of the accounts an event names besides its actor, whose names its sentence needs. */
export function peopleNamedBy(event: { entityType: string; entityId: string; details: Record<string, unknown> }): string[] {
  const ids = [event.entityType === 'user' ? event.entityId : null, event.details.userId, event.details.fromUserId, event.details.toUserId];
  return ids.filter((id): id is string => typeof id === 'string' && UUID.test(id));
}

/** "Amara Okafor invited Daniel Whitmore as organisation administrator of Royal Free London NHS Foundation Trust". */
export function auditSentence(facts: AuditEventFacts): string {
  const person = (id: unknown) => (typeof id === 'string' ? facts.people.get(id) : undefined) ?? 'someone';
  const subjectId = facts.entityType === 'user' ? facts.entityId : facts.details.userId;
  const text = (key: string) => {
    const value = facts.details[key];
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  const words: Words = {
    who: facts.actorName ?? 'The system',
    organisation: facts.organisationName ?? 'an organisation no longer listed',
    details: facts.details,
    person,
    subject: person(subjectId),
    text,
    role: roleWords(facts.details.role),
    leadRole: leadRoleWords(facts.details.leadRole),
  };
  const known = ACTIONS[facts.action];
  const sentence = known ? known.sentence(words) : genericSentence(facts, words);
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function genericSentence(facts: AuditEventFacts, words: Words): string {
  const where = facts.organisationName ? ` at ${facts.organisationName}` : '';
  return `${words.who} recorded “${readable(facts.action)}” for ${readable(facts.entityType)} ${facts.entityId}${where}`;
}

/** user.invitation_accepted → "user invitation accepted": never a code on a page. */
function readable(action: string): string {
  return action.replace(/[._]+/g, ' ').trim();
}

function roleWords(role: unknown): string {
  if (typeof role !== 'string') return 'a role';
  return (ROLE_LABELS as Record<string, string | undefined>)[role] ?? readable(role.toLowerCase());
}

function leadRoleWords(leadRole: unknown): string {
  if (typeof leadRole !== 'string') return 'a DASV lead';
  const label = LEAD_ROLE_LABELS[leadRole];
  return label ? `${label.toLowerCase()}` : 'a DASV lead';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function numberOr(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function dateText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return formatLondonDay(value);
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : formatLondonDate(at);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
