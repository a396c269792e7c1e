import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { TransactionRunnerService } from '@dasv/database';
import { CourseContent, CoursePublisherService, QuestionKind } from '@dasv/elearning';
import { axeViolations, createTestApp, createUser, journeyBudget, launchBrowser, Role, serve, TestApp } from '@dasv/testing';

const { SINGLE, MULTIPLE } = QuestionKind;

/** Two modules, three pages, two knowledge checks and a bank of three: the whole journey in a few pages. */
const SHORT_COURSE: CourseContent = {
  slug: 'sexual-safety-in-brief',
  title: 'Sexual safety in brief',
  version: 1,
  summary: 'A short introduction to recognising sexual misconduct and responding when someone tells you about it.',
  contentWarning: 'This course mentions sexual harassment and assault. You can pause at any time; support is listed on every page.',
  supportText: 'The Rape and Sexual Abuse Support Line is free and open 24 hours a day, every day: call 0808 500 2222.',
  passMarkPercent: 80,
  assessmentSize: 2,
  modules: [
    {
      title: 'Recognising it',
      pages: [
        {
          title: 'What it is',
          body: [{ p: 'Sexual misconduct is unwanted behaviour of a sexual nature.' }],
          checks: [
            {
              kind: SINGLE,
              prompt: 'Does a joke stop unwanted sexual comments being harassment?',
              options: [
                { id: 'no', label: 'No', correct: true },
                { id: 'yes', label: 'Yes', correct: false },
              ],
              feedback: 'What matters is that the conduct is unwanted and its effect on the person.',
            },
          ],
        },
        { title: 'Where it happens', body: [{ p: 'It can happen anywhere people work, including online.' }] },
      ],
    },
    {
      title: 'Responding',
      pages: [
        {
          title: 'When someone tells you',
          body: [{ h2: 'Listen first' }, { ul: ['Listen without judging', 'Believe them', 'Tell them about support'] }],
          checks: [
            {
              kind: MULTIPLE,
              prompt: 'Which of these help when someone tells you?',
              options: [
                { id: 'listen', label: 'Listening without judging', correct: true },
                { id: 'doubt', label: 'Asking whether they are sure', correct: false },
                { id: 'support', label: 'Telling them where to find support', correct: true },
              ],
              feedback: 'Listen, believe and signpost support; do not question their account.',
            },
          ],
        },
      ],
    },
  ],
  questionBank: [
    {
      module: 1,
      kind: SINGLE,
      prompt: 'Is unwanted touching sexual misconduct?',
      options: [
        { id: 'yes', label: 'Yes', correct: true },
        { id: 'no', label: 'No', correct: false },
      ],
    },
    {
      module: 2,
      kind: SINGLE,
      prompt: 'What should you do first when someone tells you?',
      options: [
        { id: 'listen', label: 'Listen', correct: true },
        { id: 'report', label: 'Report them at once', correct: false },
      ],
    },
    {
      module: 2,
      kind: MULTIPLE,
      prompt: 'Where can someone find support?',
      options: [
        { id: 'line', label: 'The 24-hour support line', correct: true },
        { id: 'sarc', label: 'A sexual assault referral centre', correct: true },
        { id: 'none', label: 'Nowhere', correct: false },
      ],
    },
  ],
};

const NHS_FOCUS_YELLOW = 'rgb(255, 235, 59)';

