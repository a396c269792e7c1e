import { createTestApp, createUser, Mailbox, SentMail, TestApp } from '@dasv/testing';
import { EmailOutboxService } from '@dasv/notifications';

/** Enum values and codes people would not understand, in the shapes the platform's enums take. */
const ENUM_LIKE = /\b[A-Z]+(?:_[A-Z]+)+\b|\b(?:EXECUTIVE|OPERATIONAL|SENIOR|UNREACHABLE|NATIONAL|REGIONAL)\b/;

function expectBrandedLayout(mail: SentMail, reason: string | RegExp): void {
  // Both parts reach the SMTP server: the HTML in the NHS.UK-like layout, and plain text.
  expect(mail.html).toContain('role="presentation"');
  expect(mail.html).toMatch(/<a [^>]*>DASV Network<\/a>/);
  expect(mail.html).toContain('background-color:#005eb8');
  expect(mail.html).toMatch(reason);
  expect(mail.text).toMatch(reason);
  expect(mail.text).toContain('DASV Network, NHS England');
  expect(mail.text).not.toMatch(/<[a-z]+[ >]/i);
  // Every body element carries its style inline: many mail clients drop <style> blocks.
  expect(mail.html).not.toMatch(/<(?:p|a|li|ul|h2)(?: href="[^"]*")?>/);
  for (const part of [mail.subject, mail.text, mail.html.replace(/<[^>]*>/g, ' ')]) expect(part).not.toMatch(ENUM_LIKE);
}

describe('e-mails are sent in one branded, accessible layout with a plain-text part', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('wraps a real e-mail (a password reset) in the layout and says why the person receives it', async () => {
    const user = await createUser(app.dataSource, { odsCode: 'RBV' });
    const ask = `mutation($i: RequestPasswordResetInput!) { requestPasswordReset(input: $i) }`;
    expect((await app.gql(app.client(), ask, { i: { email: user.email } })).data!.requestPasswordReset).toBe(true);
    await app.runJobs();
    const [mail] = await Mailbox.waitFor(user.email);
    expect(mail.subject).toBe('Reset your DASV Network password');
    expectBrandedLayout(mail, /You are receiving this because someone asked to reset the password of a DASV Network account/);
    expect(mail.html).toContain('<title>Reset your DASV Network password</title>');
  });

  it('asks by when in the subject, and shows no enum value from the context it was given', async () => {
    const to = `contact.${process.pid}@nhs.net`;
    await app.dataSource.transaction((manager) =>
      app.api.get(EmailOutboxService).queueTemplate(manager, {
        key: `layout-request-${process.pid}`,
        to,
        template: 'nomination-request',
        context: {
          organisationName: 'The Christie NHS Foundation Trust',
          title: 'DASV leads 2026',
          instructions: 'Tell us who your leads are.\nThank you.',
          deadline: '13 July 2026 at 23:59',
          leadsAsked: 'EXECUTIVE',
          requiresApproval: false,
          link: 'http://localhost:3000/nominations/1/RBV',
        },
      }),
    );
    await app.runJobs();
    const [mail] = await Mailbox.waitFor(to);
    expect(mail.subject).toBe('Name your DASV leads by 13 July 2026 at 23:59: DASV leads 2026');
    expectBrandedLayout(mail, /You are receiving this as an administrator \(or the contact address\) of The Christie NHS Foundation Trust on DASV Network\./);
    expect(mail.text.match(/You are receiving this/g)).toHaveLength(1);
    expect(mail.html).toContain('Tell us who your leads are.<br />');
  });
});
