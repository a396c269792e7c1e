import type TestAgent from 'supertest/lib/agent';
import { escapeHtml, MAX_SECONDS_PER_VISIT } from '@dasv/elearning';
import { countRows, createTestApp, createUser, Role, TestApp } from '@dasv/testing';

const SLUG = 'understanding-sexual-misconduct';
const COURSE_URL = `/training/courses/${SLUG}`;
const LONDON_TRUST = 'RJ1';

const COURSE = `query($slug: String!) { course(slug: $slug) { modules { id position title pages { id title knowledgeChecks { id kind options { id } } } } } }`;
const MY_PROGRESS = `query($slug: String!) { myCourseProgress(slug: $slug) { currentModulePosition currentPage { id title } pagesCompleted totalPages completedAt } }`;
const START_COURSE = `mutation($slug: String!) { startCourse(slug: $slug) { enrolmentId } }`;
const SAVE = `mutation($i: SaveCoursePageInput!) { saveCoursePage(input: $i) { nextPageId } }`;

interface Check {
  id: string;
  kind: 'SINGLE' | 'MULTIPLE';
  options: Array<{ id: string }>;
}
interface Page {
  id: string;
  title: string;
  knowledgeChecks: Check[];
}
interface Module {
  id: string;
  position: number;
  title: string;
  pages: Page[];
}
type Key = Map<string, { correct: string[]; wrong: string }>;

const pageUrl = (pageId: string) => `${COURSE_URL}/pages/${pageId}`;

/** What a form on one of the pages carries, read from its HTML as a browser would see it. */
function formOf(html: string) {
  const questions = new Map<string, { type: string; values: string[]; checked: string[] }>();
  for (const m of html.matchAll(
    /<input class="nhsuk-(?:radios|checkboxes)__input" id="[^"]+" name="answer-([^"]+)" type="(radio|checkbox)" value="([^"]*)"( checked)?/g,
  )) {
    const question = questions.get(m[1]) ?? { type: m[2], values: [], checked: [] };
    question.values.push(m[3]);
    if (m[4]) question.checked.push(m[3]);
    questions.set(m[1], question);
  }
  return {
    csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1],
    shownAt: /name="shownAt" value="([^"]+)"/.exec(html)?.[1],
    attemptId: /name="attemptId" value="([^"]+)"/.exec(html)?.[1],
    questions,
  };
}

function continueHref(html: string): string | undefined {
  return /<a\s[^>]*href="([^"]+)"[^>]*>\s*Continue(?: to the assessment)?\s*<\/a>/.exec(html)?.[1];
}

/** The templates' output with each run of whitespace as one space. */
function squashed(html: string): string {
  return html.replace(/\s+/g, ' ');
}

function errorSummary(html: string): string[] {
  const summary = /nhsuk-error-summary__list[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<li>\s*(?:<a href="(#[^"]+)">)?\s*([^<]+?)\s*(?:<\/a>\s*)?<\/li>/g)].map((m) => (m[1] ? `${m[2]} ${m[1]}` : m[2]));
}

