import { Injectable } from '@nestjs/common';
import { Clock, formatLondon } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission, UserAccountsService } from '@dasv/auth';
import { EmailOutboxService } from '@dasv/notifications';
import { OrganisationsService } from '@dasv/organisations';
import { OrganisationContactsService } from '@dasv/users';
import { NominationSubmission, SubmissionStatus } from './entities/nomination-submission.entity';
import { NominationReturnStatus } from './entities/nomination-return.entity';
import { NominationReturnsRepository } from './nomination-returns.repository';
import { NominationSubmissionsRepository } from './nomination-submissions.repository';
import { nominationError } from './nominations.errors';
import { LeadAppointmentsService } from './lead-appointments.service';
import { submissionLink } from './nomination-returns.service';

/** A national admin accepting or rejecting a submission to a return that needs approval. */
@Injectable()
export class NominationDecisionsService {
  constructor(
    private readonly returns: NominationReturnsRepository,
    private readonly submissions: NominationSubmissionsRepository,
    private readonly organisations: OrganisationsService,
    private readonly users: UserAccountsService,
    private readonly contacts: OrganisationContactsService,
    private readonly access: AccessService,
    private readonly appointments: LeadAppointmentsService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Accepting makes the nominees the organisation's leads; rejecting leaves the leads as they were
   * and says why. Either way the submitter hears; a rejection's reason also goes to the organisation.
   * Accepting an older return's answer after a newer return's was accepted is refused: it would put
   * back leads the newer answer replaced.
   */
  async decide(me: AuthUser, id: string, accept: boolean, reason?: string): Promise<NominationSubmission> {
    const found = await this.submissions.findSubmission(id);
    if (!found) throw nominationError('SubmissionNotFound', 'No such submission.');
    await this.access.requireOrganisations(me, Permission.NominationManage, [found.organisationId]);
    const why = reason?.trim() ?? '';

    return this.tx.run(async (manager) => {
      // The request first, as a submission does: a new version and a decision on the old one queue up, never deadlock.
      await this.submissions.lockRequest(manager, found.returnId, found.organisationId);
      const submission = (await this.submissions.lockSubmission(manager, id))!;
      if (submission.status !== SubmissionStatus.PENDING) {
        throw nominationError('SubmissionNotPending', `Version ${submission.version} is ${submission.status.toLowerCase()}, not waiting for a decision.`);
      }
      if (!accept && !why) {
        throw nominationError('RejectionReasonMissing', 'Say why the submission is not accepted.', {
          reason: ['Enter the reason: the organisation is e-mailed it, so say what to change'],
        });
      }
      if (accept) {
        const newer = await this.submissions.findNewerAcceptance(manager, submission.returnId, submission.organisationId);
        if (newer) {
          throw nominationError(
            'Superseded',
            `Version ${submission.version} cannot be accepted: “${newer.title}”, a later return, has already named this organisation’s leads, and accepting this would replace them. Reject it, or ask the organisation to answer the later return instead.`,
          );
        }
      }
      const now = this.clock.now();
      const nominationReturn = (await this.returns.findById(submission.returnId, manager))!;
      const [organisation] = await this.organisations.findByIds([submission.organisationId]);
      const submitter = submission.submittedById ? await this.users.findById(submission.submittedById, manager) : null;
      const decided = await this.submissions.decide(manager, id, {
        status: accept ? SubmissionStatus.ACCEPTED : SubmissionStatus.REJECTED,
        decidedById: me.id,
        decidedAt: now,
        reason: accept ? null : why,
      });
      if (accept) {
        await this.submissions.supersede(manager, submission.returnId, submission.organisationId, id, [SubmissionStatus.ACCEPTED]);
        // The organisation named these people; the invitation says so, whoever approved it.
        await this.appointments.appointFromSubmission(manager, decided, organisation, { actorId: me.id, invitedBy: submitter?.name ?? 'NHS England' }, now);
      }
      // A rejection asks the organisation to act, so it goes to whoever answers for it as well as to the submitter.
      const organisationEmails = accept ? [] : ((await this.contacts.recipientsFor([organisation.id], manager))[0]?.emails ?? []);
      const to = [...new Set([...(submitter ? [submitter.email] : []), ...organisationEmails].map((e) => e.toLowerCase()))];
      if (to.length > 0) {
        await this.emails.queueTemplate(manager, {
          key: `nomination-decision-${id}`,
          to: to.join(', '),
          template: 'nomination-decision',
          context: {
            name: submitter?.name ?? null,
            title: nominationReturn.title,
            organisationName: organisation.name,
            version: decided.version,
            accepted: accept,
            reason: why,
            deadline: formatLondon(nominationReturn.deadline),
            isOpen: nominationReturn.status === NominationReturnStatus.OPEN,
            link: submissionLink(this.config.publicUrl, nominationReturn.id, organisation.odsCode),
          },
        });
      }
      await this.audit.record(manager, {
        actorId: me.id,
        action: accept ? 'nomination_submission.accepted' : 'nomination_submission.rejected',
        entityType: 'nomination_submission',
        entityId: id,
        organisationId: submission.organisationId,
        details: { returnId: submission.returnId, version: submission.version, ...(accept ? {} : { reason: why }) },
      });
      return decided;
    });
  }
}
