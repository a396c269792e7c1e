import { Injectable } from '@nestjs/common';
import { Clock, formatLondonDate } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AuthUser } from '@dasv/auth';
import { CompletionRecorderService, CompletionSource } from '@dasv/completions';
import { CompletionImportRepository } from './completion-import.repository';
import { parseCompletionDate } from './completion-date';
import { DEFAULT_COURSE_SLUG, ImportCompletionsInput, ImportedCompletionSource } from './dto/learners.inputs';
import { LearnerAccountsRepository } from './learner-accounts.repository';
import { LEARNER_ADMIN_ACTIONS } from './learner-activity.repository';
import { CsvColumnSpec, emailProblem, hasControlCharacters, readCsv, RowProblems } from './learner-csv';
import { learnersError } from './learners.errors';
import { ManagedOrganisationsService } from './managed-organisations.service';
import { CompletionImport } from './models/learners.models';

type CompletionColumn = 'email' | 'completedOn';

export const COMPLETION_COLUMNS: readonly CsvColumnSpec<CompletionColumn>[] = [
  { key: 'email', label: 'email', aliases: ['email', 'emailaddress', 'workemail', 'workemailaddress'], required: true },
  {
    key: 'completedOn',
    label: 'completion date',
    aliases: ['completiondate', 'completeddate', 'datecompleted', 'completedon', 'completed', 'completionon', 'date'],
    required: true,
  },
];

const RECORDED_AS: Record<ImportedCompletionSource, CompletionSource> = {
  [ImportedCompletionSource.ELFH]: CompletionSource.ELFH,
  [ImportedCompletionSource.ESR]: CompletionSource.ESR,
};

/**
 * Completions taken elsewhere (the e-LfH hub, ESR), matched to people by e-mail. A person with an
 * account is credited to their own organisation, anyone else to the importing one; either way
 * CompletionRecorderService counts each person once, whatever the number of sources or imports.
 */
@Injectable()
export class CompletionImportService {
  constructor(
    private readonly clock: Clock,
    private readonly managed: ManagedOrganisationsService,
    private readonly accounts: LearnerAccountsRepository,
    private readonly courses: CompletionImportRepository,
    private readonly recorder: CompletionRecorderService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async import(me: AuthUser, input: ImportCompletionsInput): Promise<CompletionImport> {
    const organisation = await this.managed.require(me, input.odsCode);
    const slug = input.course ?? DEFAULT_COURSE_SLUG;
    const courseId = await this.courses.courseIdBySlug(slug);
    if (!courseId) throw learnersError('UnknownCourse', `There is no course ${slug}.`, { course: ['Choose a course that exists'] });
    const records = readCsv(input.csv, COMPLETION_COLUMNS);

    const now = this.clock.now();
    const problems = new RowProblems();
    const firstRowOf = new Map<string, number>();
    const completedAt = new Map<number, Date>();
    for (const { row, values } of records) {
      if (hasControlCharacters(values)) problems.add(row, 'Remove the control characters from this row');
      // Not only work addresses: e-LfH accounts may be personal, and the person still completed.
      const badEmail = emailProblem(values.email);
      if (badEmail) problems.add(row, badEmail);
      const key = values.email.toLowerCase();
      const first = firstRowOf.get(key);
      if (first !== undefined && values.email !== '') problems.add(row, `${values.email} is also on row ${first}: list each person once`);
      else firstRowOf.set(key, row);
      const date = values.completedOn === '' ? null : parseCompletionDate(values.completedOn);
      if (values.completedOn === '') problems.add(row, 'Enter the completion date');
      else if (!date) problems.add(row, `"${values.completedOn.slice(0, 40)}" is not a date: write it as 31/01/2025 or 2025-01-31`);
      else if (date > now) problems.add(row, `The completion date ${values.completedOn} is in the future (today is ${formatLondonDate(now)})`);
      else completedAt.set(row, date);
    }

    return this.tx.run(async (manager) => {
      const existing = await this.accounts.findByEmails(manager, [...firstRowOf.keys()].filter(Boolean), this.managed.viewer(me));
      for (const { row, values } of records) {
        const account = existing.get(values.email.toLowerCase());
        if (account && !account.inScope) problems.add(row, `${values.email} has an account at an organisation outside the ones you look after`);
      }
      problems.throwIfAny('CompletionsInvalid', 'completions file');

      const newlyCounted = await this.recorder.record(
        manager,
        records.map(({ row, values }) => {
          const account = existing.get(values.email.toLowerCase());
          return {
            courseId,
            email: account?.email ?? values.email,
            userId: account?.id ?? null,
            organisationId: account?.organisationId ?? organisation.id,
            versionId: null,
            completedAt: completedAt.get(row)!,
            source: RECORDED_AS[input.source],
          };
        }),
      );
      const result = { rows: records.length, newlyCounted, alreadyCounted: records.length - newlyCounted };
      await this.audit.record(manager, {
        actorId: me.id,
        action: LEARNER_ADMIN_ACTIONS.completionsImported,
        entityType: 'organisation',
        entityId: organisation.id,
        organisationId: organisation.id,
        details: { ...result, source: input.source, course: slug },
      });
      return { organisation, source: input.source, ...result };
    });
  }
}
