import { Role } from '@dasv/auth';
import { countRows, createTestApp, TestApp } from '@dasv/testing';

const SLUG = 'understanding-sexual-misconduct';
const LONDON_TRUST = 'RJ1';

const COURSE = `query($slug: String!) { course(slug: $slug) { modules { id position title pages { id knowledgeChecks { id options { id } } } } } }`;
const START_COURSE = `mutation($slug: String!) { startCourse(slug: $slug) { enrolmentId } }`;
const SAVE = `mutation($i: SaveCoursePageInput!) { saveCoursePage(input: $i) { nextPageId } }`;
const ATTEMPT = `id number startedAt questions { id kind prompt options { id label } }`;
const START = `mutation($slug: String!) { startAssessment(slug: $slug) { ${ATTEMPT} } }`;
const SUBMIT = `mutation($i: SubmitAssessmentInput!) { submitAssessment(input: $i) {
  attemptId score passed passMarkPercent completedAt modulesToRevisit { id position title } } }`;
const PROGRESS = `query($slug: String!) { myCourseProgress(slug: $slug) {
  completedAt course { versionNumber } attempts { number startedAt submittedAt score passed } } }`;

interface Module {
  id: string;
  position: number;
  title: string;
  pages: Array<{ id: string; knowledgeChecks: Array<{ id: string; options: Array<{ id: string }> }> }>;
}
interface Attempt {
  id: string;
  number: number;
  questions: Array<{ id: string; kind: string; options: Array<{ id: string }> }>;
}
interface BankRow {
  id: string;
  module_id: string;
  options: Array<{ id: string; correct: boolean }>;
}
type Answer = { questionId: string; optionIds: string[] };

