import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthUser, Can, CurrentUser, Permission } from '@dasv/auth';
import { Organisation } from '@dasv/organisations';
import { AdminInvitationImportService } from './admin-invitation-import.service';
import { ContactCsvArgs, RemoveOrganisationContactInput, SetOrganisationContactInput } from './dto/organisation-contact.inputs';
import { AdminInvitationImport, OrganisationContact, OrganisationContactImport } from './models/organisation-contact.models';
import { OrganisationContactBookService } from './organisation-contact-book.service';
import { OrganisationContactImportService } from './organisation-contact-import.service';

/** A file import reads and checks every row and every organisation it names: priced like an export. */
const IMPORT_COMPLEXITY = 500;

@Resolver(() => Organisation)
export class OrganisationContactsFieldResolver {
  constructor(private readonly book: OrganisationContactBookService) {}

  @ResolveField(() => [OrganisationContact], {
    nullable: true,
    complexity: 10,
    description: 'Whom to write to when it has no administrator; null unless you look after its contacts (its own or a parent organisation’s administrators)',
  })
  contacts(@CurrentUser() me: AuthUser, @Parent() organisation: Organisation): Promise<OrganisationContact[] | null> {
    return this.book.contactsIfManaged(me, organisation.id);
  }
}

@Resolver()
export class OrganisationContactsResolver {
  constructor(
    private readonly book: OrganisationContactBookService,
    private readonly contactImports: OrganisationContactImportService,
    private readonly invitationImports: AdminInvitationImportService,
  ) {}

  @Mutation(() => OrganisationContact, { description: 'Adds the organisation’s contact in this role, or changes the one there is', complexity: 5 })
  @Can(Permission.ContactManage)
  setOrganisationContact(@CurrentUser() me: AuthUser, @Args('input') input: SetOrganisationContactInput) {
    return this.book.set(me, input);
  }

  @Mutation(() => OrganisationContact, { description: 'Removes the organisation’s contact in this role; answers what was removed', complexity: 5 })
  @Can(Permission.ContactManage)
  removeOrganisationContact(@CurrentUser() me: AuthUser, @Args('input') input: RemoveOrganisationContactInput) {
    return this.book.remove(me, input);
  }

  @Query(() => OrganisationContactImport, {
    description: 'What importOrganisationContacts would do with this file, writing nothing; a bad row: BAD_USER_INPUT, ORGANISATION_CONTACT_IMPORT_INVALID',
    complexity: IMPORT_COMPLEXITY,
  })
  @Can(Permission.ContactImport)
  previewOrganisationContactImport(@CurrentUser() me: AuthUser, @Args() { csv }: ContactCsvArgs) {
    return this.contactImports.preview(me, csv);
  }

  @Mutation(() => OrganisationContactImport, {
    description:
      'Columns ODS code, Contact role, Name, Email. For each organisation named, its rows become its contacts. All or nothing: any bad row refuses the file (BAD_USER_INPUT, ORGANISATION_CONTACT_IMPORT_INVALID, fields by "row N")',
    complexity: IMPORT_COMPLEXITY,
  })
  @Can(Permission.ContactImport)
  importOrganisationContacts(@CurrentUser() me: AuthUser, @Args() { csv }: ContactCsvArgs) {
    return this.contactImports.apply(me, csv);
  }

  @Query(() => AdminInvitationImport, {
    description: 'What importAdminInvitations would do with this file, writing and sending nothing',
    complexity: IMPORT_COMPLEXITY,
  })
  @Can(Permission.ContactImport)
  previewAdminInvitationImport(@CurrentUser() me: AuthUser, @Args() { csv }: ContactCsvArgs) {
    return this.invitationImports.preview(me, csv);
  }

  @Mutation(() => AdminInvitationImport, {
    description:
      'Columns ODS code, Name, Email: each person becomes an organisation administrator there, e-mailed an invitation if they have not set a password. All or nothing (BAD_USER_INPUT, ORGANISATION_CONTACT_INVITATION_IMPORT_INVALID, fields by "row N")',
    complexity: IMPORT_COMPLEXITY,
  })
  @Can(Permission.ContactImport)
  importAdminInvitations(@CurrentUser() me: AuthUser, @Args() { csv }: ContactCsvArgs) {
    return this.invitationImports.apply(me, csv);
  }
}
