import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatLondon } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { EmailOutboxService, EmailTemplatesService, SendEmailPayload } from '@dasv/notifications';
import { TokenPurpose, UserTokensService } from '@dasv/auth';

/** Where a learner's set-up link leads: set a password there, then straight on to the course. */
export const LEARNER_SET_UP_PATH = '/training/set-up';

export interface LearnerRecipient {
  userId: string;
  email: string;
  name: string;
}

/**
 * The e-mails that bring learners in, all through the outbox in the caller's transaction and all
 * carrying the platform's one kind of single-use link (UserTokensService): set a password at
 * LEARNER_SET_UP_PATH (which then opens the course), or choose a new one at /reset-password.
 */
@Injectable()
export class LearnerEmailsService {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: UserTokensService,
    private readonly templates: EmailTemplatesService,
    private readonly emails: EmailOutboxService,
  ) {}

  /**
   * A link to set a password for each new account: `learner-invitation` when an admin's staff list
   * made it, `learner-registration` when the person registered. One token statement and one outbox
   * statement, however many people (a staff list may hold 20 000).
   */
  async queueSetPassword(
    manager: EntityManager,
    recipients: readonly LearnerRecipient[],
    about: { template: 'learner-invitation' | 'learner-registration'; organisationName: string; invitedBy?: string },
  ): Promise<void> {
    if (recipients.length === 0) return;
    const issued = await this.tokens.issueMany(
      manager,
      recipients.map((r) => r.userId),
      TokenPurpose.Invitation,
      this.config.env.INVITATION_TTL_HOURS * 3_600_000,
    );
    const expiresAt = issued.length ? formatLondon(issued[0].expiresAt) : '';
    const payloads: SendEmailPayload[] = recipients.map((recipient, i) => ({
      // The token id: a replayed relay sends nothing twice, a later fresh link is a new e-mail.
      key: `${about.template}-${issued[i].id}`,
      to: recipient.email,
      ...this.templates.render(about.template, {
        name: recipient.name,
        organisationName: about.organisationName,
        invitedBy: about.invitedBy ?? '',
        link: `${this.config.publicUrl}${LEARNER_SET_UP_PATH}/${issued[i].token}`,
        expiresAt,
      }),
    }));
    await this.emails.queue(manager, payloads);
  }

  /** Someone registered with an address that already has an account: how to get back in, not a second account. */
  async queueExistingAccount(manager: EntityManager, recipient: LearnerRecipient): Promise<void> {
    const issued = await this.tokens.issue(manager, recipient.userId, TokenPurpose.PasswordReset, this.config.env.PASSWORD_RESET_TTL_MINUTES * 60_000);
    await this.emails.queueTemplate(manager, {
      key: `learner-existing-account-${issued.id}`,
      to: recipient.email,
      template: 'learner-existing-account',
      context: {
        name: recipient.name,
        link: `${this.config.publicUrl}/reset-password/${issued.token}`,
        signInLink: `${this.config.publicUrl}/sign-in`,
        expiresAt: formatLondon(issued.expiresAt),
      },
    });
  }
}
