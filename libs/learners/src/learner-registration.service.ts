import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@dasv/config';
import { REDIS, TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AccountEmailLimitsService, Role, UserAccountsService } from '@dasv/auth';
import { Organisation, OrganisationsService } from '@dasv/organisations';
import { InvitationsService } from '@dasv/users';
import { RegisterLearnerInput } from './dto/learners.inputs';
import { LearnerEmailsService } from './learner-emails.service';
import { learnersError } from './learners.errors';

/** Organisations offered to someone registering: enough to choose from, few enough to read. */
export const REGISTRATION_SEARCH_LIMIT = 20;

/**
 * Anyone with a work e-mail address may make themselves a learner account. The answer never says
 * whether the address already had one: a new address gets a link to set a password, a known one an
 * e-mail saying so with a password reset link, and the caller sees the same either way.
 */
@Injectable()
export class LearnerRegistrationService {
  private readonly attemptsByIp: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly organisationSearch: OrganisationsService,
    private readonly users: UserAccountsService,
    private readonly invitations: InvitationsService,
    private readonly learnerEmails: LearnerEmailsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly emailLimits: AccountEmailLimitsService,
  ) {
    // Each registration sends an e-mail: the limit stops one address using us to flood inboxes.
    this.attemptsByIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redisPrefix}:register:ip`,
      points: config.env.REGISTRATIONS_PER_IP_PER_HOUR,
      duration: 60 * 60,
    });
  }

  /** Open organisations matching a name or ODS code: public, as organisation names and codes are. */
  async searchOrganisations(search: string): Promise<{ organisations: Organisation[]; totalCount: number }> {
    const found = await this.organisationSearch.list({ search, first: REGISTRATION_SEARCH_LIMIT });
    return { organisations: found.edges.map((e) => e.node), totalCount: found.totalCount };
  }

  async register(input: RegisterLearnerInput, ip: string): Promise<void> {
    await this.consumeAttempt(ip);
    const domains = this.config.workEmailDomains;
    if (!domains.allows(input.email)) {
      throw learnersError('NotWorkEmail', 'Use your work e-mail address.', { email: [`Enter your work e-mail address, ending in ${domains.inWords()}`] });
    }
    const organisation = await this.access.findOrganisation(input.odsCode, {
      unknown: (message) => learnersError('UnknownOrganisation', message, { odsCode: ['Choose the organisation you work for'] }),
      open: true,
    });

    // Counted on every registration, new address or not, so that the limit says nothing about accounts;
    // over it, the registration still happens and the caller sees the same, but no e-mail goes.
    const mayEmail = await this.emailLimits.mayEmail(input.email);
    await this.tx.run(async (manager) => {
      // Creates the account only if the address has none (ON CONFLICT), so two registrations racing make one.
      const [account] = await this.invitations.accountsFor(manager, organisation.id, [{ email: input.email, name: input.name, jobTitle: null }]);
      const user = (await this.users.findById(account.userId, manager))!;
      const recipient = { userId: user.id, email: user.email, name: user.name };
      if (account.isNew) {
        await this.invitations.grantNamedRole(manager, {
          userIds: [user.id],
          organisation,
          role: Role.LEARNER,
          invitedBy: user.name,
          actorId: null,
          reason: 'self_registration',
        });
        if (mayEmail)
          await this.learnerEmails.queueSetPassword(manager, [recipient], { template: 'learner-registration', organisationName: organisation.name });
        await this.audit.record(manager, {
          actorId: null,
          action: 'learner.registered',
          entityType: 'user',
          entityId: user.id,
          organisationId: organisation.id,
          details: { email: user.email },
        });
        return;
      }
      // An existing account keeps its organisation and roles: registering must not move someone else's account.
      if (!mayEmail) {
        await this.audit.record(manager, {
          actorId: null,
          action: 'learner.registration_ignored',
          entityType: 'user',
          entityId: user.id,
          organisationId: user.organisationId,
          details: { why: 'too_many_emails' },
        });
      } else if (!user.isActive) {
        await this.audit.record(manager, {
          actorId: null,
          action: 'learner.registration_ignored',
          entityType: 'user',
          entityId: user.id,
          organisationId: user.organisationId,
          details: { why: 'inactive' },
        });
      } else if (user.passwordHash) {
        await this.learnerEmails.queueExistingAccount(manager, recipient);
        await this.audit.record(manager, {
          actorId: null,
          action: 'learner.registration_existing_account',
          entityType: 'user',
          entityId: user.id,
          organisationId: user.organisationId,
        });
      } else {
        // Made by an invitation or staff list and never set up: a fresh link to set the password.
        const home = user.organisationId === organisation.id ? organisation : (await this.organisations.findByIds([user.organisationId]))[0];
        await this.learnerEmails.queueSetPassword(manager, [recipient], { template: 'learner-registration', organisationName: home.name });
        await this.audit.record(manager, {
          actorId: null,
          action: 'learner.registration_link_resent',
          entityType: 'user',
          entityId: user.id,
          organisationId: user.organisationId,
        });
      }
    });
  }

  private async consumeAttempt(ip: string): Promise<void> {
    try {
      await this.attemptsByIp.consume(ip);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
      throw learnersError('RegistrationRateLimited', `Too many registrations from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
  }
}