describe('e-learning: the final assessment and completing the course', () => {
  let app: TestApp;
  let modules: Module[];
  let bank: Map<string, BankRow>;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T09:00:00Z') });
    const { agent } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    modules = (await app.gql(agent, COURSE, { slug: SLUG })).data!.course.modules;
    const rows: BankRow[] = await app.dataSource.query(`SELECT id, module_id, options FROM assessment_question`);
    bank = new Map(rows.map((r) => [r.id, r]));
  });
  afterAll(() => app.close());

  const learner = async () => (await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] })).agent;
  const readPages = async (agent: any, pages: Module['pages']) => {
    for (const page of pages) {
      const answers = page.knowledgeChecks.map((c) => ({ checkId: c.id, optionIds: [c.options[0].id] }));
      const saved = await app.gql(agent, SAVE, { i: { slug: SLUG, pageId: page.id, answers, timeSpentSeconds: 30 } });
      expect(saved.errors).toBeUndefined();
    }
  };
  const finishCourse = async (agent: any) => {
    expect((await app.gql(agent, START_COURSE, { slug: SLUG })).errors).toBeUndefined();
    await readPages(
      agent,
      modules.flatMap((m) => m.pages),
    );
  };
  const correctIds = (questionId: string) =>
    bank
      .get(questionId)!
      .options.filter((o) => o.correct)
      .map((o) => o.id);
  const wrongIds = (questionId: string) => [bank.get(questionId)!.options.find((o) => !o.correct)!.id];
  const rightAnswers = (attempt: Attempt): Answer[] => attempt.questions.map((q) => ({ questionId: q.id, optionIds: correctIds(q.id) }));
  const attemptRow = async (id: string) => (await app.dataSource.query(`SELECT submitted_at, score, passed FROM assessment_attempt WHERE id = $1`, [id]))[0];

  it('is refused until the course is started and every page of the pinned version is complete', async () => {
    const agent = await learner();
    const notStarted = await app.gql(agent, START, { slug: SLUG });
    expect(notStarted.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ELEARNING_COURSE_NOT_STARTED' });

    expect((await app.gql(agent, START_COURSE, { slug: SLUG })).errors).toBeUndefined();
    const allButLast = modules.flatMap((m) => m.pages).slice(0, -1);
    await readPages(agent, allButLast);
    const early = await app.gql(agent, START, { slug: SLUG });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ELEARNING_PAGES_INCOMPLETE' });
    expect(await countRows(app.dataSource, 'assessment_attempt')).toBe(0);

    const unknown = await app.gql(agent, START, { slug: 'no-such-course' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ELEARNING_COURSE_NOT_FOUND' });
  });

  it('draws a stable set of questions, refuses bad answers and other learners, marks a failure, allows a retry, and completes the course on a pass', async () => {
    const agent = await learner();
    await finishCourse(agent);

    const started = await app.gql(agent, START, { slug: SLUG });
    expect(started.errors).toBeUndefined();
    const first: Attempt = started.data!.startAssessment;
    expect(first.number).toBe(1);
    expect(first.questions).toHaveLength(10);
    expect(new Set(first.questions.map((q) => q.id)).size).toBe(10);
    for (const q of first.questions) expect(bank.has(q.id)).toBe(true);
    // The answer key never leaves the server.
    expect(JSON.stringify(first)).not.toMatch(/correct/i);

    // A reload (even much later) shows the same attempt, the same questions, in the same order.
    app.clock.advance(30 * 60_000);
    const reloaded = await app.gql(agent, START, { slug: SLUG });
    expect(reloaded.data!.startAssessment).toEqual(first);
    expect(await countRows(app.dataSource, 'assessment_attempt')).toBe(1);
    const open = (await app.gql(agent, PROGRESS, { slug: SLUG })).data!.myCourseProgress;
    expect(open).toMatchObject({
      completedAt: null,
      attempts: [{ number: 1, startedAt: '2026-03-02T09:00:00.000Z', submittedAt: null, score: null, passed: null }],
    });

    // Bad answers: each is refused with the field named, and the attempt stays open and unmarked.
    const right = rightAnswers(first);
    const undrawn = [...bank.keys()].find((id) => !first.questions.some((q) => q.id === id))!;
    const bad: Array<[string, Answer[]]> = [
      ['missing question', right.slice(1)],
      ['unknown option', [{ questionId: right[0].questionId, optionIds: ['z'] }, ...right.slice(1)]],
      ['question not in the attempt', [...right, { questionId: undrawn, optionIds: correctIds(undrawn) }]],
      ['question answered twice', [...right, right[0]]],
    ];
    for (const [, answers] of bad) {
      const refused = await app.gql(agent, SUBMIT, { i: { attemptId: first.id, answers } });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'ELEARNING_INVALID_ANSWER',
        fields: { answers: expect.any(Array) },
      });
    }
    const malformed = await app.gql(agent, SUBMIT, { i: { attemptId: 'not-an-id', answers: right } });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { attemptId: expect.any(Array) } });
    expect(await attemptRow(first.id)).toEqual({ submitted_at: null, score: null, passed: null });

    // Another learner cannot submit this attempt, even with the right answers: it does not exist for them.
    const other = await learner();
    const foreign = await app.gql(other, SUBMIT, { i: { attemptId: first.id, answers: right } });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ELEARNING_ATTEMPT_NOT_FOUND' });
    expect(await attemptRow(first.id)).toEqual({ submitted_at: null, score: null, passed: null });

    // Three wrong answers: 70%, under the 80% pass mark; the modules teaching them are named, in course order.
    const wrongly = first.questions.slice(0, 3).map((q) => q.id);
    const failing = right.map((a) => (wrongly.includes(a.questionId) ? { questionId: a.questionId, optionIds: wrongIds(a.questionId) } : a));
    // A multiple-choice answer with every right option plus a wrong one is still wrong.
    const multiple = first.questions.slice(3).find((q) => q.kind === 'MULTIPLE');
    let expectedScore = 70;
    if (multiple) {
      const i = failing.findIndex((a) => a.questionId === multiple.id);
      failing[i] = { questionId: multiple.id, optionIds: [...correctIds(multiple.id), ...wrongIds(multiple.id)] };
      wrongly.push(multiple.id);
      expectedScore = 60;
    }
    app.clock.advance(60_000);
    const failed = await app.gql(agent, SUBMIT, { i: { attemptId: first.id, answers: failing } });
    expect(failed.errors).toBeUndefined();
    const revisit = modules
      .filter((m) => wrongly.some((id) => bank.get(id)!.module_id === m.id))
      .map((m) => ({ id: m.id, position: m.position, title: m.title }));
    expect(revisit.length).toBeGreaterThan(0);
    expect(failed.data!.submitAssessment).toEqual({
      attemptId: first.id,
      score: expectedScore,
      passed: false,
      passMarkPercent: 80,
      completedAt: null,
      modulesToRevisit: revisit,
    });

    // A marked attempt cannot be submitted again.
    const twice = await app.gql(agent, SUBMIT, { i: { attemptId: first.id, answers: right } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ELEARNING_ATTEMPT_ALREADY_SUBMITTED' });
    expect(await attemptRow(first.id)).toMatchObject({ score: expectedScore, passed: false });

    // The retry is a new attempt with a fresh draw.
    app.clock.advance(60_000);
    const second: Attempt = (await app.gql(agent, START, { slug: SLUG })).data!.startAssessment;
    expect(second.number).toBe(2);
    expect(second.id).not.toBe(first.id);
    expect(second.questions).toHaveLength(10);

    app.clock.advance(60_000);
    const passedAt = app.clock.now();
    const passed = await app.gql(agent, SUBMIT, { i: { attemptId: second.id, answers: rightAnswers(second) } });
    expect(passed.errors).toBeUndefined();
    expect(passed.data!.submitAssessment).toEqual({
      attemptId: second.id,
      score: 100,
      passed: true,
      passMarkPercent: 80,
      completedAt: passedAt.toISOString(),
      modulesToRevisit: [],
    });

    // Completion is recorded on the enrolment, against the version the learner was pinned to.
    const [published] = await app.dataSource.query(`SELECT id FROM course_version WHERE status = 'PUBLISHED'`);
    const enrolment = async () =>
      (
        await app.dataSource.query(
          `SELECT e.completed_at, e.version_id FROM course_enrolment e JOIN assessment_attempt a ON a.enrolment_id = e.id WHERE a.id = $1`,
          [second.id],
        )
      )[0];
    expect(await enrolment()).toEqual({ completed_at: passedAt, version_id: published.id });

    // A later failed attempt cannot un-complete the course, nor move the completion date.
    app.clock.advance(24 * 3600_000);
    const third: Attempt = (await app.gql(agent, START, { slug: SLUG })).data!.startAssessment;
    const allWrong = third.questions.map((q) => ({ questionId: q.id, optionIds: wrongIds(q.id) }));
    const later = await app.gql(agent, SUBMIT, { i: { attemptId: third.id, answers: allWrong } });
    expect(later.data!.submitAssessment).toMatchObject({ score: 0, passed: false, completedAt: passedAt.toISOString() });
    expect(await enrolment()).toEqual({ completed_at: passedAt, version_id: published.id });

    const progress = (await app.gql(agent, PROGRESS, { slug: SLUG })).data!.myCourseProgress;
    expect(progress.completedAt).toBe(passedAt.toISOString());
    expect(progress.course.versionNumber).toBe(1);
    expect(progress.attempts.map((a: any) => [a.number, a.score, a.passed, a.submittedAt !== null])).toEqual([
      [1, expectedScore, false, true],
      [2, 100, true, true],
      [3, 0, false, true],
    ]);
    expect(progress.attempts[1].submittedAt).toBe(passedAt.toISOString());
  });
});
