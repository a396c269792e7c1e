import { Role } from '@dasv/auth';
import { TransactionRunnerService } from '@dasv/database';
import { countRows, createTestApp, TestApp } from '@dasv/testing';
import { CoursePublisherService } from '../course-publisher.service';
import { UNDERSTANDING_SEXUAL_MISCONDUCT_V1 } from '../content/understanding-sexual-misconduct.v1';

const SLUG = 'understanding-sexual-misconduct';
const LONDON_TRUST = 'RJ1';
const NORTH_WEST_TRUST = 'R0A';

const PAGE = `id position title bodyHtml knowledgeChecks { id kind prompt options { id label } }`;
const COURSE = `query($slug: String!) { course(slug: $slug) {
  slug title versionNumber contentWarning supportText passMarkPercent assessmentSize questionBankSize
  modules { id position title pages { ${PAGE} } } } }`;
const PROGRESS_FIELDS = `enrolmentId startedAt timeSpentSeconds pagesCompleted totalPages currentModulePosition
  currentPage { id position title } course { versionNumber modules { pages { id } } }
  pages { pageId timeSpentSeconds completedAt answers { checkId optionIds } }`;
const MY_PROGRESS = `query($slug: String!) { myCourseProgress(slug: $slug) { ${PROGRESS_FIELDS} } }`;
const START = `mutation($slug: String!) { startCourse(slug: $slug) { ${PROGRESS_FIELDS} } }`;
const SAVE = `mutation($i: SaveCoursePageInput!) { saveCoursePage(input: $i) {
  nextPageId feedback { checkId isCorrect correctOptionIds feedback } progress { ${PROGRESS_FIELDS} } } }`;

interface Check {
  id: string;
  kind: string;
  options: Array<{ id: string; label: string }>;
}
interface Page {
  id: string;
  position: number;
  title: string;
  knowledgeChecks: Check[];
}
interface Module {
  id: string;
  position: number;
  title: string;
  pages: Page[];
}

