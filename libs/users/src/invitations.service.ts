import { Injectable } from '@nestjs/common';
import { BadUserInputError, ConflictError } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { TransactionRunner } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { EmailOutbox } from '@dasv/notifications';
import { AuthUser, formatLondon, Permission, Role, TokenPurpose, User, UsersRepository, UserTokens } from '@dasv/auth';
import { Organisation, OrganisationsRepository } from '@dasv/organisations';
import { InviteUserInput } from './dto/invite-user.input';
import { RolePolicy } from './role-policy';
import { UserDirectoryRepository } from './users.repository';
import { UsersErrorReason } from './users.errors';

export const ROLE_LABELS: Record<Role, string> = {
  [Role.NATIONAL_ADMIN]: 'national administrator',
  [Role.REGIONAL_ADMIN]: 'regional administrator',
  [Role.ICB_ADMIN]: 'ICB administrator',
  [Role.ORG_ADMIN]: 'organisation administrator',
  [Role.DASV_LEAD]: 'DASV lead',
  [Role.LEARNER]: 'learner',
};

@Injectable()
export class InvitationsService {
  constructor(
    private readonly config: AppConfig,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
    private readonly directory: UserDirectoryRepository,
    private readonly tokens: UserTokens,
    private readonly policy: RolePolicy,
    private readonly emails: EmailOutbox,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Creates the account (or finds it), gives it the role, and e-mails a single-use link to set a
   * password. Someone who already has an active account just gets the role: no link, no e-mail.
   */
  async invite(me: AuthUser, input: InviteUserInput): Promise<User> {
    const organisation = await this.requireOrganisation(input.organisationOdsCode);
    await this.policy.requireGrantable(me, input.role, organisation, Permission.UserInvite);

    return this.tx.run(async (manager) => {
      let user = await this.users.findByEmail(input.email, manager);
      if (user && user.passwordHash) {
        const added = await this.directory.addRole(manager, { userId: user.id, organisationId: organisation.id, role: input.role, grantedById: me.id });
        if (!added) throw new ConflictError(`${input.email} already has that role there.`, UsersErrorReason.AlreadyMember, { email: ['This person already has that role at this organisation'] });
        await this.audit.record(manager, { actorId: me.id, action: 'role.granted', entityType: 'user', entityId: user.id, organisationId: organisation.id, details: { role: input.role } });
        return user;
      }
      if (!user) {
        user = await this.directory.createUser(manager, { email: input.email, name: input.name, jobTitle: input.jobTitle ?? null, organisationId: organisation.id });
      }
      await this.directory.addRole(manager, { userId: user.id, organisationId: organisation.id, role: input.role, grantedById: me.id });
      const issued = await this.tokens.issue(manager, user.id, TokenPurpose.Invitation, this.config.env.INVITATION_TTL_HOURS * 3_600_000);
      await this.emails.queueTemplate(manager, {
        key: `invitation-${issued.id}`,
        to: user.email,
        template: 'invitation',
        context: {
          name: user.name,
          invitedBy: me.name,
          roleLabel: ROLE_LABELS[input.role],
          organisationName: organisation.name,
          link: `${this.config.publicUrl}/accept-invitation/${issued.token}`,
          expiresAt: formatLondon(issued.expiresAt),
        },
      });
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

  /** The roles this caller may put on someone; the invitation page offers only these. */
  grantableRoles(me: AuthUser): Role[] {
    return this.policy.grantableRoles(me);
  }

  private async requireOrganisation(odsCode: string): Promise<Organisation> {
    const organisation = await this.organisations.findByOdsCode(odsCode);
    if (!organisation || !organisation.isActive) {
      throw new BadUserInputError(`No open organisation has ODS code ${odsCode.toUpperCase()}.`, { organisationOdsCode: ['Enter the ODS code of an open NHS organisation'] }, UsersErrorReason.UnknownOrganisation);
    }
    return organisation;
  }
}
