import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { EntityManager } from 'typeorm';
import { Clock } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { REDIS, TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser, Role } from '@dasv/auth';
import { HeadcountSource } from '@dasv/completions';
import { InvitationsService } from '@dasv/users';
import { ConfirmStaffListInput, StaffListHeadcountChoice, UploadStaffListInput } from './dto/learners.inputs';
import { HeadcountRepository } from './headcount.repository';
import { ExistingAccount, LearnerAccountsRepository } from './learner-accounts.repository';
import { LEARNER_ADMIN_ACTIONS } from './learner-activity.repository';
import { CsvColumnSpec, emailProblem, hasControlCharacters, readCsv, RowProblems } from './learner-csv';
import { LearnerEmailsService } from './learner-emails.service';
import { ManagedOrganisationsService } from './managed-organisations.service';
import { learnersError } from './learners.errors';
import { Headcount, StaffListCheck, StaffListUpload } from './models/learners.models';

type StaffColumn = 'email' | 'name' | 'jobTitle';

/** How long a checked list waits for its confirmation. */
const HELD_SECONDS = 60 * 60;

interface HeldStaffList {
  userId: string;
  odsCode: string;
  csv: string;
}

function isChoiceNeeded(now: Headcount | null, listed: number): boolean {
  return now !== null && now.source === (HeadcountSource.ADMIN as string) && now.headcount !== listed;
}

export const STAFF_LIST_COLUMNS: readonly CsvColumnSpec<StaffColumn>[] = [
  { key: 'email', label: 'email', aliases: ['email', 'emailaddress', 'workemail', 'workemailaddress'], required: true },
  { key: 'name', label: 'name', aliases: ['name', 'fullname', 'staffname', 'employeename'], required: true },
  { key: 'jobTitle', label: 'job title', aliases: ['jobtitle', 'jobrole', 'position'], required: false },
];

const MAX_TEXT = 200;

