import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Organisation } from '@dasv/organisations';
import { NominationReturn } from '../entities/nomination-return.entity';
import { NominationCounts } from './nomination-request-status.type';

@ObjectType({ description: 'The counts for the organisations asked at or below one region or ICB' })
export class NominationGroupCounts extends NominationCounts {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => ID, { nullable: true, description: 'For an ICB, its region' })
  parentId!: string | null;
}

@ObjectType()
export class NominationDashboard {
  @Field(() => NominationReturn)
  nominationReturn!: NominationReturn;

  @Field(() => Organisation, { nullable: true, description: 'The region or ICB looked inside, if one was given' })
  within!: Organisation | null;

  @Field(() => NominationCounts, { description: 'Every organisation asked that you look after (inside `within`)' })
  totals!: NominationCounts;

  @Field(() => [NominationGroupCounts])
  regions!: NominationGroupCounts[];

  @Field(() => [NominationGroupCounts])
  icbs!: NominationGroupCounts[];
}
