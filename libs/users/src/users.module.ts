import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@dasv/organisations';
import { FirstAdminService } from './first-admin.service';
import { OrganisationContactsService } from './organisation-contacts.service';
import { OrganisationReachService } from './organisation-reach.service';
import { InvitationsService } from './invitations.service';
import { PeopleService } from './people.service';
import { RolePolicyService } from './role-policy.service';
import { RoleSuccessionModule } from './role-succession.module';
import { RolesService } from './roles.service';
import { RoleAssignmentResolver, UsersResolver } from './users.resolver';
import { UserDirectoryRepository } from './user-directory.repository';
import { UsersService } from './users.service';
import { UserLoaders } from './users.loaders';

@Module({
  imports: [OrganisationsModule, RoleSuccessionModule],
  providers: [
    OrganisationContactsService,
    OrganisationReachService,
    FirstAdminService,
    InvitationsService,
    RolePolicyService,
    RolesService,
    UsersResolver,
    RoleAssignmentResolver,
    UserDirectoryRepository,
    UsersService,
    PeopleService,
    UserLoaders,
  ],
  exports: [OrganisationContactsService, OrganisationReachService, FirstAdminService, InvitationsService, RolesService, UsersService, PeopleService],
})
export class UsersModule {}
