import { Injectable } from '@nestjs/common';
import { formatLondon } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { OutboxService, TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { EmailOutboxService } from '@dasv/notifications';
import { PasswordHasherService } from './password-hasher.service';
import { UsersRepository } from './users.repository';
import { UserTokensService } from './user-tokens.service';
import { UserSessionsService } from './user-sessions.service';
import { TokenPurpose } from './token-purpose';
import { AccountEmailLimitsService } from './account-email-limits.service';
import { passwordResetRequestJob } from './jobs/password-reset-request.job';

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly tokens: UserTokensService,
    private readonly hasher: PasswordHasherService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly sessions: UserSessionsService,
    private readonly outbox: OutboxService,
    private readonly limits: AccountEmailLimitsService,
  ) {}

  /**
   * Answers the same, in the same time, whether or not the address has an account, so it cannot be
   * used to find accounts. The request does not look the address up at all: it counts the request
   * against the limits and records it in the outbox, the same statements either way; the worker
   * then finds out whether there is anyone to e-mail (sendResetLink). Over a limit, nothing is
   * recorded and the caller is told nothing different.
   */
  async requestReset(email: string, ip: string): Promise<void> {
    if (!(await this.limits.mayRequestPasswordReset(email, ip))) return;
    await this.tx.run((manager) => this.outbox.enqueue(manager, passwordResetRequestJob({ email: email.trim() })));
  }

  /**
   * The worker's half of a reset request: a single-use link e-mailed to an active account with a
   * password, and nothing at all for any other address. A retried job issues a fresh link, which
   * replaces (and so never leaves live beside it) any earlier unused one.
   */
  async sendResetLink(email: string): Promise<'queued' | 'no-account'> {
    return this.tx.run(async (manager) => {
      const user = await this.users.findByEmail(email, manager);
      if (!user || !user.isActive || !user.passwordHash) return 'no-account';
      const issued = await this.tokens.issue(manager, user.id, TokenPurpose.PasswordReset, this.config.env.PASSWORD_RESET_TTL_MINUTES * 60_000);
      await this.emails.queueTemplate(manager, {
        key: `password-reset-${issued.id}`,
        to: user.email,
        template: 'password-reset',
        context: { name: user.name, link: `${this.config.publicUrl}/reset-password/${issued.token}`, expiresAt: formatLondon(issued.expiresAt) },
      });
      await this.audit.record(manager, {
        actorId: null,
        action: 'auth.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
      });
      return 'queued';
    });
  }

  /** Sets the new password and ends every session the account had: whoever knew the old one is signed out. */
  async resetPassword(token: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    const userId = await this.tx.run(async (manager) => {
      const { userId } = await this.tokens.consume(manager, token, TokenPurpose.PasswordReset);
      await this.users.setPassword(manager, userId, passwordHash);
      await this.audit.record(manager, { actorId: userId, action: 'auth.password_reset', entityType: 'user', entityId: userId });
      return userId;
    });
    await this.sessions.endAll(userId);
  }

  /** Accepting an invitation is setting a first password through the invitation's link. */
  async acceptInvitation(token: string, password: string, name?: string): Promise<string> {
    const passwordHash = await this.hasher.hash(password);
    return this.tx.run(async (manager) => {
      const { userId } = await this.tokens.consume(manager, token, TokenPurpose.Invitation);
      await this.users.setPassword(manager, userId, passwordHash, name);
      await this.audit.record(manager, { actorId: userId, action: 'user.invitation_accepted', entityType: 'user', entityId: userId });
      return userId;
    });
  }

  isTokenUsable(token: string, purpose: TokenPurpose): Promise<boolean> {
    return this.tokens.isUsable(token, purpose, this.tx.manager);
  }
}
