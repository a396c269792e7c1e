import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DasvLead } from '@dasv/leads';
import { Organisation } from '@dasv/organisations';

/**
 * A person in the lead directory as the caller may see them. E-mail and telephone are null when
 * the lead has chosen not to show them to this caller (DirectoryService decides; see contact-visibility.ts).
 */
@ObjectType({ description: 'A DASV lead as the directory shows them to you' })
export class DirectoryLead {
  @Field(() => ID, { description: "The lead's user id" })
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  /** Their employing organisation; the `organisation` field resolves it. */
  organisationId!: string;

  @Field(() => String, { nullable: true, description: 'Null when they do not show it to you' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Null when they have none or do not show it to you' })
  phone!: string | null;

  @Field()
  bio!: string;

  @Field(() => [String])
  areasOfInterest!: string[];

  @Field(() => Boolean, { nullable: true, description: "Your own choice, on your own profile; null on anyone else's" })
  showEmail!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Your own choice, on your own profile; null on anyone else's" })
  showPhone!: boolean | null;
}

/** An organisation's leads now, and everyone who was one before, including at organisations merged into it. */
@ObjectType()
export class OrganisationLeads {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => [DasvLead], { description: 'Leads now, executive first' })
  current!: DasvLead[];

  @Field(() => [DasvLead], { description: 'Leads before, most recently ended first, with those of predecessor organisations' })
  past!: DasvLead[];
}
