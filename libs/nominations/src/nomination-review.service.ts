import { Injectable } from '@nestjs/common';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { organisationNotFound } from '@dasv/organisations';
import { NominationNominee } from './entities/nomination-nominee.entity';
import { SubmissionStatus } from './entities/nomination-submission.entity';
import { NominationReturnsRepository } from './nomination-returns.repository';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { nominationError } from './nominations.errors';
import { LeadChangeKind, LeadFieldChange, NominationLeadChange, NominationReview } from './dto/nomination-review.type';

/** The answers compared between versions, in the order a reviewer reads them. */
const COMPARED: ReadonlyArray<{ field: string; value: (n: NominationNominee) => string | null }> = [
  { field: 'leadRole', value: (n) => n.leadRole },
  { field: 'name', value: (n) => n.name },
  { field: 'jobTitle', value: (n) => n.jobTitle },
  { field: 'phone', value: (n) => n.phone },
  { field: 'onExecutiveTeam', value: (n) => String(n.onExecutiveTeam) },
];

/**
 * A national administrator's view of an organisation's latest answer to a return: who it names
 * against the version last accepted (the leads it would replace), and whether a later return's
 * accepted answer means it can no longer be accepted.
 */
@Injectable()
export class NominationReviewService {
  constructor(
    private readonly returns: NominationReturnsRepository,
    private readonly submissions: NominationSubmissionsRepository,
    private readonly access: AccessService,
  ) {}

  async reviewFor(me: AuthUser, returnId: string, organisationOdsCode: string): Promise<NominationReview> {
    const organisation = await this.access.requireOrganisation(me, Permission.NominationManage, organisationOdsCode, { unknown: organisationNotFound });
    const nominationReturn = await this.returns.findById(returnId);
    if (!nominationReturn) throw nominationError('ReturnNotFound', 'No such nomination return.');
    const request = await this.submissions.findRequest(returnId, organisation.id);
    if (!request) throw nominationError('NotRequested', `“${nominationReturn.title}” does not ask ${organisation.name}.`);
    const submission = request.currentSubmissionId ? await this.submissions.findSubmission(request.currentSubmissionId) : null;
    const [previous, newer] = await Promise.all([
      this.submissions.findLatestAccepted(organisation.id, submission?.id ?? null),
      submission?.status === SubmissionStatus.PENDING ? this.submissions.findNewerAcceptance(undefined, returnId, organisation.id) : null,
    ]);
    const nominees = await this.submissions.findNominees([submission?.id, previous?.submission.id].filter((id): id is string => Boolean(id)));
    const now = nominees.filter((n) => n.submissionId === submission?.id);
    const before = nominees.filter((n) => n.submissionId === previous?.submission.id);
    return {
      nominationReturn,
      organisation,
      submission,
      nominees: now,
      previous: previous?.submission ?? null,
      previousReturnTitle: previous?.returnTitle ?? null,
      changes: submission ? leadChanges(before, now) : [],
      supersededBy: newer?.title ?? null,
    };
  }
}

/** Each person in either version, matched by address: added, removed, changed (with what) or unchanged. */
export function leadChanges(before: readonly NominationNominee[], after: readonly NominationNominee[]): NominationLeadChange[] {
  const key = (n: NominationNominee) => n.email.toLowerCase();
  const earlier = new Map(before.map((n) => [key(n), n]));
  const later = new Set(after.map(key));
  const changes: NominationLeadChange[] = after.map((n) => {
    const old = earlier.get(key(n));
    if (!old) return { kind: LeadChangeKind.ADDED, email: n.email, name: n.name, leadRole: n.leadRole, changes: [] };
    const fields: LeadFieldChange[] = COMPARED.filter((c) => (c.value(old) ?? '') !== (c.value(n) ?? '')).map((c) => ({
      field: c.field,
      from: c.value(old),
      to: c.value(n),
    }));
    return { kind: fields.length ? LeadChangeKind.CHANGED : LeadChangeKind.UNCHANGED, email: n.email, name: n.name, leadRole: n.leadRole, changes: fields };
  });
  for (const old of before) {
    if (!later.has(key(old))) changes.push({ kind: LeadChangeKind.REMOVED, email: old.email, name: old.name, leadRole: old.leadRole, changes: [] });
  }
  return changes;
}
