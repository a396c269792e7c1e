import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser, Role } from '@dasv/auth';
import { HeadcountSource } from '@dasv/completions';
import { InvitationsService } from '@dasv/users';
import { UploadStaffListInput } from './dto/learners.inputs';
import { HeadcountRepository } from './headcount.repository';
import { LearnerAccountsRepository } from './learner-accounts.repository';
import { LEARNER_ADMIN_ACTIONS } from './learner-activity.repository';
import { CsvColumnSpec, emailProblem, hasControlCharacters, readCsv, RowProblems } from './learner-csv';
import { LearnerEmailsService } from './learner-emails.service';
import { ManagedOrganisationsService } from './managed-organisations.service';
import { StaffListUpload } from './models/learners.models';

type StaffColumn = 'email' | 'name' | 'jobTitle';

export const STAFF_LIST_COLUMNS: readonly CsvColumnSpec<StaffColumn>[] = [
  { key: 'email', label: 'email', aliases: ['email', 'emailaddress', 'workemail', 'workemailaddress'], required: true },
  { key: 'name', label: 'name', aliases: ['name', 'fullname', 'staffname', 'employeename'], required: true },
  { key: 'jobTitle', label: 'job title', aliases: ['jobtitle', 'jobrole', 'position'], required: false },
];

const MAX_TEXT = 200;

/**
 * An organisation's staff list: every row checked before anything is written, then in one
 * transaction accounts for the new people (each e-mailed a link to set a password), the existing
 * accounts left alone, and the headcount set to the number of people in the list.
 */
@Injectable()
export class StaffListService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly managed: ManagedOrganisationsService,
    private readonly accounts: LearnerAccountsRepository,
    private readonly headcounts: HeadcountRepository,
    private readonly invitations: InvitationsService,
    private readonly learnerEmails: LearnerEmailsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async upload(me: AuthUser, input: UploadStaffListInput): Promise<StaffListUpload> {
    const organisation = await this.managed.require(me, input.odsCode);
    const records = readCsv(input.csv, STAFF_LIST_COLUMNS);
    const domains = this.config.workEmailDomains;
    const problems = new RowProblems();
    const firstRowOf = new Map<string, number>();
    for (const { row, values } of records) {
      if (hasControlCharacters(values)) problems.add(row, 'Remove the control characters from this row');
      const badEmail = emailProblem(values.email, domains);
      if (badEmail) problems.add(row, badEmail);
      if (values.name === '') problems.add(row, 'Enter the person’s name');
      else if (values.name.length > MAX_TEXT) problems.add(row, `The name must be ${MAX_TEXT} characters or fewer`);
      if (values.jobTitle.length > MAX_TEXT) problems.add(row, `The job title must be ${MAX_TEXT} characters or fewer`);
      const key = values.email.toLowerCase();
      const first = firstRowOf.get(key);
      if (first !== undefined && values.email !== '') problems.add(row, `${values.email} is also on row ${first}: list each person once`);
      else firstRowOf.set(key, row);
    }

    return this.tx.run(async (manager) => {
      const existing = await this.accounts.findByEmails(manager, [...firstRowOf.keys()].filter(Boolean), this.managed.viewer(me));
      for (const { row, values } of records) {
        const account = existing.get(values.email.toLowerCase());
        // Naming someone here must not reach into another subtree's accounts.
        if (account && !account.inScope) problems.add(row, `${values.email} already has an account at an organisation outside the ones you look after`);
      }
      problems.throwIfAny('StaffListInvalid', 'staff list');

      const people = records.map(({ values }) => ({ email: values.email, name: values.name, jobTitle: values.jobTitle || null }));
      const accounts = await this.invitations.accountsFor(manager, organisation.id, people);
      const created = accounts.filter((a) => a.isNew);
      const nameOf = new Map(people.map((p) => [p.email.toLowerCase(), p.name]));
      await this.invitations.grantNamedRole(manager, {
        userIds: created.map((a) => a.userId),
        organisation,
        role: Role.LEARNER,
        invitedBy: me.name,
        actorId: me.id,
        reason: `staff_list:${organisation.odsCode}`,
      });
      await this.learnerEmails.queueSetPassword(
        manager,
        created.map((a) => ({ userId: a.userId, email: a.email, name: nameOf.get(a.email.toLowerCase()) ?? a.email })),
        { template: 'learner-invitation', organisationName: organisation.name, invitedBy: me.name },
      );
      const headcount = records.length;
      const previous = await this.headcounts.set(manager, {
        organisationId: organisation.id,
        headcount,
        source: HeadcountSource.STAFF_LIST,
        now: this.clock.now(),
        userId: me.id,
      });
      const summary = { rows: records.length, accountsCreated: created.length, alreadyHadAccounts: records.length - created.length, headcount };
      await this.audit.record(manager, [
        {
          actorId: me.id,
          action: LEARNER_ADMIN_ACTIONS.staffListUploaded,
          entityType: 'organisation',
          entityId: organisation.id,
          organisationId: organisation.id,
          details: { ...summary, previousHeadcount: previous },
        },
        ...created.map((a) => ({
          actorId: me.id,
          action: 'user.invited',
          entityType: 'user',
          entityId: a.userId,
          organisationId: organisation.id,
          details: { role: Role.LEARNER, email: a.email, reason: 'staff_list' },
        })),
      ]);
      return { organisation, ...summary };
    });
  }
}
