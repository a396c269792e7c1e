import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@dasv/organisations';
import { UsersModule } from '@dasv/users';
import { AdminInvitationImportService } from './admin-invitation-import.service';
import { OrganisationContactEntity } from './entities/organisation-contact.entity';
import { OrganisationContactBookService } from './organisation-contact-book.service';
import { OrganisationContactImportService } from './organisation-contact-import.service';
import { OrganisationContactsFieldResolver, OrganisationContactsResolver } from './organisation-contacts.resolver';
import { OrganisationContactsRepository } from './organisation-contacts.repository';

/**
 * Organisations' contacts (organisation_contact), their one owner: edited one at a time, loaded from
 * files, and administrator invitations loaded the same way. Who is written to is decided from them by
 * the users feature's OrganisationContactsService (recipientsFor, unreachableCondition).
 */
@Module({
  imports: [TypeOrmModule.forFeature([OrganisationContactEntity]), OrganisationsModule, UsersModule],
  providers: [
    OrganisationContactsRepository,
    OrganisationContactBookService,
    OrganisationContactImportService,
    AdminInvitationImportService,
    OrganisationContactsResolver,
    OrganisationContactsFieldResolver,
  ],
  exports: [OrganisationContactBookService, OrganisationContactImportService, AdminInvitationImportService],
})
export class OrganisationContactsModule {}
