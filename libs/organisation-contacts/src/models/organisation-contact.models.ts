import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganisationContactRole } from '../contact-role';

@ObjectType({ description: 'Someone to write to at an organisation when it has no administrator' })
export class OrganisationContact {
  @Field(() => ID)
  id!: string;

  @Field(() => OrganisationContactRole)
  role!: OrganisationContactRole;

  @Field({ description: 'The role in words, e.g. "Chief executive’s office"' })
  roleLabel!: string;

  @Field(() => String, { nullable: true, description: 'A person’s name; an office may have none' })
  name!: string | null;

  @Field()
  email!: string;

  @Field()
  updatedAt!: Date;
}

@ObjectType({ description: 'One contact a file adds, changes or removes' })
export class OrganisationContactChange {
  @Field()
  odsCode!: string;

  @Field()
  organisationName!: string;

  @Field(() => OrganisationContactRole)
  role!: OrganisationContactRole;

  @Field()
  roleLabel!: string;

  @Field(() => String, { nullable: true, description: 'After the change; absent for a removal' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'After the change; absent for a removal' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Before the change; absent for an addition' })
  previousName!: string | null;

  @Field(() => String, { nullable: true, description: 'Before the change; absent for an addition' })
  previousEmail!: string | null;
}

@ObjectType({
  description:
    'What a contacts file does: for each organisation it names, its rows become that organisation’s contacts (roles it does not list there are removed); organisations it does not name are left alone',
})
export class OrganisationContactImport {
  @Field(() => Int)
  rows!: number;

  @Field(() => Int, { description: 'Organisations the file names' })
  organisations!: number;

  @Field(() => [OrganisationContactChange])
  added!: OrganisationContactChange[];

  @Field(() => [OrganisationContactChange])
  changed!: OrganisationContactChange[];

  @Field(() => [OrganisationContactChange])
  removed!: OrganisationContactChange[];

  @Field(() => Int, { description: 'Contacts the file lists exactly as they already are' })
  unchanged!: number;

  @Field({ description: 'false for a preview: nothing has been written' })
  applied!: boolean;
}

@ObjectType({ description: 'One person an administrator invitations file names' })
export class AdminInvitationRow {
  @Field(() => Int)
  row!: number;

  @Field()
  odsCode!: string;

  @Field()
  organisationName!: string;

  @Field()
  name!: string;

  @Field()
  email!: string;
}

@ObjectType({ description: 'What an administrator invitations file does: each person becomes an organisation administrator there' })
export class AdminInvitationImport {
  @Field(() => [AdminInvitationRow])
  people!: AdminInvitationRow[];

  @Field(() => Int)
  organisations!: number;

  @Field(() => Int, { description: 'Role given (0 in a preview)' })
  granted!: number;

  @Field(() => Int, { description: 'E-mailed an invitation to set a password (0 in a preview)' })
  invited!: number;

  @Field({ description: 'false for a preview: nothing has been written or sent' })
  applied!: boolean;
}
