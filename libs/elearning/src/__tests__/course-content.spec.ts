import { assertWellFormed, CourseContent, renderBlocks } from '../content/course-content';
import { UNDERSTANDING_SEXUAL_MISCONDUCT_V1 } from '../content/understanding-sexual-misconduct.v1';
import { QuestionKind } from '../question-kind';

describe('course content', () => {
  it('renders text blocks with every character escaped, so no markup can be smuggled into a page', () => {
    const html = renderBlocks([{ h2: 'Tom & Jerry' }, { p: '<script>alert("x")</script>' }, { ul: ['<img src=x onerror=alert(1)>', "it's"] }]);
    expect(html).toBe(
      '<h2>Tom &amp; Jerry</h2>\n<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n<ul><li>&lt;img src=x onerror=alert(1)&gt;</li><li>it&#39;s</li></ul>',
    );
  });

  it('accepts the seeded course: every question answerable, enough questions for the assessment', () => {
    expect(() => assertWellFormed(UNDERSTANDING_SEXUAL_MISCONDUCT_V1)).not.toThrow();
    expect(UNDERSTANDING_SEXUAL_MISCONDUCT_V1.questionBank.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses a single-choice question with two right answers, repeated option ids, or too small a bank', () => {
    const broken: CourseContent = {
      ...UNDERSTANDING_SEXUAL_MISCONDUCT_V1,
      assessmentSize: 50,
      questionBank: [
        {
          module: 1,
          kind: QuestionKind.SINGLE,
          prompt: 'Which?',
          options: [
            { id: 'a', label: 'One', correct: true },
            { id: 'a', label: 'Two', correct: true },
          ],
        },
      ],
    };
    expect(() => assertWellFormed(broken)).toThrow(/option ids repeat.*exactly one correct option.*fewer than 50 questions/);
  });
});
