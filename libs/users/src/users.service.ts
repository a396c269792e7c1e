import { Injectable } from '@nestjs/common';
import { Connection, decodeCursor, encodeCursor, ForbiddenError, NotFoundError, toConnection } from '@dasv/common';
import { AccessService, AuthErrorReason, AuthUser, Permission, User, UsersRepository } from '@dasv/auth';
import { OrganisationsService } from '@dasv/organisations';
import { UserDirectoryRepository } from './users.repository';
import { UsersErrorReason } from './users.errors';

export interface ListUsersQuery {
  organisation?: string;
  search?: string;
  first?: number;
  after?: string;
}

/** Reading accounts, scoped to the organisations the caller administers. */
@Injectable()
export class UsersService {
  constructor(
    private readonly access: AccessService,
    private readonly directory: UserDirectoryRepository,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  async list(me: AuthUser, query: ListUsersQuery): Promise<Connection<User>> {
    const first = query.first ?? 20;
    let withinOrganisationId: string | undefined;
    if (query.organisation) {
      const organisation = await this.organisations.getByOdsCode(query.organisation);
      await this.access.requireOrganisations(me, Permission.UserRead, [organisation.id]);
      withinOrganisationId = organisation.id;
    }
    const { rows, totalCount } = await this.directory.list(
      {
        viewerId: me.id,
        viewerRoles: this.access.rolesFor(me, Permission.UserRead),
        withinOrganisationId,
        search: query.search?.trim() || undefined,
        first,
        after: decodeCursor(query.after),
      },
      this.access.scopeCondition('u.organisation_id', ':viewerId', ':viewerRoles'),
    );
    return toConnection(rows, first, totalCount, (u) => encodeCursor(u.name, u.id));
  }

  async get(me: AuthUser, id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('No such user.', UsersErrorReason.NotFound);
    if (user.id !== me.id && !(await this.access.canAccessOrganisation(me, Permission.UserRead, user.organisationId))) {
      throw new ForbiddenError('That user belongs to an organisation outside the ones you look after.', AuthErrorReason.OutOfScope);
    }
    return user;
  }
}
