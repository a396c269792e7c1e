import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, formatLondon } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { EmailOutboxService } from '@dasv/notifications';
import { AccessService, AuthUser, Permission, Role, TokenPurpose, User, UserAccountsService, UserTokensService } from '@dasv/auth';
import { Organisation, OrganisationsService } from '@dasv/organisations';
import { InviteUserInput } from './dto/invite-user.input';
import { PendingInvitation } from './dto/pending-invitation.type';
import { RolePolicyService } from './role-policy.service';
import { UserDirectoryRepository } from './user-directory.repository';
import { usersError } from './users.errors';

export const ROLE_LABELS: Record<Role, string> = {
  [Role.NATIONAL_ADMIN]: 'national administrator',
  [Role.REGIONAL_ADMIN]: 'regional administrator',
  [Role.ICB_ADMIN]: 'ICB administrator',
  [Role.ORG_ADMIN]: 'organisation administrator',
  [Role.DASV_LEAD]: 'DASV lead',
  [Role.LEARNER]: 'learner',
};

export interface NamedPerson {
  email: string;
  name: string;
  jobTitle: string | null;
}

export interface NamedAccount {
  userId: string;
  email: string;
  hasActivated: boolean;
  isNew: boolean;
}

export interface NamedRoleGrant {
  userIds: readonly string[];
  organisation: Pick<Organisation, 'id' | 'name'>;
  role: Role;
  /** Who the e-mail says invited them (a person's name, or NHS England). */
  invitedBy: string;
  /** For the audit trail; null when no person acted (a system decision). */
  actorId: string | null;
  /** Which of `userIds` to send an invitation link, if they have not activated their account. */
  invite?: readonly string[];
  /** Why, for the audit trail, e.g. `nomination_submission:<id>`. */
  reason: string;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UserAccountsService,
    private readonly directory: UserDirectoryRepository,
    private readonly tokens: UserTokensService,
    private readonly policy: RolePolicyService,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly emails: EmailOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates the account (or finds it), gives it the role, and e-mails a single-use link to set a
   * password. Someone who already has an active account just gets the role: no link, no e-mail.
   *
   * An address that already has an account is grantRole by e-mail, so it obeys grantRole's rule:
   * the account's own organisation must be one the caller may read (AccessService, UserRead). One
   * outside their subtree (another region's learner, another trust's admin, a national admin) is
   * refused with one fixed error, before anything about the account is read into the answer or
   * written: no name, job title, organisation or roles come back, and a repeat is refused the same
   * way rather than with CONFLICT, so the answer does not say whether the person already has the
   * role. That an address is in use somewhere is unavoidable (a fresh address must work), and is
   * all it says. Why not let the invitation through as a request the person accepts: admins who
   * need someone from elsewhere ask that person's own administrators (or a regional or national
   * admin, whose subtree covers both), who can see the account and grant the role knowingly.
   */
  async invite(me: AuthUser, input: InviteUserInput): Promise<User> {
    const organisation = await this.policy.organisation(input.organisationOdsCode);
    await this.policy.requireGrantable(me, input.role, organisation, Permission.UserInvite);

    return this.tx.run(async (manager) => {
      let user = await this.users.findByEmail(input.email, manager);
      if (user) {
        await this.access.requireOrganisations(me, Permission.UserRead, [user.organisationId], {
          message: 'This address belongs to an account outside the organisations you look after: ask an administrator of its organisation.',
        });
      }
      if (user && user.passwordHash) {
        const added = await this.directory.addRole(manager, { userId: user.id, organisationId: organisation.id, role: input.role, grantedById: me.id });
        if (!added)
          throw usersError('AlreadyMember', `${input.email} already has that role there.`, {
            email: ['This person already has that role at this organisation'],
          });
        await this.audit.record(manager, {
          actorId: me.id,
          action: 'role.granted',
          entityType: 'user',
          entityId: user.id,
          organisationId: organisation.id,
          details: { role: input.role },
        });
        return user;
      }
      if (!user) {
        user = await this.directory.createUser(manager, {
          email: input.email,
          name: input.name,
          jobTitle: input.jobTitle ?? null,
          organisationId: organisation.id,
        });
      }
      await this.directory.addRole(manager, { userId: user.id, organisationId: organisation.id, role: input.role, grantedById: me.id });
      await this.queueInvitation(manager, user, { invitedBy: me.name, role: input.role, organisationName: organisation.name });
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'user.invited',
        entityType: 'user',
        entityId: user.id,
        organisationId: organisation.id,
        details: { role: input.role, email: user.email },
      });
      return user;
    });
  }

  /**
   * For people named by a use case rather than invited by an admin at a form (an accepted nomination,
   * a lead's handover): finds their accounts by e-mail, creating the missing ones at the organisation.
   * The use case has already authorised the naming, so there is no admin to check here. In the
   * caller's transaction; no role and no e-mail yet (see grantNamedRole).
   */
  async accountsFor(manager: EntityManager, organisationId: string, people: readonly NamedPerson[]): Promise<NamedAccount[]> {
    const accounts = await this.directory.findOrCreateUsers(manager, organisationId, people);
    return accounts.map((a) => ({ userId: a.id, email: a.email, hasActivated: a.hasPassword, isNew: a.isNew }));
  }

  /**
   * Gives named people a role and e-mails an invitation link (the same single-use link as invite())
   * to those among `invite` who have not set a password yet; someone already active just gets the role.
   */
  async grantNamedRole(manager: EntityManager, grant: NamedRoleGrant): Promise<{ granted: string[]; invited: string[] }> {
    const granted = await this.directory.addRoles(manager, {
      userIds: grant.userIds,
      organisationId: grant.organisation.id,
      role: grant.role,
      grantedById: grant.actorId,
    });
    const wanted = new Set(grant.invite ?? []);
    const toInvite = (await this.directory.findUsers(manager, [...wanted])).filter((u) => u.isActive && !u.passwordHash);
    for (const user of toInvite) {
      await this.queueInvitation(manager, user, { invitedBy: grant.invitedBy, role: grant.role, organisationName: grant.organisation.name });
    }
    await this.audit.record(manager, [
      ...granted.map((userId) => ({
        actorId: grant.actorId,
        action: 'role.granted',
        entityType: 'user',
        entityId: userId,
        organisationId: grant.organisation.id,
        details: { role: grant.role, reason: grant.reason },
      })),
      ...toInvite.map((u) => ({
        actorId: grant.actorId,
        action: 'user.invited',
        entityType: 'user',
        entityId: u.id,
        organisationId: grant.organisation.id,
        details: { role: grant.role, email: u.email, reason: grant.reason },
      })),
    ]);
    return { granted, invited: toInvite.map((u) => u.id) };
  }

  /** Takes a role a use case gave (grantNamedRole) from people it no longer names; audited like a revocation. */
  async withdrawNamedRole(manager: EntityManager, grant: Omit<NamedRoleGrant, 'invite' | 'invitedBy'>): Promise<string[]> {
    const removed = await this.directory.removeRoles(manager, { userIds: grant.userIds, organisationId: grant.organisation.id, role: grant.role });
    await this.audit.record(
      manager,
      removed.map((userId) => ({
        actorId: grant.actorId,
        action: 'role.revoked',
        entityType: 'user',
        entityId: userId,
        organisationId: grant.organisation.id,
        details: { role: grant.role, reason: grant.reason },
      })),
    );
    return removed;
  }

  /**
   * A fresh link for someone who has not set a password yet (the old one stops working), e-mailed
   * through the outbox as the first was, naming the latest role they were given. Only an admin who
   * may invite at the person's own organisation may ask.
   */
  async resend(me: AuthUser, userId: string): Promise<User> {
    const user = await this.invitee(me, userId);
    const [organisationRole] = (await this.directory.rolesOf([user.id])).slice(-1);
    if (!organisationRole) throw usersError('NoRole', `${user.name} holds no role to be invited to: invite them again with one.`);
    const [organisation] = await this.organisations.findByIds([organisationRole.organisationId]);
    return this.tx.run(async (manager) => {
      await this.queueInvitation(manager, user, { invitedBy: me.name, role: organisationRole.role, organisationName: organisation.name });
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'user.invitation_resent',
        entityType: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
        details: { role: organisationRole.role, email: user.email },
      });
      return user;
    });
  }

  /** Stops the person's invitation link working. Their roles stay until an admin removes them; a new invitation can be sent. */
  async cancel(me: AuthUser, userId: string): Promise<User> {
    const user = await this.invitee(me, userId);
    return this.tx.run(async (manager) => {
      const cancelled = await this.tokens.revoke(manager, user.id, TokenPurpose.Invitation);
      if (cancelled === 0) throw usersError('NoPendingInvitation', `${user.name} has no invitation waiting: there is nothing to cancel.`);
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'user.invitation_cancelled',
        entityType: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
        details: { email: user.email },
      });
      return user;
    });
  }

  /** Someone invited but not yet signed up, at an organisation where the caller may invite. */
  private async invitee(me: AuthUser, userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw usersError('NotFound', 'No such user.');
    await this.access.requireOrganisations(me, Permission.UserInvite, [user.organisationId], {
      message: 'That user belongs to an organisation outside the ones you look after.',
    });
    if (user.passwordHash) throw usersError('AlreadyActivated', `${user.name} has already set up their account: there is no invitation to send.`);
    return user;
  }

  /** The link waiting for someone who has not set a password; null for anyone else. */
  async pendingInvitation(user: User): Promise<PendingInvitation | null> {
    if (user.passwordHash) return null;
    const token = await this.tokens.latestUnused(user.id, TokenPurpose.Invitation);
    return token ? { sentAt: token.createdAt, expiresAt: token.expiresAt, isExpired: token.expiresAt <= this.clock.now() } : null;
  }

  /** The roles this caller may put on someone; the invitation page offers only these. */
  grantableRoles(me: AuthUser): Role[] {
    return this.policy.grantableRoles(me);
  }

  /** Whether invite() e-mailed this person a link: only someone who had not set a password yet gets one. */
  wasEmailedAnInvitation(invited: User): boolean {
    return !invited.passwordHash;
  }

  /** A fresh single-use link (replacing any earlier unused one) and the e-mail carrying it. */
  private async queueInvitation(manager: EntityManager, user: User, about: { invitedBy: string; role: Role; organisationName: string }): Promise<void> {
    const issued = await this.tokens.issue(manager, user.id, TokenPurpose.Invitation, this.config.env.INVITATION_TTL_HOURS * 3_600_000);
    await this.emails.queueTemplate(manager, {
      key: `invitation-${issued.id}`,
      to: user.email,
      template: 'invitation',
      context: {
        name: user.name,
        invitedBy: about.invitedBy,
        roleLabel: ROLE_LABELS[about.role],
        organisationName: about.organisationName,
        link: `${this.config.publicUrl}/accept-invitation/${issued.token}`,
        expiresAt: formatLondon(issued.expiresAt),
      },
    });
  }
}
