import { QuestionKind } from '../question-kind';
import { CourseContent } from './course-content';

const { SINGLE, MULTIPLE } = QuestionKind;

/**
 * "Understanding sexual misconduct in the workplace", version 1, in the platform's own words.
 * Facts are from public sources (NHS England's sexual safety charter, the Equality Act 2010, the
 * Worker Protection Act 2023 and Rape Crisis England & Wales). Learners may have lived experience
 * of what this course describes: the wording avoids graphic detail and always points to support.
 */
export const UNDERSTANDING_SEXUAL_MISCONDUCT_V1: CourseContent = {
  slug: 'understanding-sexual-misconduct',
  title: 'Understanding sexual misconduct in the workplace',
  version: 1,
  summary:
    'What sexual misconduct and sexual harassment are, how common they are in the NHS, what the Sexual Safety Charter commits your organisation to, and what you can do: respond to a disclosure, report, find support and act as a bystander.',
  contentWarning:
    'This course talks about sexual harassment, sexual assault and rape in the workplace. Some of it may be difficult to read, especially if you have been affected yourself. You can pause at any time and your progress is saved on every page. Support is listed at the foot of every page.',
  supportText:
    'If this course raises anything for you, support is available. The Rape and Sexual Abuse Support Line is free and open 24 hours a day, every day: call 0808 500 2222. Sexual assault referral centres (SARCs) offer free, confidential medical care and support whether or not you choose to report to the police. You can also speak to your line manager, your Freedom to Speak Up guardian, occupational health or your employee assistance programme. If you are in immediate danger, call 999.',
  passMarkPercent: 80,
  assessmentSize: 10,
  modules: [
    {
      title: 'What sexual misconduct is',
      pages: [
        {
          title: 'Why this matters',
          body: [
            {
              p: 'Everyone working in the NHS has the right to be safe at work. Sexual misconduct harms the people it is aimed at, the colleagues who witness it and the patients they care for.',
            },
            {
              p: 'This course helps you recognise sexual misconduct, respond well when someone tells you about it, and know where to report it and where to find support.',
            },
          ],
        },
        {
          title: 'Sexual misconduct and sexual harassment',
          body: [
            {
              p: 'Sexual misconduct is an umbrella term for unwanted behaviour of a sexual nature. It ranges from comments and jokes to touching, sexual assault and rape.',
            },
            {
              p: 'Sexual harassment is defined in the Equality Act 2010 as unwanted conduct of a sexual nature that has the purpose or effect of violating a person’s dignity, or of creating an intimidating, hostile, degrading, humiliating or offensive environment for them.',
            },
            { p: 'Examples include:' },
            {
              ul: [
                'sexual comments or jokes, including about someone’s appearance or body',
                'unwanted touching, hugging or kissing',
                'sending sexual messages or images',
                'staring or leering',
                'promising or threatening something at work in return for sexual favours',
              ],
            },
          ],
          checks: [
            {
              kind: SINGLE,
              prompt: 'A colleague repeatedly comments on a nurse’s body. The colleague says it was only a joke. Can it still be sexual harassment?',
              options: [
                { id: 'a', label: 'Yes: what matters is that the conduct is unwanted and its effect on the person', correct: true },
                { id: 'b', label: 'No: if it was meant as a joke it cannot be harassment', correct: false },
              ],
              feedback:
                'Harassment is judged by whether the conduct was unwanted and by its purpose or effect. Saying it was a joke does not change the effect on the person it was aimed at.',
            },
          ],
        },
        {
          title: 'Who it happens to, and who does it',
          body: [
            {
              p: 'Sexual misconduct can be carried out by colleagues, including senior colleagues, and by patients or visitors. Anyone can be targeted. Some groups experience it disproportionately, including women and younger staff, and sexual harassment can combine with discrimination, for example because of someone’s race, sexual orientation, gender identity or disability.',
            },
            {
              p: 'Power matters: people in training, on temporary contracts or dependent on a senior colleague for their career can find it hardest to speak up.',
            },
          ],
        },
      ],
    },
    {
      title: 'Sexual safety in the NHS',
      pages: [
        {
          title: 'The scale of the problem',
          body: [
            {
              p: '35,606 incidents of sexual misconduct were recorded by 212 NHS trusts in England between 2017 and 2022. Recorded incidents are only part of the picture: many people never report what happened to them.',
            },
            {
              p: 'Since 2023 the NHS Staff Survey has asked staff how often, in the last 12 months, they have been the target of unwanted behaviour of a sexual nature at work.',
            },
          ],
          checks: [
            {
              kind: SINGLE,
              prompt: 'Why are recorded incidents likely to understate how often sexual misconduct happens?',
              options: [
                { id: 'a', label: 'Because many people who experience it never report it', correct: true },
                { id: 'b', label: 'Because incidents involving patients are never recorded', correct: false },
                { id: 'c', label: 'They are not: every incident is recorded', correct: false },
              ],
              feedback:
                'Many people do not report sexual misconduct, for example because they fear they will not be believed or that it will affect their career. That is why a culture where reports are taken seriously matters.',
            },
          ],
        },
        {
          title: 'The Sexual Safety Charter',
          body: [
            {
              p: 'NHS England launched the sexual safety in healthcare organisational charter in September 2023. Every trust and integrated care board has signed it.',
            },
            {
              p: 'Signatories commit to a zero-tolerance approach to unwanted, inappropriate and harmful sexual behaviour in the workplace, and to ten commitments, including:',
            },
            {
              ul: [
                'working actively to eradicate sexual harassment and abuse',
                'a culture of openness that does not tolerate such behaviour',
                'support for staff who experience it',
                'clear standards of behaviour, including what witnesses are expected to do',
                'clear policies, with timely action against alleged perpetrators',
                'clear training, such as this course',
                'reporting routes, with every report taken seriously',
              ],
            },
          ],
        },
        {
          title: 'What zero tolerance means',
          body: [
            {
              p: 'Zero tolerance means that unwanted sexual behaviour is never treated as normal, as banter or as part of the job, whoever it comes from. It does not mean that every concern leads to the same outcome: it means every concern is taken seriously and acted on fairly and promptly.',
            },
          ],
        },
        {
          title: 'The law and your employer',
          body: [
            {
              p: 'Since 26 October 2024, employers in England have a legal duty, under the Worker Protection (Amendment of Equality Act 2010) Act 2023, to take reasonable steps to prevent sexual harassment of their employees.',
            },
            {
              p: 'Some sexual misconduct, such as sexual assault, is also a crime. A person can report a crime to the police as well as to their employer, or choose not to.',
            },
          ],
          checks: [
            {
              kind: MULTIPLE,
              prompt: 'Which of these are part of the commitments organisations make when they sign the Sexual Safety Charter? Choose all that apply.',
              options: [
                { id: 'a', label: 'A zero-tolerance approach to unwanted sexual behaviour', correct: true },
                { id: 'b', label: 'Clear reporting routes, with every report taken seriously', correct: true },
                { id: 'c', label: 'Acting only once the police have brought charges', correct: false },
                { id: 'd', label: 'Support for staff who experience sexual misconduct', correct: true },
              ],
              feedback:
                'The charter commits organisations to zero tolerance, support for staff, clear reporting routes and timely action. Employers act on concerns themselves; they do not wait for a criminal process.',
            },
          ],
        },
      ],
    },
    {
      title: 'Responding to a disclosure',
      pages: [
        {
          title: 'When someone tells you',
          body: [
            { p: 'If a colleague tells you about sexual misconduct, how you respond can make a lasting difference to them. You do not need to be an expert.' },
            {
              ul: [
                'Listen, and let them go at their own pace',
                'Believe them and tell them so',
                'Tell them it is not their fault',
                'Do not ask for graphic detail or question why they did or did not do something',
                'Ask what they would like to happen and what would help',
              ],
            },
          ],
          checks: [
            {
              kind: MULTIPLE,
              prompt: 'A colleague tells you a senior doctor touched them inappropriately. Which of these are helpful responses? Choose all that apply.',
              options: [
                { id: 'a', label: '“Thank you for telling me. I believe you.”', correct: true },
                { id: 'b', label: '“Why didn’t you say something to him at the time?”', correct: false },
                { id: 'c', label: '“This is not your fault.”', correct: true },
                { id: 'd', label: '“What would help you right now?”', correct: true },
              ],
              feedback:
                'Believing the person, telling them it is not their fault and asking what would help all support them. Asking why they did not act at the time can sound like blame.',
            },
          ],
        },
        {
          title: 'Their choices, and your duties',
          body: [
            {
              p: 'Wherever possible the person should stay in control of what happens next. Explain honestly what you can keep confidential and what you may have to pass on, for example if someone is at immediate risk of harm or there is a safeguarding concern.',
            },
            { p: 'Write down what you were told, in their words, with the date and time, and keep it secure.' },
          ],
        },
        {
          title: 'Looking after yourself',
          body: [
            {
              p: 'Hearing a disclosure can be upsetting. It is normal to need support yourself afterwards. The support at the foot of this page is for you too.',
            },
          ],
        },
      ],
    },
    {
      title: 'Reporting and your organisation’s policy',
      pages: [
        {
          title: 'Reporting routes',
          body: [
            {
              p: 'Your organisation has a sexual misconduct policy setting out how to raise a concern. NHS England published a national sexual misconduct policy framework in October 2024 that organisations adopt and adapt locally.',
            },
            { p: 'Routes usually include:' },
            {
              ul: [
                'your line manager, or another manager if the concern is about your manager',
                'your organisation’s domestic abuse and sexual violence lead',
                'human resources',
                'your Freedom to Speak Up guardian',
                'the police, for a crime',
              ],
            },
          ],
          checks: [
            {
              kind: SINGLE,
              prompt: 'The concern is about your own line manager. What should you do?',
              options: [
                {
                  id: 'a',
                  label: 'Raise it through another route in your organisation’s policy, such as another manager or your Freedom to Speak Up guardian',
                  correct: true,
                },
                { id: 'b', label: 'Nothing: concerns must always go through your line manager', correct: false },
              ],
              feedback: 'Policies offer more than one route so that nobody has to report to the person they are reporting about.',
            },
          ],
        },
        {
          title: 'What happens after a report',
          body: [
            {
              p: 'Your organisation should acknowledge a report promptly, take it seriously, consider the safety of the person who raised it, and keep them informed. Retaliating against someone for raising a concern is itself misconduct.',
            },
          ],
        },
        {
          title: 'Patients and visitors',
          body: [
            {
              p: 'Sexual misconduct by patients or visitors should be reported too. Your organisation can act, for example by changing care arrangements or involving security or the police, while still caring for the patient.',
            },
          ],
        },
      ],
    },
    {
      title: 'Support and being an active bystander',
      pages: [
        {
          title: 'Where to find support',
          body: [
            {
              p: 'Sexual assault referral centres (SARCs) offer free, confidential medical care, forensic examinations and emotional support to anyone who has been sexually assaulted, whether or not they report to the police.',
            },
            { p: 'The Rape and Sexual Abuse Support Line is free and open 24 hours a day, every day, on 0808 500 2222.' },
            {
              p: 'Inside your organisation: occupational health, your employee assistance programme, your Freedom to Speak Up guardian and your domestic abuse and sexual violence lead.',
            },
          ],
          checks: [
            {
              kind: SINGLE,
              prompt: 'Does someone need to report to the police to get help from a sexual assault referral centre?',
              options: [
                { id: 'a', label: 'No: SARCs help anyone who has been sexually assaulted, whether or not they report', correct: true },
                { id: 'b', label: 'Yes: a police report is needed first', correct: false },
              ],
              feedback: 'SARCs are open to anyone, whether or not they choose to report to the police, now or later.',
            },
          ],
        },
        {
          title: 'Being an active bystander',
          body: [
            { p: 'An active bystander notices unacceptable behaviour and does something about it, safely. You can:' },
            {
              ul: [
                'Distract: interrupt the situation, for example by asking the person targeted to help you with something',
                'Delegate: ask someone else, such as a senior colleague or security, to step in',
                'Direct: say calmly that the behaviour is not acceptable, if it is safe to',
                'Delay: check in with the person afterwards and offer support',
                'Document: write down what you saw, to support a report',
              ],
            },
          ],
          checks: [
            {
              kind: MULTIPLE,
              prompt: 'You see a visitor making sexual comments to a healthcare assistant. Which are active bystander actions? Choose all that apply.',
              options: [
                { id: 'a', label: 'Ask the healthcare assistant to help you with a task elsewhere', correct: true },
                { id: 'b', label: 'Ignore it: it is not your business', correct: false },
                { id: 'c', label: 'Check in with the healthcare assistant afterwards', correct: true },
                { id: 'd', label: 'Ask the nurse in charge or security to step in', correct: true },
              ],
              feedback: 'Distracting, delegating and checking in afterwards are all active bystander actions. Choose what is safe for you and for them.',
            },
          ],
        },
        {
          title: 'Summary',
          body: [
            {
              p: 'Sexual misconduct is never acceptable in the NHS. Listen and believe when someone tells you, know your organisation’s reporting routes, know where support is, and act safely when you see it happen.',
            },
            { p: 'The final assessment follows. You need 80% to pass.' },
          ],
        },
      ],
    },
  ],
  questionBank: [
    q(1, SINGLE, 'Which best describes sexual harassment under the Equality Act 2010?', [
      ['Unwanted conduct of a sexual nature that violates someone’s dignity or creates a hostile, degrading, humiliating or offensive environment', true],
      ['Any conduct that the person carrying it out meant to be offensive', false],
      ['Only physical contact of a sexual nature', false],
    ]),
    q(1, MULTIPLE, 'Which of these can be sexual misconduct? Choose all that apply.', [
      ['Sending a colleague sexual messages they have not asked for', true],
      ['Comments about a colleague’s body', true],
      ['Offering a better rota in return for a date', true],
      ['Agreeing a shift swap with a colleague', false],
    ]),
    q(2, SINGLE, 'How many incidents of sexual misconduct did 212 NHS trusts record between 2017 and 2022?', [
      ['35,606', true],
      ['3,561', false],
      ['356', false],
    ]),
    q(2, SINGLE, 'What approach do organisations signing the Sexual Safety Charter commit to?', [
      ['Zero tolerance of unwanted, inappropriate and harmful sexual behaviour', true],
      ['Acting only on reports made in writing', false],
      ['Leaving concerns about patients to the police', false],
    ]),
    q(2, SINGLE, 'Since October 2024, what legal duty do employers have?', [
      ['To take reasonable steps to prevent sexual harassment of their employees', true],
      ['To report every concern to the police', false],
      ['None: harassment is a matter between individuals', false],
    ]),
    q(3, MULTIPLE, 'A colleague tells you they were sexually assaulted by a patient. What should you do? Choose all that apply.', [
      ['Listen and tell them you believe them', true],
      ['Ask them what they would like to happen', true],
      ['Ask them for a detailed description of the assault', false],
      ['Tell them it is not their fault', true],
    ]),
    q(3, SINGLE, 'Someone tells you about sexual misconduct and asks you to keep it secret. What should you do?', [
      ['Explain honestly what you can keep confidential and when you may have to share it, for example if someone is at immediate risk', true],
      ['Promise to keep it secret whatever happens', false],
      ['Report it immediately without telling them', false],
    ]),
    q(5, SINGLE, 'What is the number of the Rape and Sexual Abuse Support Line, open 24 hours a day?', [
      ['0808 500 2222', true],
      ['111', false],
      ['0800 123 4567', false],
    ]),
    q(5, SINGLE, 'Who can use a sexual assault referral centre (SARC)?', [
      ['Anyone who has been sexually assaulted, whether or not they report to the police', true],
      ['Only people who have reported to the police', false],
      ['Only NHS staff', false],
    ]),
    q(4, MULTIPLE, 'Which are ways to raise a concern about sexual misconduct at work? Choose all that apply.', [
      ['Your Freedom to Speak Up guardian', true],
      ['A manager other than the person the concern is about', true],
      ['Your organisation’s domestic abuse and sexual violence lead', true],
      ['Posting about it on social media', false],
    ]),
    q(5, MULTIPLE, 'Which are active bystander actions? Choose all that apply.', [
      ['Distract: interrupt the situation', true],
      ['Delegate: ask someone else to step in', true],
      ['Delay: check in with the person afterwards', true],
      ['Laugh along so the situation does not escalate', false],
    ]),
    q(4, SINGLE, 'A patient makes repeated sexual comments to a nurse. What should happen?', [
      ['It should be reported, and the organisation can act while still caring for the patient', true],
      ['Nothing: it is part of the job', false],
      ['The nurse should deal with it alone', false],
    ]),
    q(2, SINGLE, 'What does zero tolerance mean?', [
      ['Every concern is taken seriously and acted on fairly and promptly; unwanted sexual behaviour is never treated as normal', true],
      ['Everyone accused is dismissed immediately without investigation', false],
      ['Only serious incidents are acted on', false],
    ]),
    q(4, SINGLE, 'Someone who raised a concern is being excluded by colleagues because of it. What is this?', [
      ['Retaliation, which is itself misconduct and should be reported', true],
      ['A normal consequence of raising a concern', false],
      ['A private matter between colleagues', false],
    ]),
  ],
};

/** `module` is the position of the module that teaches the answer: a wrong answer sends the learner back there. */
function q(module: number, kind: QuestionKind, prompt: string, options: Array<[string, boolean]>) {
  return { module, kind, prompt, options: options.map(([label, correct], i) => ({ id: String.fromCharCode(97 + i), label, correct })) };
}