describe('the learner’s course pages over HTTP, without JavaScript', () => {
  let app: TestApp;
  let modules: Module[];
  let checkKey: Key;
  let bankKey: Key;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T09:00:00Z') });
    const { agent } = await app.signedIn({ odsCode: LONDON_TRUST, roles: [{ role: Role.LEARNER }] });
    modules = (await app.gql(agent, COURSE, { slug: SLUG })).data!.course.modules;
    const keyOf = (rows: Array<{ id: string; options: Array<{ id: string; correct: boolean }> }>): Key =>
      new Map(rows.map((r) => [r.id, { correct: r.options.filter((o) => o.correct).map((o) => o.id), wrong: r.options.find((o) => !o.correct)!.id }]));
    checkKey = keyOf(await app.dataSource.query(`SELECT id, options FROM knowledge_check`));
    bankKey = keyOf(await app.dataSource.query(`SELECT id, options FROM assessment_question`));
  });
  afterAll(() => app?.close());

  const pageAt = (module: number, page: number) => modules[module - 1].pages[page - 1];
  const allPages = () => modules.flatMap((m) => m.pages);

  async function signIn(agent: TestAgent, email: string, password: string, next?: string) {
    const { csrf } = formOf((await agent.get('/sign-in').expect(200)).text);
    return agent
      .post(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`)
      .type('form')
      .send({ _csrf: csrf, email, password })
      .expect(303);
  }

  async function signedInLearner(name = 'Lara Learner') {
    const user = await createUser(app.dataSource, { odsCode: LONDON_TRUST, name, roles: [{ role: Role.LEARNER }] });
    const agent = app.client();
    await signIn(agent, user.email, user.password);
    return { agent, user };
  }

  async function startCourse(agent: TestAgent) {
    const { csrf } = formOf((await agent.get(COURSE_URL).expect(200)).text);
    return agent.post(`${COURSE_URL}/resume`).type('form').send({ _csrf: csrf }).expect(303);
  }

  /** Reads a page as a learner would: some time on it, an answer to each question, Next, and Continue after any feedback. */
  async function readPage(agent: TestAgent, url: string, seconds = 90): Promise<string> {
    const form = formOf((await agent.get(url).expect(200)).text);
    app.clock.advance(seconds * 1000);
    const answers = Object.fromEntries([...form.questions.keys()].map((id) => [`answer-${id}`, checkKey.get(id)!.correct]));
    const saved = await agent
      .post(url)
      .type('form')
      .send({ _csrf: form.csrf, shownAt: form.shownAt, ...answers })
      .expect(303);
    if (saved.headers.location !== url) return saved.headers.location;
    const feedback = await agent.get(url).expect(200);
    expect(feedback.text).toContain('Your answers');
    return continueHref(feedback.text)!;
  }

  it('resumes exactly where the learner stopped, page 4 of module 2, after signing out and in on another device', async () => {
    const { agent, user } = await signedInLearner();
    const training = await agent.get('/training').expect(200);
    expect(training.text).toContain('Understanding sexual misconduct in the workplace');
    expect(training.text).toContain('Not started');
    expect(training.headers['cache-control']).toBe('no-store');

    // No way into the course's content before its content warning.
    expect((await agent.get(pageUrl(pageAt(1, 1).id)).expect(303)).headers.location).toBe(COURSE_URL);
    expect((await agent.get(`${COURSE_URL}/resume`).expect(303)).headers.location).toBe(COURSE_URL);
    const overview = (await agent.get(COURSE_URL).expect(200)).text;
    const warning = overview.indexOf('Content warning');
    expect(warning).toBeGreaterThan(overview.indexOf('<h1>'));
    expect(warning).toBeLessThan(overview.indexOf('What the course covers'));
    expect(overview).toMatch(/You can pause at any time/);
    expect(overview).toContain('<a href="tel:08085002222">0808 500 2222</a>');
    expect(overview).toContain('Start the course');

    const started = await startCourse(agent);
    expect(started.headers.location).toBe(pageUrl(pageAt(1, 1).id));

    const stopAt = pageAt(2, 4);
    let url = started.headers.location;
    const read: string[] = [];
    while (url !== pageUrl(stopAt.id)) {
      read.push(url);
      url = await readPage(agent, url);
    }
    expect(read).toEqual([...modules[0].pages, ...modules[1].pages.slice(0, 3)].map((p) => pageUrl(p.id)));
    // Time comes from the server's clock between showing the page and its Next, not from the browser.
    expect(await app.dataSource.query(`SELECT DISTINCT time_spent_seconds AS t FROM page_progress`)).toEqual([{ t: 90 }]);

    const stopped = (await agent.get(url).expect(200)).text;
    expect(stopped).toContain(`<h1>${stopAt.title}</h1>`);
    expect(stopped).toMatch(/Module 2 of \d+: Sexual safety in the NHS/);
    expect(stopped).toMatch(new RegExp(`Page ${read.length + 1} of ${allPages().length}\\.`));
    expect(stopped).toMatch(/Page 4 of \d+ in this module, 3 completed\./);
    expect(stopped).toContain(`href="${pageUrl(pageAt(2, 3).id)}"`); // Back
    expect((await agent.get('/training').expect(200)).text).toMatch(new RegExp(`In progress[\\s\\S]*${read.length} of ${allPages().length} pages completed`));
    const locked = (await agent.get(`${COURSE_URL}/assessment`).expect(200)).text;
    expect(locked).toContain('Complete the course before the assessment');
    expect(locked).toContain(`href="${pageUrl(stopAt.id)}"`);

    const { csrf } = formOf(stopped);
    expect((await agent.post('/sign-out').type('form').send({ _csrf: csrf }).expect(303)).headers.location).toBe('/signed-out');
    expect((await agent.get('/training').expect(303)).headers.location).toBe('/sign-in?next=%2Ftraining');

    // Another device: nothing shared with the first but the account.
    const other = app.client();
    const resume = `${COURSE_URL}/resume`;
    expect((await other.get(resume).expect(303)).headers.location).toBe(`/sign-in?next=${encodeURIComponent(resume)}`);
    expect((await signIn(other, user.email, user.password, resume)).headers.location).toBe(resume);
    expect((await other.get(resume).expect(303)).headers.location).toBe(pageUrl(stopAt.id));
    const progress = (await app.gql(other, MY_PROGRESS, { slug: SLUG })).data!.myCourseProgress;
    expect(progress).toEqual({
      currentModulePosition: 2,
      currentPage: { id: stopAt.id, title: stopAt.title },
      pagesCompleted: read.length,
      totalPages: allPages().length,
      completedAt: null,
    });
  });

  it('saves on Next without JavaScript: answers, feedback, time measured and capped by the server, refusals in the error summary', async () => {
    const { agent, user } = await signedInLearner('Nia Next');
    await startCourse(agent);
    const page = allPages().find((p) => p.knowledgeChecks.length === 1 && p.knowledgeChecks[0].kind === 'SINGLE')!;
    const check = page.knowledgeChecks[0];
    const url = pageUrl(page.id);
    const progressRow = async () =>
      (
        await app.dataSource.query(
          `SELECT p.answers, p.time_spent_seconds AS seconds, p.completed_at IS NOT NULL AS completed FROM page_progress p JOIN course_enrolment e ON e.id = p.enrolment_id WHERE e.user_id = $1 AND p.page_id = $2`,
          [user.id, page.id],
        )
      )[0];

    const form = formOf((await agent.get(url).expect(200)).text);
    expect(form.questions.get(check.id)).toMatchObject({ type: 'radio', checked: [] });
    app.clock.advance(120_000);
    const wrong = checkKey.get(check.id)!.wrong;
    expect(
      (
        await agent
          .post(url)
          .type('form')
          .send({ _csrf: form.csrf, shownAt: form.shownAt, [`answer-${check.id}`]: wrong })
          .expect(303)
      ).headers.location,
    ).toBe(url);
    expect(await progressRow()).toEqual({ answers: { [check.id]: [wrong] }, seconds: 120, completed: true });

    const feedback = (await agent.get(url).expect(200)).text;
    expect(feedback).toContain('Not quite');
    expect(feedback).toMatch(/The right answer is: <strong>/);
    const [{ feedback: explanation }] = await app.dataSource.query(`SELECT feedback FROM knowledge_check WHERE id = $1`, [check.id]);
    expect(feedback).toContain(`<p>${escapeHtml(explanation)}</p>`);
    const next = allPages()[allPages().indexOf(page) + 1];
    expect(continueHref(feedback)).toBe(pageUrl(next.id));
    // The feedback is shown once; coming back shows the page, with the answer given ticked.
    const again = formOf((await agent.get(url).expect(200)).text);
    expect(again.questions.get(check.id)!.checked).toEqual([wrong]);

    // The right answer, after a long lunch: the visit counts for the cap, not for the hours.
    app.clock.advance(3 * 60 * 60 * 1000);
    const right = checkKey.get(check.id)!.correct;
    await agent
      .post(url)
      .type('form')
      .send({ _csrf: again.csrf, shownAt: again.shownAt, [`answer-${check.id}`]: right })
      .expect(303);
    expect(await progressRow()).toMatchObject({ answers: { [check.id]: right }, seconds: 120 + MAX_SECONDS_PER_VISIT });
    expect((await agent.get(url).expect(200)).text).toContain('Correct');

    // A stamp claiming an earlier start, or one made for another page, adds nothing.
    const forms = formOf((await agent.get(url).expect(200)).text);
    const otherPage = formOf((await agent.get(pageUrl(pageAt(1, 1).id)).expect(200)).text);
    app.clock.advance(60_000);
    const [, signature] = forms.shownAt!.split('.');
    for (const shownAt of [`${Date.parse('2026-01-01T00:00:00Z')}.${signature}`, otherPage.shownAt, 'yesterday', '']) {
      await agent
        .post(url)
        .type('form')
        .send({ _csrf: forms.csrf, shownAt, [`answer-${check.id}`]: right })
        .expect(303);
    }
    expect((await progressRow()).seconds).toBe(120 + MAX_SECONDS_PER_VISIT);

    // Two answers to a one-answer question (a crafted request): refused, shown at the question, nothing written.
    const before = await progressRow();
    const crafted = await agent
      .post(url)
      .type('form')
      .send(`_csrf=${encodeURIComponent(forms.csrf!)}&shownAt=${encodeURIComponent(forms.shownAt!)}&answer-${check.id}=${right[0]}&answer-${check.id}=${wrong}`)
      .expect(303);
    expect(crafted.headers.location).toBe(url);
    const refused = (await agent.get(url).expect(200)).text;
    expect(refused).toContain('<title>Error: ');
    expect(errorSummary(refused)).toEqual([`Choose one answer to question 1 #answer-${check.id}`]);
    expect(squashed(refused)).toMatch(
      new RegExp(
        `<span class="nhsuk-error-message" id="answer-${check.id}-error"> ?<span class="nhsuk-u-visually-hidden">Error: </span>Choose one answer to question 1 ?</span>`,
      ),
    );
    expect(formOf(refused).questions.get(check.id)!.checked.sort()).toEqual([right[0], wrong].sort());
    expect(await progressRow()).toEqual(before);
    // An option the question does not have, and a question from another page, likewise.
    const foreign = allPages().find((p) => p.id !== page.id && p.knowledgeChecks.length)!.knowledgeChecks[0];
    await agent
      .post(url)
      .type('form')
      .send({ _csrf: forms.csrf, [`answer-${check.id}`]: 'zz' })
      .expect(303);
    expect(errorSummary((await agent.get(url)).text)).toEqual([`Choose from the answers given to question 1 #answer-${check.id}`]);
    await agent
      .post(url)
      .type('form')
      .send({ _csrf: forms.csrf, [`answer-${foreign.id}`]: foreign.options[0].id })
      .expect(303);
    expect(errorSummary((await agent.get(url)).text)).toEqual([`Answer only the questions on this page #answer-${check.id}`]);
    expect(await progressRow()).toEqual(before);

    // A page without questions goes straight on to the next page.
    const plain = pageAt(1, 1);
    const plainForm = formOf((await agent.get(pageUrl(plain.id)).expect(200)).text);
    expect((await agent.post(pageUrl(plain.id)).type('form').send({ _csrf: plainForm.csrf, shownAt: plainForm.shownAt }).expect(303)).headers.location).toBe(
      pageUrl(pageAt(1, 2).id),
    );

    // No form token, no save; a page of no version is not found; a malformed address is a bad request.
    await agent
      .post(url)
      .type('form')
      .send({ shownAt: forms.shownAt, [`answer-${check.id}`]: right })
      .expect(403);
    expect((await agent.get(pageUrl('00000000-0000-4000-8000-000000000000')).expect(404)).text).toContain('There is no such page');
    await agent.get(pageUrl('not-a-page')).expect(400);
    await agent.get('/training/courses/no-such-course').expect(404);
  });

  it('takes the assessment through the pages: refused when incomplete, failed with modules to revisit, then passed with the certificate link', async () => {
    const { agent, user } = await signedInLearner('Asha Assessed');
    expect((await app.gql(agent, START_COURSE, { slug: SLUG })).errors).toBeUndefined();
    for (const page of allPages()) {
      const answers = page.knowledgeChecks.map((c) => ({ checkId: c.id, optionIds: checkKey.get(c.id)!.correct }));
      expect((await app.gql(agent, SAVE, { i: { slug: SLUG, pageId: page.id, answers, timeSpentSeconds: 30 } })).errors).toBeUndefined();
    }
    const overview = (await agent.get(COURSE_URL).expect(200)).text;
    expect(overview).toContain(`href="${COURSE_URL}/assessment"`);

    const ready = (await agent.get(`${COURSE_URL}/assessment`).expect(200)).text;
    expect(ready).toContain('Start the assessment');
    expect(ready).toContain('The assessment has 10 questions');
    expect(
      (
        await agent
          .post(`${COURSE_URL}/assessment/start`)
          .type('form')
          .send({ _csrf: formOf(ready).csrf })
          .expect(303)
      ).headers.location,
    ).toBe(`${COURSE_URL}/assessment`);
    const first = formOf((await agent.get(`${COURSE_URL}/assessment`).expect(200)).text);
    expect(first.questions.size).toBe(10);
    // Starting again while an attempt is open draws nothing new: the same questions come back.
    await agent.post(`${COURSE_URL}/assessment/start`).type('form').send({ _csrf: first.csrf }).expect(303);
    expect([...formOf((await agent.get(`${COURSE_URL}/assessment`)).text).questions.keys()]).toEqual([...first.questions.keys()]);
    expect(await countRows(app.dataSource, 'assessment_attempt a JOIN course_enrolment e ON e.id = a.enrolment_id', 'e.user_id = $1', [user.id])).toBe(1);

    const ids = [...first.questions.keys()];
    const answersWith = (pick: (id: string) => string[]) => Object.fromEntries(ids.map((id) => [`answer-${id}`, pick(id)]));

    // One left unanswered: pointed out, the other answers kept, nothing marked.
    const partial = answersWith((id) => [bankKey.get(id)!.wrong]);
    delete partial[`answer-${ids[6]}`];
    await agent
      .post(`${COURSE_URL}/assessment`)
      .type('form')
      .send({ _csrf: first.csrf, attemptId: first.attemptId, ...partial })
      .expect(303);
    const unanswered = (await agent.get(`${COURSE_URL}/assessment`).expect(200)).text;
    expect(errorSummary(unanswered)).toEqual([`Choose an answer to question 7 #answer-${ids[6]}`]);
    expect(formOf(unanswered).questions.get(ids[0])!.checked).toEqual([bankKey.get(ids[0])!.wrong]);
    expect(await countRows(app.dataSource, 'assessment_attempt', 'id = $1 AND submitted_at IS NULL', [first.attemptId])).toBe(1);

    // All wrong: not passed, with the modules to look at again, each linked to its first page.
    const failed = await agent
      .post(`${COURSE_URL}/assessment`)
      .type('form')
      .send({ _csrf: first.csrf, attemptId: first.attemptId, ...answersWith((id) => [bankKey.get(id)!.wrong]) })
      .expect(303);
    expect(failed.headers.location).toBe(`${COURSE_URL}/assessment/result`);
    const failure = (await agent.get(`${COURSE_URL}/assessment/result`).expect(200)).text;
    expect(failure).toContain('You did not pass this time');
    expect(failure).toContain('You scored 0%. The pass mark is 80%.');
    const drawnModules: string[] = await app.dataSource
      .query(`SELECT DISTINCT module_id FROM assessment_question WHERE id = ANY($1)`, [ids])
      .then((rows) => rows.map((r: { module_id: string }) => r.module_id));
    const revisit = modules.filter((m) => drawnModules.includes(m.id));
    const links = [...failure.matchAll(/<li><a href="([^"]+)">Module (\d+): /g)].map((m) => [m[1], Number(m[2])]);
    expect(links).toEqual(revisit.map((m) => [pageUrl(m.pages[0].id), m.position]));
    expect(failure).toContain('Try again');
    // The result is shown once; a reload goes back to the assessment and its attempts.
    expect((await agent.get(`${COURSE_URL}/assessment/result`).expect(303)).headers.location).toBe(`${COURSE_URL}/assessment`);
    // The same attempt cannot be submitted twice (a second tab): said on the assessment page.
    await agent
      .post(`${COURSE_URL}/assessment`)
      .type('form')
      .send({ _csrf: first.csrf, attemptId: first.attemptId, ...answersWith((id) => bankKey.get(id)!.correct) })
      .expect(303);
    const again = (await agent.get(`${COURSE_URL}/assessment`).expect(200)).text;
    expect(again).toContain('This attempt has already been submitted');
    expect(again).toMatch(/<td class="nhsuk-table__cell nhsuk-table__cell--numeric">0%<\/td>/);

    // Try again: a new attempt, all right this time.
    await agent
      .post(`${COURSE_URL}/assessment/start`)
      .type('form')
      .send({ _csrf: formOf(failure).csrf })
      .expect(303);
    const second = formOf((await agent.get(`${COURSE_URL}/assessment`).expect(200)).text);
    expect(second.attemptId).not.toBe(first.attemptId);
    app.clock.set(new Date('2026-03-03T10:15:00Z'));
    const answers = Object.fromEntries([...second.questions.keys()].map((id) => [`answer-${id}`, bankKey.get(id)!.correct]));
    await agent
      .post(`${COURSE_URL}/assessment`)
      .type('form')
      .send({ _csrf: second.csrf, attemptId: second.attemptId, ...answers })
      .expect(303);
    const success = (await agent.get(`${COURSE_URL}/assessment/result`).expect(200)).text;
    expect(squashed(success)).toMatch(/<h1 class="nhsuk-panel__heading[^"]*"> ?You have completed the course ?<\/h1>/);
    expect(success).toContain('You scored 100%. The pass mark is 80%.');
    expect(success).toContain('on 3 March 2026');
    expect(success).toContain(`<a href="${COURSE_URL}/certificate.pdf">Download your certificate (PDF)</a>`);
    expect(await countRows(app.dataSource, 'learner_completion', 'user_id = $1', [user.id])).toBe(1);

    const training = (await agent.get('/training').expect(200)).text;
    expect(training).toContain('Completed on 3 March 2026');
    expect(training).toContain(`href="${COURSE_URL}/certificate.pdf"`);
    const completed = (await agent.get(`${COURSE_URL}/assessment`).expect(200)).text;
    expect(completed).toContain('You completed this course on 3 March 2026');
    expect(completed).toContain('Practise the assessment');
  });
});
