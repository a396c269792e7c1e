import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Organisation, OrganisationType } from '@dasv/organisations';

/** When chasing will write, worked out by the chase engine's own policy for this deadline. */
@ObjectType({ description: 'When the organisations that have not answered will be chased; days are yyyy-MM-dd in England' })
export class NominationChasePlan {
  @Field(() => [String], { description: 'Working days on which reminders go before the deadline' })
  reminderDays!: string[];

  @Field({ description: 'The first working day after the deadline: the first overdue reminder' })
  firstOverdueDay!: string;

  @Field(() => Int, { description: 'After that, an overdue reminder every this many working days' })
  overdueEveryWorkingDays!: number;

  @Field({ description: 'From this working day, the ICB and region are told every working day' })
  escalationStartsOn!: string;

  @Field(() => Int)
  escalateAfterWorkingDays!: number;
}

/** What opening a return would do, before anything is written or sent. */
@ObjectType({ description: 'What opening a return with this input would do: nothing is saved or sent' })
export class NominationReturnPreview {
  @Field()
  title!: string;

  @Field()
  instructions!: string;

  @Field(() => [OrganisationType])
  organisationTypes!: OrganisationType[];

  @Field(() => Organisation, { description: 'Organisations at or below this one would be asked' })
  scopeRoot!: Organisation;

  @Field()
  deadline!: Date;

  @Field()
  requiresApproval!: boolean;

  @Field(() => Int, { description: 'Open organisations of the chosen types that would be asked' })
  asked!: number;

  @Field(() => Int, { description: 'Of those, how many have someone to e-mail (an administrator or a contact address)' })
  reachable!: number;

  @Field(() => Int, { description: 'Of those, how many have nobody to e-mail: asked, but not e-mailed until someone is added' })
  unreachable!: number;

  @Field(() => [Organisation], {
    description: 'The organisations that cannot be reached, by name',
    complexity: ({ childComplexity }) => 1 + childComplexity * 50,
  })
  unreachableOrganisations!: Organisation[];

  @Field(() => NominationChasePlan)
  chasePlan!: NominationChasePlan;
}
