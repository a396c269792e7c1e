import { Injectable } from '@nestjs/common';
import { AuthService, AuthUser, Role, User } from '@dasv/auth';
import { Organisation, OrganisationLoaders } from '@dasv/organisations';

export interface AccountSummary {
  name: string;
  email: string;
  jobTitle: string | null;
  organisation: Organisation | null;
  roles: Array<{ role: Role; organisation: Organisation | null }>;
}

/**
 * What the account page shows, read through the same service and loaders that resolve
 * `me { organisation roles { organisation } }` in GraphQL; nothing here decides anything.
 */
@Injectable()
export class AccountView {
  constructor(
    private readonly auth: AuthService,
    private readonly organisationLoaders: OrganisationLoaders,
  ) {}

  async summaryOf(me: AuthUser): Promise<AccountSummary> {
    const user: User = await this.auth.me(me);
    // One loader per call, as per request in GraphQL: its cache must not outlive this page.
    const { byId } = this.organisationLoaders.createLoaders();
    const [organisation, ...roleOrganisations] = await Promise.all(
      [user.organisationId, ...me.roles.map((grant) => grant.organisationId)].map((id) => byId.load(id)),
    );
    return {
      name: user.name,
      email: user.email,
      jobTitle: user.jobTitle,
      organisation,
      roles: me.roles.map((grant, i) => ({ role: grant.role, organisation: roleOrganisations[i] })),
    };
  }
}