/**
 * An organisation's staff list: every row checked before anything is written, then in one
 * transaction accounts for the new people (each e-mailed a link to set a password), the existing
 * accounts left alone, and the headcount set to the number of people in the list, unless an
 * administrator entered it and chose to keep it. Pages check first (check, then confirm).
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
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Checks a list and holds it for an hour, writing nothing: what uploading it would do (accounts to
   * make and e-mail, the headcount now and after) for the check page, which confirms it by uploadId.
   */
  async check(me: AuthUser, input: UploadStaffListInput): Promise<StaffListCheck> {
    const checked = await this.checked(me, input);
    const uploadId = randomUUID();
    const held: HeldStaffList = { userId: me.id, odsCode: checked.organisation.odsCode, csv: input.csv };
    await this.redis.set(this.heldKey(uploadId), JSON.stringify(held), 'EX', HELD_SECONDS);
    return { uploadId, ...checked };
  }

  /** A held list checked again (the accounts may have changed since), for showing its check page once more. */
  async held(me: AuthUser, uploadId: string): Promise<StaffListCheck> {
    const held = await this.heldList(me, uploadId);
    return { uploadId, ...(await this.checked(me, { odsCode: held.odsCode, csv: held.csv })) };
  }

  /** Uploads a held list as it was checked, with the headcount choice made on its check page. */
  async confirm(me: AuthUser, input: ConfirmStaffListInput): Promise<StaffListUpload> {
    const held = await this.heldList(me, input.uploadId);
    const uploaded = await this.upload(me, { odsCode: held.odsCode, csv: held.csv, headcount: input.headcount });
    // Only once it is in: a refusal (a choice still to make) leaves the list held for the next try.
    await this.redis.del(this.heldKey(input.uploadId));
    return uploaded;
  }

  async upload(me: AuthUser, input: UploadStaffListInput): Promise<StaffListUpload> {
    const organisation = await this.managed.require(me, input.odsCode);
    const records = this.validRows(input.csv);

    return this.tx.run(async (manager) => {
      await this.refuseOutOfScope(manager, me, records);
      const headcountNow = await this.headcounts.find(organisation.id, manager);
      const keep = this.keepsEnteredHeadcount(headcountNow, records.rows.length, input.headcount);

      const people = records.rows.map(({ values }) => ({ email: values.email, name: values.name, jobTitle: values.jobTitle || null }));
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
      let headcount = records.rows.length;
      let previous: number | null = headcountNow?.headcount ?? null;
      if (keep) headcount = headcountNow!.headcount;
      else
        previous = await this.headcounts.set(manager, {
          organisationId: organisation.id,
          headcount,
          source: HeadcountSource.STAFF_LIST,
          now: this.clock.now(),
          userId: me.id,
        });
      const summary = { rows: records.rows.length, accountsCreated: created.length, alreadyHadAccounts: records.rows.length - created.length, headcount };
      await this.audit.record(manager, [
        {
          actorId: me.id,
          action: LEARNER_ADMIN_ACTIONS.staffListUploaded,
          entityType: 'organisation',
          entityId: organisation.id,
          organisationId: organisation.id,
          details: { ...summary, previousHeadcount: previous, keptEnteredHeadcount: keep },
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
      return { organisation, ...summary, keptEnteredHeadcount: keep };
    });
  }

  /** Every row's problems at once, before anything is read or written; the rows and their distinct e-mail keys. */
  private validRows(csv: string): { rows: Array<{ row: number; values: Record<StaffColumn, string> }>; emailKeys: string[]; problems: RowProblems } {
    const records = readCsv(csv, STAFF_LIST_COLUMNS);
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
    return { rows: records, emailKeys: [...firstRowOf.keys()].filter(Boolean), problems };
  }

  /** Adds the rows naming accounts outside the caller's subtree to the problems, then refuses if there are any. */
  private async refuseOutOfScope(
    manager: EntityManager,
    me: AuthUser,
    records: ReturnType<StaffListService['validRows']>,
  ): Promise<Map<string, ExistingAccount>> {
    const existing = await this.accounts.findByEmails(manager, records.emailKeys, this.managed.viewer(me));
    for (const { row, values } of records.rows) {
      const account = existing.get(values.email.toLowerCase());
      // Naming someone here must not reach into another subtree's accounts.
      if (account && !account.inScope) records.problems.add(row, `${values.email} already has an account at an organisation outside the ones you look after`);
    }
    records.problems.throwIfAny('StaffListInvalid', 'staff list');
    return existing;
  }

  /**
   * Whether the upload keeps the headcount an administrator entered. A headcount counted from an
   * earlier list is simply replaced; an entered one that the list would change needs the caller's say.
   */
  private keepsEnteredHeadcount(now: Headcount | null, listed: number, choice: StaffListHeadcountChoice | undefined): boolean {
    if (!isChoiceNeeded(now, listed)) return false;
    if (choice === undefined) {
      throw learnersError(
        'HeadcountChoiceNeeded',
        `An administrator entered a headcount of ${now!.headcount.toLocaleString('en-GB')}; the list has ${listed.toLocaleString('en-GB')} people. Choose which to keep.`,
        {
          headcount: [`Choose whether to keep the headcount of ${now!.headcount.toLocaleString('en-GB')} or use the list’s ${listed.toLocaleString('en-GB')}`],
        },
      );
    }
    return choice === StaffListHeadcountChoice.KEEP_ENTERED;
  }

  private async checked(me: AuthUser, input: UploadStaffListInput): Promise<Omit<StaffListCheck, 'uploadId'>> {
    const organisation = await this.managed.require(me, input.odsCode);
    const records = this.validRows(input.csv);
    const existing = await this.tx.run((manager) => this.refuseOutOfScope(manager, me, records));
    const headcountNow = await this.headcounts.find(organisation.id);
    const alreadyHaveAccounts = records.emailKeys.filter((e) => existing.has(e)).length;
    return {
      organisation,
      rows: records.rows.length,
      accountsToCreate: records.rows.length - alreadyHaveAccounts,
      alreadyHaveAccounts,
      headcountNow,
      listHeadcount: records.rows.length,
      isHeadcountChoiceNeeded: isChoiceNeeded(headcountNow, records.rows.length),
    };
  }

  private async heldList(me: AuthUser, uploadId: string): Promise<HeldStaffList> {
    const raw = await this.redis.get(this.heldKey(uploadId));
    const held = raw ? (JSON.parse(raw) as HeldStaffList) : null;
    if (!held || held.userId !== me.id) {
      throw learnersError('StaffListUploadExpired', 'This staff list is no longer held: upload it again.', {
        uploadId: ['This upload has expired or is not yours: upload the staff list again'],
      });
    }
    return held;
  }

  private heldKey(uploadId: string): string {
    return `${this.config.redisPrefix}:staff-list:${uploadId}`;
  }
}
