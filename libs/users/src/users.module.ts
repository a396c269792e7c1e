import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@dasv/organisations';
import { FirstAdminService } from './first-admin.service';
import { OrganisationContacts } from './organisation-contacts';
import { InvitationsService } from './invitations.service';
import { RolePolicy } from './role-policy';
import { RoleSuccessionModule } from './role-succession.module';
import { RolesService } from './roles.service';
import { RoleAssignmentResolver, UsersResolver } from './users.resolver';
import { UserDirectoryRepository } from './users.repository';
import { UsersService } from './users.service';
import { UserLoaders } from './users.loaders';

@Module({
  imports: [OrganisationsModule, RoleSuccessionModule],
  providers: [OrganisationContacts, FirstAdminService, InvitationsService, RolePolicy, RolesService, UsersResolver, RoleAssignmentResolver, UserDirectoryRepository, UsersService, UserLoaders],
  exports: [OrganisationContacts, FirstAdminService, InvitationsService, RolesService, UsersService],
})
export class UsersModule {}