describe('taking a short course from sign-in to certificate with only the keyboard', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let key: Map<string, { correct: string[]; wrong: string[] }>;

  beforeAll(async () => {
    app = await createTestApp({ now: new Date('2026-03-02T09:00:00Z') });
    [baseUrl, browser] = await Promise.all([serve(app), launchBrowser()]);
    await app.api.get(TransactionRunnerService).run((manager) => app.api.get(CoursePublisherService).publish(manager, SHORT_COURSE));
    const rows: Array<{ id: string; options: Array<{ id: string; correct: boolean }> }> = await app.dataSource.query(
      `SELECT id, options FROM knowledge_check UNION ALL SELECT id, options FROM assessment_question`,
    );
    key = new Map(rows.map((r) => [r.id, { correct: r.options.filter((o) => o.correct).map((o) => o.id), wrong: [r.options.find((o) => !o.correct)!.id] }]));
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Tab (or Shift+Tab) until `isTarget`, and fail rather than loop for ever when it cannot be reached. */
  async function tabUntil(isTarget: () => Promise<boolean>, what: string, keyName = 'Tab'): Promise<void> {
    for (let presses = 0; presses < 80; presses++) {
      if (await isTarget()) return;
      await page.keyboard.press(keyName);
    }
    throw new Error(`could not reach ${what} with the keyboard`);
  }

  const tabTo = (target: Locator, what: string) => tabUntil(() => target.evaluate((el) => el === el.ownerDocument.activeElement), what);
  const focused = async (attribute: 'name' | 'value') => ((await page.locator(':focus').count()) ? page.locator(':focus').getAttribute(attribute) : null);
  const backgroundOf = (target: Locator) => target.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);

  /** Presses a key that navigates (following a link, submitting a form) and waits for the next page. */
  async function pressAndWait(keyName = 'Enter'): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.keyboard.press(keyName)]);
  }

  async function expectPage(heading: string | RegExp): Promise<void> {
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(heading);
    expect(await axeViolations(page)).toEqual([]);
    // The same help in the same place on every page of the course (WCAG 2.2 3.2.6).
    await expect(page.locator('main > .nhsuk-grid-row').last().locator('#support').textContent()).resolves.toContain('0808 500 2222');
  }

  /** A radio group is one tab stop: arrow keys move within it, and Space chooses. */
  async function chooseRadio(name: string, value: string): Promise<void> {
    await tabUntil(async () => (await focused('name')) === name, `the question ${name}`);
    for (let presses = 0; presses < 10 && (await focused('value')) !== value; presses++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(page.locator(`input[name="${name}"][value="${value}"]`).isChecked()).resolves.toBe(true);
  }

  /** Each checkbox is its own tab stop; ticked in page order so that tabbing only ever goes forward. */
  async function tickCheckboxes(name: string, values: string[]): Promise<void> {
    for (const box of await page.locator(`input[name="${name}"]`).all()) {
      if (!values.includes((await box.getAttribute('value'))!)) continue;
      await tabTo(box, `the answer ${await box.getAttribute('value')}`);
      await page.keyboard.press('Space');
      await expect(box.isChecked()).resolves.toBe(true);
    }
  }

  /** Answers every question on the page (knowledge checks or the assessment) with `pick` from the answer key. */
  async function answerQuestions(pick: 'correct' | 'wrong'): Promise<void> {
    const names = [...new Set(await page.locator('input[name^="answer-"]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('name')!)))];
    for (const name of names) {
      const answers = key.get(name.slice('answer-'.length))![pick];
      if ((await page.locator(`input[name="${name}"]`).first().getAttribute('type')) === 'radio') await chooseRadio(name, answers[0]);
      else await tickCheckboxes(name, answers);
    }
  }

  async function activate(target: Locator, what: string): Promise<void> {
    await tabTo(target, what);
    await pressAndWait();
  }

  // One journey in steps that share the browser page: each step is its own test with its own budget,
  // so a slow machine shows which step was slow instead of timing out the whole journey.
  it(
    'signs in with the keyboard and opens the course',
    async () => {
      const learner = await createUser(app.dataSource, { odsCode: 'RJ1', name: 'Kai Keyboard', roles: [{ role: Role.LEARNER }] });
      await page.goto(`${baseUrl}/sign-in?next=%2Ftraining`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Sign in');
      expect(await axeViolations(page)).toEqual([]);
      await tabTo(page.locator('#email'), 'the e-mail box');
      await page.keyboard.type(learner.email);
      await tabTo(page.locator('#password'), 'the password box');
      await page.keyboard.type(learner.password);
      await pressAndWait();

      await expectPage('Training');
      await activate(page.locator('main a', { hasText: SHORT_COURSE.title }), 'the course');
    },
    journeyBudget(5),
  );

  it(
    'starts the course, and the assessment waits until every page is complete',
    async () => {
      await expectPage(SHORT_COURSE.title);
      const warning = await page
        .locator('main')
        .evaluate((main) => main.textContent!.indexOf('Content warning') < main.textContent!.indexOf('What the course covers'));
      expect(warning).toBe(true);
      const start = page.locator('main button', { hasText: 'Start the course' });
      await tabTo(start, 'Start the course');
      // The NHS.UK focus style: yellow behind the focused control, so a keyboard user can see where they are.
      await expect(backgroundOf(start)).resolves.toBe(NHS_FOCUS_YELLOW);
      await pressAndWait();

      // Module 1, page 1. The assessment waits until every page is complete, and says where to carry on.
      await expectPage('What it is');
      await page.goto(`${baseUrl}/training/courses/${SHORT_COURSE.slug}/assessment`);
      await expectPage('Complete the course before the assessment');
      await activate(page.locator('main a', { hasText: 'Resume the course' }), 'Resume the course');
    },
    journeyBudget(6),
  );

  it(
    'answers a single-choice check and sees its feedback',
    async () => {
      // A single-choice check, then its feedback.
      await expectPage('What it is');
      await expect(page.locator('main').textContent()).resolves.toMatch(/Page 1 of 3\./);
      await answerQuestions('correct');
      await activate(page.locator('main button', { hasText: 'Next' }), 'Next');
      await expectPage('What it is');
      await expect(page.locator('main').textContent()).resolves.toContain('Correct');
      const next = page.locator('main a', { hasText: /^\s*Continue\s*$/ });
      await tabTo(next, 'Continue');
      await expect(backgroundOf(next)).resolves.toBe(NHS_FOCUS_YELLOW);
      await pressAndWait();
    },
    journeyBudget(4),
  );

  it('goes on from a page without questions', async () => {
    // A page without questions goes straight on.
    await expectPage('Where it happens');
    await activate(page.locator('main button', { hasText: 'Next' }), 'Next');
  });

  it(
    'answers a multiple-choice check partly and is told the right answers',
    async () => {
      // Module 2: a multiple-choice check, a wrong answer this time.
      await expectPage('When someone tells you');
      await expect(page.locator('main').textContent()).resolves.toMatch(/Module 2 of 2: Responding/);
      // Only some of the right answers: not quite right.
      await tickCheckboxes((await page.locator('input[name^="answer-"]').first().getAttribute('name'))!, ['listen']);
      await activate(page.locator('main button', { hasText: 'Next' }), 'Next');
      await expectPage('When someone tells you');
      await expect(page.locator('main').textContent()).resolves.toMatch(/Not quite[\s\S]*The right answers are/);
      await activate(page.locator('main a', { hasText: 'Continue to the assessment' }), 'Continue to the assessment');
    },
    journeyBudget(4),
  );

  it(
    'starts the assessment and is shown every unanswered question at once',
    async () => {
      await expectPage('Final assessment');
      await activate(page.locator('main button', { hasText: 'Start the assessment' }), 'Start the assessment');
      await expectPage('Final assessment');

      // Submitting with nothing chosen: the error summary, linked to each question.
      await activate(page.locator('main button', { hasText: 'Submit your answers' }), 'Submit your answers');
      await expectPage('Final assessment');
      await expect(page.locator('.nhsuk-error-summary li').allTextContents()).resolves.toEqual([
        expect.stringContaining('Choose an answer to question 1'),
        expect.stringContaining('Choose an answer to question 2'),
      ]);
    },
    journeyBudget(5),
  );

  it('fails the assessment and tries again', async () => {
    await answerQuestions('wrong');
    await activate(page.locator('main button', { hasText: 'Submit your answers' }), 'Submit your answers');
    await expectPage('You did not pass this time');
    await expect(page.locator('main li a').count()).resolves.toBeGreaterThan(0);
    await activate(page.locator('main button', { hasText: 'Try again' }), 'Try again');
  });

  it('passes the assessment and downloads the certificate', async () => {
    await expectPage('Final assessment');
    await answerQuestions('correct');
    await activate(page.locator('main button', { hasText: 'Submit your answers' }), 'Submit your answers');
    await expectPage('You have completed the course');
    await expect(page.locator('main').textContent()).resolves.toContain('on 2 March 2026');

    const certificate = page.locator('main a', { hasText: 'Download your certificate (PDF)' });
    await tabTo(certificate, 'the certificate link');
    await expect(certificate.getAttribute('href')).resolves.toBe(`/training/courses/${SHORT_COURSE.slug}/certificate.pdf`);
    const pdf = await context.request.get(`${baseUrl}/training/courses/${SHORT_COURSE.slug}/certificate.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
  });

  it(
    'sees the completion on the course, the assessment and the training list, axe-clean throughout',
    async () => {
      // Afterwards: the course, the assessment with its attempts, and the training list all say so.
      await activate(page.locator('main a', { hasText: 'Back to the course' }), 'Back to the course');
      await expectPage(SHORT_COURSE.title);
      await expect(page.locator('.nhsuk-task-list__status').allTextContents()).resolves.toEqual([
        expect.stringContaining('Completed'),
        expect.stringContaining('Completed'),
      ]);
      await activate(page.locator('main a', { hasText: 'Practise the assessment' }), 'Practise the assessment');
      await expectPage('Final assessment');
      await expect(page.locator('main table tbody tr').count()).resolves.toBe(2);
      await activate(page.locator('header a', { hasText: 'Training' }), 'Training in the header');
      await expectPage('Training');
      await expect(page.locator('main').textContent()).resolves.toContain('Completed on 2 March 2026');
    },
    journeyBudget(6),
  );
});
