import { Injectable } from '@nestjs/common';
import { AuthUser, Role } from '@dasv/auth';
import { Organisation, OrganisationsService } from '@dasv/organisations';
import { PendingInvitation } from './dto/pending-invitation.type';
import { InvitationsService } from './invitations.service';
import { UsersService } from './users.service';

export interface PersonOrganisation {
  id: string;
  name: string;
  odsCode: string;
}

export interface PersonRole {
  id: string;
  role: Role;
  organisation: PersonOrganisation;
  since: Date;
}

/** Everything an administrator's page about one person shows. */
export interface Person {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  organisation: PersonOrganisation;
  hasActivated: boolean;
  isActive: boolean;
  roles: PersonRole[];
  /** Null once they have set a password, or when no link is waiting (cancelled, or used). */
  invitation: PendingInvitation | null;
}

/**
 * One person as their administrators see them: who they are, their roles and their invitation. (The
 * lead places they hold are the leads library's to tell: it cannot be loaded beside this one in
 * apps without nominations, such as the CLI, so the API's page asks it.)
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Refused as UsersService.get refuses: someone whose organisation is outside the caller's is not shown. */
  async person(me: AuthUser, id: string): Promise<Person> {
    const user = await this.users.get(me, id);
    const [roles, invitation] = await Promise.all([this.users.rolesOf(user.id), this.invitations.pendingInvitation(user)]);
    const organisations = await this.organisations.findByIds([...new Set([user.organisationId, ...roles.map((r) => r.organisationId)])]);
    const byId = new Map(organisations.map((o) => [o.id, brief(o)]));
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      jobTitle: user.jobTitle,
      organisation: byId.get(user.organisationId)!,
      hasActivated: user.passwordHash !== null,
      isActive: user.isActive,
      roles: roles.map((r) => ({ id: r.id, role: r.role, organisation: byId.get(r.organisationId)!, since: r.createdAt })),
      invitation,
    };
  }
}

function brief(organisation: Organisation): PersonOrganisation {
  return { id: organisation.id, name: organisation.name, odsCode: organisation.odsCode };
}
