import type TestAgent from 'supertest/lib/agent';
import type { TestApp } from './test-app';

export const SEEDED_COURSE_SLUG = 'understanding-sexual-misconduct';

const COURSE = `query($slug: String!) { course(slug: $slug) { modules { pages { id knowledgeChecks { id options { id } } } } } }`;
const START_COURSE = `mutation($slug: String!) { startCourse(slug: $slug) { enrolmentId } }`;
const SAVE_PAGE = `mutation($i: SaveCoursePageInput!) { saveCoursePage(input: $i) { nextPageId } }`;
const START_ASSESSMENT = `mutation($slug: String!) { startAssessment(slug: $slug) { id questions { id } } }`;
const SUBMIT_ASSESSMENT = `mutation($i: SubmitAssessmentInput!) { submitAssessment(input: $i) { passed completedAt } }`;

type Page = { id: string; knowledgeChecks: Array<{ id: string; options: Array<{ id: string }> }> };

function ok<T>(result: { data?: T | null; errors?: unknown[] }, step: string): T {
  if (result.errors || !result.data) throw new Error(`${step} failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** Starts a course as the signed-in learner, as a learner would: the course is then in their organisation's "started". */
export async function startCourseAsLearner(app: TestApp, agent: TestAgent, slug = SEEDED_COURSE_SLUG): Promise<void> {
  ok(await app.gql(agent, START_COURSE, { slug }), 'startCourse');
}

/**
 * Takes a course from start to a passed assessment through GraphQL, as the signed-in learner: every
 * page saved, then every question answered right (read from the question bank, which the API never
 * reveals). Returns when the completion was recorded (the test app's clock).
 */
export async function completeCourseAsLearner(app: TestApp, agent: TestAgent, slug = SEEDED_COURSE_SLUG): Promise<Date> {
  const { course } = ok<{ course: { modules: Array<{ pages: Page[] }> } }>(await app.gql(agent, COURSE, { slug }), 'course');
  await startCourseAsLearner(app, agent, slug);
  for (const page of course.modules.flatMap((m) => m.pages)) {
    const answers = page.knowledgeChecks.map((check) => ({ checkId: check.id, optionIds: [check.options[0].id] }));
    ok(await app.gql(agent, SAVE_PAGE, { i: { slug, pageId: page.id, answers, timeSpentSeconds: 30 } }), 'saveCoursePage');
  }
  const { startAssessment } = ok<{ startAssessment: { id: string; questions: Array<{ id: string }> } }>(
    await app.gql(agent, START_ASSESSMENT, { slug }),
    'startAssessment',
  );
  const bank: Array<{ id: string; options: Array<{ id: string; correct: boolean }> }> = await app.dataSource.query(
    `SELECT id, options FROM assessment_question WHERE id = ANY($1::uuid[])`,
    [startAssessment.questions.map((q) => q.id)],
  );
  const answers = bank.map((q) => ({ questionId: q.id, optionIds: q.options.filter((o) => o.correct).map((o) => o.id) }));
  const { submitAssessment } = ok<{ submitAssessment: { passed: boolean; completedAt: string | null } }>(
    await app.gql(agent, SUBMIT_ASSESSMENT, { i: { attemptId: startAssessment.id, answers } }),
    'submitAssessment',
  );
  if (!submitAssessment.passed || !submitAssessment.completedAt) throw new Error('the assessment was not passed');
  return new Date(submitAssessment.completedAt);
}
