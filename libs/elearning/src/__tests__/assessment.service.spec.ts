import { Role } from '@dasv/auth';
import { CompletionSource } from '@dasv/completions';
import { AssessmentService, ElearningErrorReason, ElearningModule } from '@dasv/elearning';
import { countRows, createServiceTest, newCompletions, newEnrolment, newUser, seededCourse, SeededCourse, ServiceTest, TestUser } from '@dasv/testing';

// The seeded course (libs/elearning content): 16 pages in 5 modules, a bank of 14 questions, 10 drawn
// per attempt, pass mark 80%. Learners work at Guy's and St Thomas' (RJ1), a real trust. The journey
// through GraphQL is assessment.e2e-spec.ts; this file pins down the marking and what a pass records.
const NOW = new Date('2026-03-10T10:00:00Z');

type Bank = Map<string, { moduleId: string; options: Array<{ id: string; correct: boolean }> }>;

describe('AssessmentService', () => {
  let test: ServiceTest;
  let assessments: AssessmentService;
  let course: SeededCourse;
  let bank: Bank;

  beforeAll(async () => {
    test = await createServiceTest({ imports: [ElearningModule], now: NOW });
    assessments = test.get(AssessmentService);
    course = await seededCourse(test.dataSource);
    const rows: Array<{ id: string; module_id: string; options: Array<{ id: string; correct: boolean }> }> = await test.dataSource.query(
      `SELECT id, module_id, options FROM assessment_question WHERE version_id = $1`,
      [course.versionId],
    );
    bank = new Map(rows.map((q) => [q.id, { moduleId: q.module_id, options: q.options }]));
  });
  afterAll(() => test.close());

  /** A learner at RJ1 who has read every page (or `pages` of them). */
  async function learnerReady(pages: number | 'all' = 'all', email?: string): Promise<TestUser> {
    const learner = await newUser(test.dataSource, { odsCode: 'RJ1', email, roles: [{ role: Role.LEARNER }] });
    await newEnrolment(test.dataSource, { user: learner, startedAt: new Date('2026-03-02T09:00:00Z'), pagesCompleted: pages });
    return learner;
  }

  /** Answers to every question drawn, the first `wrong` of them answered wrongly. */
  function answers(questionIds: string[], wrong = 0): Array<{ questionId: string; optionIds: string[] }> {
    return questionIds.map((id, i) => {
      const options = bank.get(id)!.options;
      const chosen = i < wrong ? options.filter((o) => !o.correct).slice(0, 1) : options.filter((o) => o.correct);
      return { questionId: id, optionIds: chosen.map((o) => o.id) };
    });
  }

  /** RJ1's counters for the course, which the completion dashboard reads. */
  const stats = async (): Promise<{ started: number; completed: number }> =>
    (
      await test.dataSource.query(
        `SELECT started, completed FROM organisation_course_stats WHERE course_id = $1 AND organisation_id = (SELECT id FROM organisation WHERE ods_code = 'RJ1')`,
        [course.id],
      )
    )[0] ?? {
      started: 0,
      completed: 0,
    };

  it('opens no attempt until every page of the pinned version is read, then draws ten questions of its bank, the same on a reload', async () => {
    const learner = await learnerReady(course.pages.length - 1);
    await expect(assessments.start(learner, course.slug)).rejects.toMatchObject({ reason: ElearningErrorReason.PagesIncomplete });
    const stranger = await newUser(test.dataSource, { odsCode: 'RJ1', roles: [{ role: Role.LEARNER }] });
    await expect(assessments.start(stranger, course.slug)).rejects.toMatchObject({ reason: ElearningErrorReason.NotStarted });
    expect(await countRows(test.dataSource, 'assessment_attempt')).toBe(0);

    const ready = await learnerReady();
    const attempt = await assessments.start(ready, course.slug);
    expect(attempt).toMatchObject({ number: 1, startedAt: NOW });
    expect(new Set(attempt.questions.map((q) => q.id)).size).toBe(course.assessmentSize);
    for (const q of attempt.questions) expect(bank.has(q.id)).toBe(true);
    expect(await assessments.start(ready, course.slug)).toEqual(attempt);
  });

  it('passes at exactly the pass mark, and fails one answer below it naming the modules to revisit', async () => {
    const learner = await learnerReady();
    const first = await assessments.start(learner, course.slug);
    const ids = first.questions.map((q) => q.id);
    const failed = await assessments.submit(learner, { attemptId: first.id, answers: answers(ids, 3) });
    const revisit = new Set(ids.slice(0, 3).map((id) => bank.get(id)!.moduleId));
    expect(failed).toMatchObject({ score: 70, passed: false, passMarkPercent: 80, completedAt: null });
    expect(failed.modulesToRevisit.map((m) => m.id).sort()).toEqual([...revisit].sort());
    // In course order.
    expect(failed.modulesToRevisit.map((m) => m.position)).toEqual([...failed.modulesToRevisit.map((m) => m.position)].sort((a, b) => a - b));

    const second = await assessments.start(learner, course.slug);
    expect(second.number).toBe(2);
    const passed = await assessments.submit(learner, {
      attemptId: second.id,
      answers: answers(
        second.questions.map((q) => q.id),
        2,
      ),
    });
    expect(passed).toMatchObject({ score: 80, passed: true, completedAt: NOW, modulesToRevisit: [] });
  });

  it('records a pass once: the completion, its count for the learner’s organisation and one certificate, however often they pass again', async () => {
    const before = await stats();
    const learner = await learnerReady('all', 'pia.pass@nhs.net');
    const pass = async () => {
      const attempt = await assessments.start(learner, course.slug);
      return assessments.submit(learner, { attemptId: attempt.id, answers: answers(attempt.questions.map((q) => q.id)) });
    };

    expect(await pass()).toMatchObject({ score: 100, passed: true, completedAt: NOW });
    const [completion] = await test.dataSource.query(
      `SELECT user_id, organisation_id, version_id, completed_at, sources FROM learner_completion WHERE email = 'pia.pass@nhs.net'`,
    );
    expect(completion).toEqual({
      user_id: learner.id,
      organisation_id: learner.organisationId,
      version_id: course.versionId,
      completed_at: NOW,
      sources: [CompletionSource.PLATFORM],
    });
    expect(await stats()).toEqual({ started: before.started + 1, completed: before.completed + 1 });
    const certificate = async () =>
      test.dataSource.query(`SELECT verification_code, learner_name, completed_at FROM certificate WHERE user_id = $1`, [learner.id]);
    const [issued] = await certificate();
    expect(issued).toMatchObject({ learner_name: learner.name, completed_at: NOW });

    test.clock.advance(24 * 3600_000);
    expect(await pass()).toMatchObject({ passed: true, completedAt: NOW });
    expect(await stats()).toEqual({ started: before.started + 1, completed: before.completed + 1 });
    expect(await certificate()).toEqual([issued]);
  });

  it('counts a learner whose completion was imported before they passed here once, remembering both sources', async () => {
    const before = await stats();
    await newCompletions(test.dataSource, [{ odsCode: 'RJ1', email: 'ian.imported@nhs.net', completedAt: new Date('2026-01-15T12:00:00Z') }]);
    const learner = await learnerReady('all', 'ian.imported@nhs.net');
    const attempt = await assessments.start(learner, course.slug);
    await assessments.submit(learner, { attemptId: attempt.id, answers: answers(attempt.questions.map((q) => q.id)) });

    const [completion] = await test.dataSource.query(`SELECT user_id, completed_at, sources FROM learner_completion WHERE email = 'ian.imported@nhs.net'`);
    // The first completion's date stands; the account and this platform are added to it.
    expect(completion).toEqual({
      user_id: learner.id,
      completed_at: new Date('2026-01-15T12:00:00Z'),
      sources: [CompletionSource.ELFH, CompletionSource.PLATFORM],
    });
    expect(await stats()).toEqual({ started: before.started + 1, completed: before.completed + 1 });
    expect(await countRows(test.dataSource, 'certificate', 'user_id = $1', [learner.id])).toBe(1);
  });

  it('marks an attempt once when it is submitted twice at once, and never for another learner', async () => {
    const learner = await learnerReady();
    const attempt = await assessments.start(learner, course.slug);
    const right = answers(attempt.questions.map((q) => q.id));
    const other = await learnerReady();
    await expect(assessments.submit(other, { attemptId: attempt.id, answers: right })).rejects.toMatchObject({ reason: ElearningErrorReason.AttemptNotFound });
    await expect(assessments.submit(learner, { attemptId: attempt.id, answers: right.slice(1) })).rejects.toMatchObject({
      reason: ElearningErrorReason.InvalidAnswer,
    });

    const results = await Promise.allSettled([
      assessments.submit(learner, { attemptId: attempt.id, answers: right }),
      assessments.submit(learner, { attemptId: attempt.id, answers: right }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { reason: ElearningErrorReason.AttemptAlreadySubmitted } });
    expect(await countRows(test.dataSource, 'learner_completion', 'user_id = $1', [learner.id])).toBe(1);
  });
});
