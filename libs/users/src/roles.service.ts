import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@dasv/common';
import { TransactionRunnerService } from '@dasv/database';
import { AuditService } from '@dasv/audit';
import { AccessService, AuthUser, Permission, Role, RoleAssignment, UserAccountsService } from '@dasv/auth';
import { OrganisationsService } from '@dasv/organisations';
import { GrantRoleInput } from './dto/invite-user.input';
import { RolePolicyService } from './role-policy.service';
import { UserDirectoryRepository } from './user-directory.repository';
import { usersError } from './users.errors';

/** A role taken from someone, as the confirmation names it. */
export interface RemovedRole {
  userId: string;
  role: Role;
  organisationName: string;
}

@Injectable()
export class RolesService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly users: UserAccountsService,
    private readonly directory: UserDirectoryRepository,
    private readonly policy: RolePolicyService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunnerService,
  ) {}

  async grant(me: AuthUser, input: GrantRoleInput): Promise<RoleAssignment> {
    const organisation = await this.policy.organisation(input.organisationOdsCode);
    const user = await this.users.findById(input.userId);
    if (!user) throw usersError('NotFound', 'No such user.');
    await this.policy.requireGrantable(me, input.role, organisation, Permission.RoleGrant);
    // Granting a role to someone you cannot see would let an admin reach into another subtree.
    await this.access.requireOrganisations(me, Permission.UserRead, [user.organisationId]);
    return this.tx.run(async (manager) => {
      const added = await this.directory.addRole(manager, { userId: user.id, organisationId: organisation.id, role: input.role, grantedById: me.id });
      if (!added) throw usersError('AlreadyMember', 'That person already has that role there.');
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'role.granted',
        entityType: 'user',
        entityId: user.id,
        organisationId: organisation.id,
        details: { role: input.role },
      });
      return added;
    });
  }

  async revoke(me: AuthUser, assignmentId: string): Promise<boolean> {
    await this.remove(me, assignmentId);
    return true;
  }

  /** revoke(), answering what was removed: the person's page says so on its confirmation. */
  async remove(me: AuthUser, assignmentId: string): Promise<RemovedRole> {
    return this.tx.run(async (manager) => {
      const assignment = await this.directory.findAssignment(assignmentId, manager);
      if (!assignment) throw new NotFoundError('No such role assignment.');
      const organisation = (await this.organisations.findByIds([assignment.organisationId]))[0];
      await this.policy.requireGrantable(me, assignment.role, organisation, Permission.RoleGrant, manager);
      if (assignment.role === Role.NATIONAL_ADMIN) {
        // Nobody could then give the role again: the programme would be left without its administrators.
        await this.directory.lockHolders(manager, Role.NATIONAL_ADMIN);
        if ((await this.directory.countOtherHolders(manager, Role.NATIONAL_ADMIN, assignment.userId)) === 0) {
          throw usersError('LastNationalAdmin', 'This is the last national administrator who can sign in: give the role to someone else first.');
        }
      }
      await this.directory.removeAssignment(manager, assignment.id);
      await this.audit.record(manager, {
        actorId: me.id,
        action: 'role.revoked',
        entityType: 'user',
        entityId: assignment.userId,
        organisationId: assignment.organisationId,
        details: { role: assignment.role },
      });
      return { userId: assignment.userId, role: assignment.role, organisationName: organisation.name };
    });
  }
}
