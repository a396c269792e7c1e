import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, FieldErrors, formatLondon } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission } from '@dasv/auth';
import { LEAD_ROLE_LABELS } from '@dasv/leads';
import { EmailOutboxService } from '@dasv/notifications';
import { Organisation, OrganisationType } from '@dasv/organisations';
import { NominationReturn, NominationReturnStatus } from './entities/nomination-return.entity';
import { NominationSubmission, SubmissionStatus } from './entities/nomination-submission.entity';
import { NominationReturnsRepository } from './nomination-returns.repository';
import { NewNominee, NominationSubmissionsRepository } from './nomination-submissions.repository';
import { nominationError } from './nominations.errors';
import { NomineeRulesService } from './nominee-rules.service';
import { LeadAppointmentsService } from './lead-appointments.service';
import { submissionLink } from './nomination-returns.service';
import { SubmitNominationInput } from './dto/submit-nomination.input';

/** An organisation answering a return: every submission is a new version, kept as history. */
@Injectable()
export class NominationSubmissionsService {
  constructor(
    private readonly returns: NominationReturnsRepository,
    private readonly submissions: NominationSubmissionsRepository,
    private readonly access: AccessService,
    private readonly rules: NomineeRulesService,
    private readonly appointments: LeadAppointmentsService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Records the next version. After the deadline it is still taken, and marked late. Where the
   * return needs no approval it is accepted at once and its nominees become the leads; otherwise
   * it waits for a national admin and the leads stay as they are.
   */
  async submit(me: AuthUser, input: SubmitNominationInput): Promise<NominationSubmission> {
    const organisation = await this.access.requireOrganisation(me, Permission.NominationSubmit, input.organisationOdsCode, {
      unknown: (message) =>
        nominationError('UnknownOrganisation', message, { organisationOdsCode: ['Enter the ODS code of the organisation you are answering for'] }),
    });

    return this.tx.run(async (manager) => {
      const nominationReturn = await this.returns.lockById(manager, input.returnId, 'share');
      if (!nominationReturn) {
        throw nominationError('ReturnNotFoundInInput', 'No such nomination return.', {
          returnId: ['This return does not exist: use the link in the e-mail you were sent'],
        });
      }
      if (nominationReturn.status === NominationReturnStatus.CLOSED) {
        throw nominationError('ReturnClosed', `“${nominationReturn.title}” has closed and takes no more submissions.`);
      }
      const request = await this.submissions.lockRequest(manager, nominationReturn.id, organisation.id);
      if (!request) {
        throw nominationError('NotRequestedInInput', `“${nominationReturn.title}” does not ask ${organisation.name}.`, {
          organisationOdsCode: [`This return does not ask ${organisation.name}`],
        });
      }
      const { nominees, fields } = this.rules.nomineesOf(organisation.type, input);
      if (Object.keys(fields).length) {
        throw nominationError('InvalidLeads', `Check the highlighted fields: ${Object.keys(fields).join(', ')}.`, fields);
      }

      const now = this.clock.now();
      const isLate = now.getTime() > nominationReturn.deadline.getTime();
      const needsDecision = nominationReturn.requiresApproval;
      const submission = await this.submissions.insertVersion(
        manager,
        {
          returnId: nominationReturn.id,
          organisationId: organisation.id,
          submittedById: me.id,
          submittedAt: now,
          isLate,
          status: needsDecision ? SubmissionStatus.PENDING : SubmissionStatus.ACCEPTED,
          decidedAt: needsDecision ? null : now,
        },
        nominees,
      );
      // An earlier version still waiting for a decision can no longer be decided: this one replaces it.
      const superseded = await this.submissions.supersede(
        manager,
        nominationReturn.id,
        organisation.id,
        submission.id,
        needsDecision ? [SubmissionStatus.PENDING] : [SubmissionStatus.PENDING, SubmissionStatus.ACCEPTED],
      );
      if (!needsDecision) {
        await this.appointments.appointFromSubmission(manager, submission, organisation, { actorId: me.id, invitedBy: me.name }, now);
      }
      await this.queueConfirmation(manager, me, nominationReturn, organisation, submission, nominees);
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'nomination.submitted',
        entityType: 'nomination_submission',
        entityId: submission.id,
        organisationId: organisation.id,
        details: {
          returnId: nominationReturn.id,
          version: submission.version,
          isLate,
          status: submission.status,
          superseded,
          nominees: nominees.map((n) => ({ leadRole: n.leadRole, email: n.email })),
        },
      });
      return submission;
    });
  }

  /**
   * The rules submit() applies beyond the input's shape (the leads asked for, NHS addresses, the
   * executive team, each person once), as field problems: a form reports them in the same error
   * summary as the shape's, rather than one round after. Reads `input` as far as it is well formed.
   */
  leadProblems(organisationType: OrganisationType, input: SubmitNominationInput): FieldErrors {
    return this.rules.nomineesOf(organisationType, input).fields;
  }

  private async queueConfirmation(
    manager: EntityManager,
    me: AuthUser,
    nominationReturn: NominationReturn,
    organisation: Organisation,
    submission: NominationSubmission,
    nominees: NewNominee[],
  ): Promise<void> {
    await this.emails.queueTemplate(manager, {
      key: `nomination-confirmation-${submission.id}`,
      to: me.email,
      template: 'nomination-confirmation',
      context: {
        name: me.name,
        title: nominationReturn.title,
        organisationName: organisation.name,
        version: submission.version,
        submittedAt: formatLondon(submission.submittedAt),
        isLate: submission.isLate,
        deadline: formatLondon(nominationReturn.deadline),
        needsDecision: submission.status === SubmissionStatus.PENDING,
        nominees: nominees.map((n) => ({ role: LEAD_ROLE_LABELS[n.leadRole], name: n.name, jobTitle: n.jobTitle, email: n.email })),
        link: submissionLink(this.config.publicUrl, nominationReturn.id, organisation.odsCode),
      },
    });
  }
}
