import { Injectable } from '@nestjs/common';
import { Clock } from '@dasv/common';
import { AuthUser, Role, TokenPurpose, User, UserTokensService } from '@dasv/auth';
import { LeadRole, LeadsService } from '@dasv/leads';
import { Organisation, OrganisationsService } from '@dasv/organisations';
import { PendingInvitation } from './dto/pending-invitation.type';
import { UserDirectoryRepository } from './user-directory.repository';
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

export interface PersonLeadPlace {
  leadId: string;
  leadRole: LeadRole;
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
  leadPlaces: PersonLeadPlace[];
}

/** One person as their administrators see them: who they are, their roles, their invitation and the lead places they hold. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly users: UsersService,
    private readonly directory: UserDirectoryRepository,
    private readonly tokens: UserTokensService,
    private readonly leads: LeadsService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  /** Refused as UsersService.get refuses: someone whose organisation is outside the caller's is not shown. */
  async person(me: AuthUser, id: string): Promise<Person> {
    const user = await this.users.get(me, id);
    const [roles, leadRows, invitation] = await Promise.all([this.directory.rolesOf([user.id]), this.leads.currentRolesOf([user.id]), this.pendingInvitation(user)]);
    const organisations = await this.organisations.findByIds([
      ...new Set([user.organisationId, ...roles.map((r) => r.organisationId), ...leadRows.map((l) => l.organisationId)]),
    ]);
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
      leadPlaces: leadRows.map((l) => ({ leadId: l.id, leadRole: l.leadRole, organisation: byId.get(l.organisationId)!, since: l.startedAt })),
    };
  }

  /** The link waiting for someone who has not set a password; null for anyone else. */
  async pendingInvitation(user: User): Promise<PendingInvitation | null> {
    if (user.passwordHash) return null;
    const token = await this.tokens.latestUnused(user.id, TokenPurpose.Invitation);
    return token ? { sentAt: token.createdAt, expiresAt: token.expiresAt, isExpired: token.expiresAt <= this.clock.now() } : null;
  }
}

function brief(organisation: Organisation): PersonOrganisation {
  return { id: organisation.id, name: organisation.name, odsCode: organisation.odsCode };
}
