import { Injectable } from '@nestjs/common';
import { Connection, decodeCursor, encodeCursor, toConnection } from '@dasv/common';
import { AccessService, AuthUser, Permission, Role, RoleAssignment, User, UserAccountsService } from '@dasv/auth';
import { organisationNotFound } from '@dasv/organisations';
import { UserDirectoryRepository } from './user-directory.repository';
import { usersError } from './users.errors';

export interface ListUsersQuery {
  organisation?: string;
  search?: string;
  role?: Role;
  first?: number;
  after?: string;
}

/** Reading accounts, scoped to the organisations the caller administers. */
@Injectable()
export class UsersService {
  constructor(
    private readonly access: AccessService,
    private readonly directory: UserDirectoryRepository,
    private readonly users: UserAccountsService,
  ) {}

  async list(me: AuthUser, query: ListUsersQuery): Promise<Connection<User>> {
    const first = query.first ?? 20;
    const within = query.organisation
      ? await this.access.requireOrganisation(me, Permission.UserRead, query.organisation, { unknown: organisationNotFound })
      : undefined;
    const { rows, totalCount } = await this.directory.list({
      viewer: this.access.viewer(me, Permission.UserRead),
      withinOrganisationId: within?.id,
      search: query.search?.trim() || undefined,
      role: query.role,
      first,
      after: decodeCursor(query.after),
    });
    return toConnection(rows, first, totalCount, (u) => encodeCursor(u.name, u.id));
  }

  /** The roles someone holds, oldest first: for a person already read through get(). */
  rolesOf(userId: string): Promise<RoleAssignment[]> {
    return this.directory.rolesOf([userId]);
  }

  async get(me: AuthUser, id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw usersError('NotFound', 'No such user.');
    if (user.id !== me.id) {
      await this.access.requireOrganisations(me, Permission.UserRead, [user.organisationId], {
        message: 'That user belongs to an organisation outside the ones you look after.',
      });
    }
    return user;
  }
}