describe('e-learning: the course and a learner’s progress', () => {
  let app: TestApp;
  let modules: Module[];

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T09:00:00Z') });
    const { agent } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    const course = await app.gql(agent, COURSE, { slug: SLUG });
    expect(course.errors).toBeUndefined();
    modules = course.data!.course.modules;
  });
  afterAll(() => app.close());

  const pageAt = (module: number, page: number) => modules[module - 1].pages[page - 1];
  const checkedPages = () => modules.flatMap((m) => m.pages).filter((p) => p.knowledgeChecks.length > 0);

  it('is seeded once, with at least four modules, a bank of 12+ questions, and the support line on the version', async () => {
    const { agent } = await app.signedIn({ odsCode: NORTH_WEST_TRUST, roles: [{ role: Role.DASV_LEAD }] });
    const result = await app.gql(agent, COURSE, { slug: SLUG });
    const course = result.data!.course;
    expect(course).toMatchObject({
      slug: SLUG,
      title: 'Understanding sexual misconduct in the workplace',
      versionNumber: 1,
      passMarkPercent: 80,
      assessmentSize: 10,
    });
    expect(course.questionBankSize).toBeGreaterThanOrEqual(12);
    expect(course.supportText).toContain('0808 500 2222');
    expect(course.contentWarning).toMatch(/sexual harassment, sexual assault and rape/);
    expect(course.modules.length).toBeGreaterThanOrEqual(4);
    for (const m of course.modules as Module[]) {
      expect(m.pages.length).toBeGreaterThanOrEqual(2);
      expect(m.pages.some((p) => p.knowledgeChecks.length > 0)).toBe(true);
    }
    expect(JSON.stringify(course)).toContain('35,606');
    // The answer key never leaves the server before a learner answers.
    expect(JSON.stringify(course)).not.toMatch(/correct/i);
    expect(await countRows(app.dataSource, 'course_version')).toBe(1);
    // Body HTML is built from escaped text only.
    const html = (course.modules as Module[]).flatMap((m) => m.pages.map((p: any) => p.bodyHtml as string)).join('');
    expect(html.replace(/<\/?(p|h2|ul|li)>/g, '')).not.toMatch(/[<>]/);

    // Seeding again publishes nothing and changes nothing.
    const published = await app.api
      .get(TransactionRunnerService)
      .run((m) => app.api.get(CoursePublisherService).publish(m, UNDERSTANDING_SEXUAL_MISCONDUCT_V1));
    expect(published).toBeNull();
    expect(await countRows(app.dataSource, 'course_version')).toBe(1);
    expect(await countRows(app.dataSource, 'course_page')).toBe(course.modules.reduce((n: number, m: Module) => n + m.pages.length, 0));

    const unknown = await app.gql(agent, COURSE, { slug: 'no-such-course' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ELEARNING_COURSE_NOT_FOUND' });
    expect((await app.gql(app.client(), COURSE, { slug: SLUG })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resumes exactly where a learner stopped, with their answers, after signing in again on another device', async () => {
    const { agent, user } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    expect((await app.gql(agent, MY_PROGRESS, { slug: SLUG })).data!.myCourseProgress).toBeNull();

    const started = await app.gql(agent, START, { slug: SLUG });
    expect(started.errors).toBeUndefined();
    expect(started.data!.startCourse).toMatchObject({ currentPage: { id: pageAt(1, 1).id }, pagesCompleted: 0, course: { versionNumber: 1 } });
    // Starting again is harmless: same enrolment, same place.
    const again = await app.gql(agent, START, { slug: SLUG });
    expect(again.data!.startCourse.enrolmentId).toBe(started.data!.startCourse.enrolmentId);

    // Read every page of module 1 and the first three of module 2, answering the checks.
    const read = [...modules[0].pages, ...modules[1].pages.slice(0, 3)];
    const given = new Map<string, Array<{ checkId: string; optionIds: string[] }>>();
    for (const page of read) {
      const answers = page.knowledgeChecks.map((c) => ({ checkId: c.id, optionIds: [c.options[0].id] }));
      given.set(page.id, answers);
      app.clock.advance(60_000);
      const saved = await app.gql(agent, SAVE, { i: { slug: SLUG, pageId: page.id, answers, timeSpentSeconds: 45 } });
      expect(saved.errors).toBeUndefined();
    }
    const stopAt = pageAt(2, 4);
    expect(stopAt).toBeDefined();

    // Same user, a fresh client: nothing carried over but the account.
    const other = app.client();
    const signIn = await app.gql(other, `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, { i: { email: user.email, password: user.password } });
    expect(signIn.errors).toBeUndefined();
    const resumed = (await app.gql(other, MY_PROGRESS, { slug: SLUG })).data!.myCourseProgress;
    expect(resumed.currentPage).toEqual({ id: stopAt.id, position: 4, title: stopAt.title });
    expect(resumed.currentModulePosition).toBe(2);
    expect(resumed.pagesCompleted).toBe(read.length);
    expect(resumed.timeSpentSeconds).toBe(45 * read.length);
    expect(resumed.pages.map((p: any) => p.pageId)).toEqual(read.map((p) => p.id));
    for (const p of resumed.pages) expect(p.answers).toEqual(given.get(p.pageId));

    // Revisiting a page replaces its answers and adds to its time; it stays completed.
    const revisit = read.find((p) => p.knowledgeChecks.length > 0)!;
    const changed = revisit.knowledgeChecks.map((c) => ({ checkId: c.id, optionIds: [c.options[1].id] }));
    const saved = await app.gql(other, SAVE, { i: { slug: SLUG, pageId: revisit.id, answers: changed, timeSpentSeconds: 10 } });
    const row = saved.data!.saveCoursePage.progress.pages.find((p: any) => p.pageId === revisit.id);
    expect(row).toMatchObject({ answers: changed, timeSpentSeconds: 55, completedAt: expect.any(String) });
  });

  it('gives the right feedback for correct and wrong answers', async () => {
    const { agent } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    await app.gql(agent, START, { slug: SLUG });
    const key = await app.dataSource.query(`SELECT id, options, feedback FROM knowledge_check`);
    const keyOf = (id: string) => key.find((k: any) => k.id === id) as { options: Array<{ id: string; correct: boolean }>; feedback: string };

    const single = checkedPages().find((p) => p.knowledgeChecks[0].kind === 'SINGLE')!;
    const multiple = checkedPages().find((p) => p.knowledgeChecks[0].kind === 'MULTIPLE')!;
    for (const page of [single, multiple]) {
      const check = page.knowledgeChecks[0];
      const correct = keyOf(check.id)
        .options.filter((o) => o.correct)
        .map((o) => o.id);
      const wrong = [keyOf(check.id).options.find((o) => !o.correct)!.id];

      const right = await app.gql(agent, SAVE, {
        i: { slug: SLUG, pageId: page.id, answers: [{ checkId: check.id, optionIds: correct }], timeSpentSeconds: 5 },
      });
      expect(right.data!.saveCoursePage.feedback).toEqual([
        { checkId: check.id, isCorrect: true, correctOptionIds: correct, feedback: keyOf(check.id).feedback },
      ]);

      const notRight = await app.gql(agent, SAVE, {
        i: { slug: SLUG, pageId: page.id, answers: [{ checkId: check.id, optionIds: wrong }], timeSpentSeconds: 5 },
      });
      expect(notRight.data!.saveCoursePage.feedback).toEqual([
        { checkId: check.id, isCorrect: false, correctOptionIds: correct, feedback: keyOf(check.id).feedback },
      ]);
    }
    // For multiple choice, only some of the right answers is not right.
    const check = multiple.knowledgeChecks[0];
    const partial = [keyOf(check.id).options.filter((o) => o.correct)[0].id];
    const some = await app.gql(agent, SAVE, {
      i: { slug: SLUG, pageId: multiple.id, answers: [{ checkId: check.id, optionIds: partial }], timeSpentSeconds: 5 },
    });
    expect(some.data!.saveCoursePage.feedback[0].isCorrect).toBe(false);

    // A page whose questions are left unanswered is visited but not completed.
    const skipped = await app.gql(agent, SAVE, {
      i: { slug: SLUG, pageId: single.id === pageAt(1, 2).id ? pageAt(2, 1).id : pageAt(1, 2).id, timeSpentSeconds: 5 },
    });
    expect(skipped.data!.saveCoursePage.feedback).toEqual([]);
  });

  it('refuses a page of another version, an unknown option or a question from another page, and writes nothing', async () => {
    const { agent } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    const enrolmentId = (await app.gql(agent, START, { slug: SLUG })).data!.startCourse.enrolmentId;
    const [v0] = await app.dataSource.query(`SELECT id FROM course_version WHERE number = 1`);
    // A draft version's page: same course, not the learner's pinned version.
    const [draft] = await app.dataSource.query(
      `INSERT INTO course_version (course_id, number, status, title, summary, content_warning, support_text)
       SELECT course_id, 90, 'DRAFT', title, summary, content_warning, support_text FROM course_version WHERE id = $1 RETURNING id`,
      [v0.id],
    );
    const [mod] = await app.dataSource.query(`INSERT INTO course_module (version_id, position, title) VALUES ($1, 1, 'Draft') RETURNING id`, [draft.id]);
    const [foreign] = await app.dataSource.query(
      `INSERT INTO course_page (module_id, position, title, body_html) VALUES ($1, 1, 'Draft', '<p>Draft</p>') RETURNING id`,
      [mod.id],
    );

    const progressRows = () => countRows(app.dataSource, 'page_progress', 'enrolment_id = $1', [enrolmentId]);
    const enrolmentState = async () =>
      (await app.dataSource.query(`SELECT current_page_id, time_spent_seconds, last_active_at FROM course_enrolment WHERE id = $1`, [enrolmentId]))[0];
    const before = await enrolmentState();
    const page = checkedPages()[0];
    const check = page.knowledgeChecks[0];
    const otherPageCheck = checkedPages()[1].knowledgeChecks[0];

    const otherVersion = await app.gql(agent, SAVE, { i: { slug: SLUG, pageId: foreign.id, timeSpentSeconds: 5 } });
    expect(otherVersion.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ELEARNING_PAGE_NOT_IN_VERSION',
      fields: { pageId: expect.any(Array) },
    });

    const unknownOption = await app.gql(agent, SAVE, {
      i: { slug: SLUG, pageId: page.id, answers: [{ checkId: check.id, optionIds: ['z'] }], timeSpentSeconds: 5 },
    });
    expect(unknownOption.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ELEARNING_INVALID_ANSWER',
      fields: { answers: ['Choose from the answers given'] },
    });

    const wrongPage = await app.gql(agent, SAVE, {
      i: { slug: SLUG, pageId: page.id, answers: [{ checkId: otherPageCheck.id, optionIds: ['a'] }], timeSpentSeconds: 5 },
    });
    expect(wrongPage.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ELEARNING_INVALID_ANSWER' });

    const malformed = await app.gql(agent, SAVE, {
      i: { slug: SLUG, pageId: 'not-a-page', answers: [{ checkId: check.id, optionIds: [] }], timeSpentSeconds: -1 },
    });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(malformed.errors![0].extensions!.fields!).sort()).toEqual(['answers.0.optionIds', 'pageId', 'timeSpentSeconds']);

    expect(await progressRows()).toBe(0);
    expect(await enrolmentState()).toEqual(before);

    // Saving before starting is refused too.
    const { agent: newcomer } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    const notStarted = await app.gql(newcomer, SAVE, { i: { slug: SLUG, pageId: page.id, timeSpentSeconds: 5 } });
    expect(notStarted.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ELEARNING_COURSE_NOT_STARTED' });
    await app.dataSource.query(`DELETE FROM course_version WHERE id = $1`, [draft.id]);
  });

  it('only ever shows a learner their own progress', async () => {
    const alice = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    const bob = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.ORG_ADMIN }] });
    await app.gql(alice.agent, START, { slug: SLUG });
    const first = pageAt(1, 1);
    const aliceSave = await app.gql(alice.agent, SAVE, { i: { slug: SLUG, pageId: first.id, timeSpentSeconds: 30 } });
    const aliceEnrolment = aliceSave.data!.saveCoursePage.progress.enrolmentId;

    // Bob, an admin at the same trust, has not started: he sees nothing, not Alice's enrolment.
    expect((await app.gql(bob.agent, MY_PROGRESS, { slug: SLUG })).data!.myCourseProgress).toBeNull();
    // His own start creates his own enrolment, untouched by Alice's progress.
    const bobStart = (await app.gql(bob.agent, START, { slug: SLUG })).data!.startCourse;
    expect(bobStart.enrolmentId).not.toBe(aliceEnrolment);
    expect(bobStart).toMatchObject({ pagesCompleted: 0, timeSpentSeconds: 0, pages: [] });
    // Saving the same page writes Bob's row, never Alice's.
    await app.gql(bob.agent, SAVE, { i: { slug: SLUG, pageId: first.id, timeSpentSeconds: 7 } });
    const alices = await app.dataSource.query(`SELECT time_spent_seconds FROM page_progress WHERE enrolment_id = $1`, [aliceEnrolment]);
    expect(alices).toEqual([{ time_spent_seconds: 30 }]);
    expect((await app.gql(alice.agent, MY_PROGRESS, { slug: SLUG })).data!.myCourseProgress).toMatchObject({
      enrolmentId: aliceEnrolment,
      timeSpentSeconds: 30,
    });

    // No learner operation takes a user or enrolment id: the schema offers no way to name someone
    // else's. (Admins' reports take an organisation, and are scoped to it.)
    const schema = await app.gql(alice.agent, `{ __type(name: "Query") { fields { name args { name } } } }`);
    const learnerFields = schema.data!.__type.fields.filter((f: any) => ['course', 'myCourseProgress', 'myCertificate'].includes(f.name));
    expect(learnerFields).toHaveLength(3);
    expect(new Set(learnerFields.flatMap((f: any) => f.args.map((a: any) => a.name)))).toEqual(new Set(['slug']));
    const courseFields = schema.data!.__type.fields.filter((f: any) => /course|certificate|learner/i.test(f.name));
    for (const field of courseFields) {
      expect({ field: field.name, args: field.args.map((a: any) => a.name).filter((n: string) => /user|enrolment|email|learnerId/i.test(n)) }).toEqual({
        field: field.name,
        args: [],
      });
    }
  });

  it('pins one enrolment when two devices start at once, and answers NOT_FOUND for an unknown course', async () => {
    const { agent, user } = await app.signedIn({ odsCode: NORTH_WEST_TRUST, roles: [{ role: Role.LEARNER }] });
    const other = app.client();
    await app.gql(other, `mutation($i: SignInInput!) { signIn(input: $i) { id } }`, { i: { email: user.email, password: user.password } });
    const [a, b] = await Promise.all([app.gql(agent, START, { slug: SLUG }), app.gql(other, START, { slug: SLUG })]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.startCourse.enrolmentId).toBe(b.data!.startCourse.enrolmentId);
    expect(await countRows(app.dataSource, 'course_enrolment', 'user_id = $1', [user.id])).toBe(1);

    for (const query of [START, MY_PROGRESS]) {
      const unknown = await app.gql(agent, query, { slug: 'no-such-course' });
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ELEARNING_COURSE_NOT_FOUND' });
    }
    const malformed = await app.gql(agent, START, { slug: '../Admin' });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { slug: expect.any(Array) } });
  });

  it('keeps a learner who started on v1 on v1 after v2 is published, and starts a new learner on v2', async () => {
    const early = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    await app.gql(early.agent, START, { slug: SLUG });
    await app.gql(early.agent, SAVE, { i: { slug: SLUG, pageId: pageAt(1, 1).id, timeSpentSeconds: 20 } });

    app.clock.advance(86_400_000);
    const v2 = {
      ...UNDERSTANDING_SEXUAL_MISCONDUCT_V1,
      version: 2,
      modules: UNDERSTANDING_SEXUAL_MISCONDUCT_V1.modules.map((m, i) => (i === 0 ? { ...m, title: 'What sexual misconduct is (revised)' } : m)),
    };
    const v2Id = await app.api.get(TransactionRunnerService).run((m) => app.api.get(CoursePublisherService).publish(m, v2));
    expect(v2Id).toEqual(expect.any(String));
    expect(await app.dataSource.query(`SELECT number, status FROM course_version WHERE number IN (1, 2) ORDER BY number`)).toEqual([
      { number: 1, status: 'RETIRED' },
      { number: 2, status: 'PUBLISHED' },
    ]);

    // The early learner carries on with v1: their pages, their place, and v1 pages still save.
    const earlyProgress = (await app.gql(early.agent, MY_PROGRESS, { slug: SLUG })).data!.myCourseProgress;
    expect(earlyProgress).toMatchObject({ course: { versionNumber: 1 }, currentPage: { id: pageAt(1, 2).id }, pagesCompleted: 1 });
    expect((await app.gql(early.agent, SAVE, { i: { slug: SLUG, pageId: pageAt(1, 2).id, timeSpentSeconds: 5 } })).errors).toBeUndefined();

    // A new learner gets v2, and cannot save v1's pages.
    const late = await app.signedIn({ odsCode: NORTH_WEST_TRUST, roles: [{ role: Role.LEARNER }] });
    const lateStart = (await app.gql(late.agent, START, { slug: SLUG })).data!.startCourse;
    expect(lateStart.course.versionNumber).toBe(2);
    expect(lateStart.currentPage.id).not.toBe(pageAt(1, 1).id);
    const course = (await app.gql(late.agent, COURSE, { slug: SLUG })).data!.course;
    expect(course).toMatchObject({
      versionNumber: 2,
      modules: expect.arrayContaining([expect.objectContaining({ title: 'What sexual misconduct is (revised)' })]),
    });
    const v1Page = await app.gql(late.agent, SAVE, { i: { slug: SLUG, pageId: pageAt(1, 1).id, timeSpentSeconds: 5 } });
    expect(v1Page.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ELEARNING_PAGE_NOT_IN_VERSION' });
  });
});
