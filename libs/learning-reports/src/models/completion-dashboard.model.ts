import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { LONDON_ZONE } from '@dasv/common';
import { OrganisationType } from '@dasv/organisations';

/**
 * An organisation's figures for a course, summed over the organisation and everything beneath it.
 * The rate counts only organisations that have a headcount, so an organisation without one neither
 * flatters nor drags down its parent's rate; how many were left out is reported alongside.
 */
@ObjectType()
export class CompletionFigures {
  @Field(() => ID)
  organisationId!: string;

  @Field()
  odsCode!: string;

  @Field()
  name!: string;

  @Field(() => OrganisationType)
  type!: OrganisationType;

  @Field(() => Int, { nullable: true, description: 'Staff in post, summed over the organisations that have a headcount; null when none has' })
  headcount!: number | null;

  @Field(() => Int, { description: 'Learners who have started the course here' })
  started!: number;

  @Field(() => Int, { description: 'Learners who have completed, from every source, each person once' })
  completed!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Completed / headcount, from 0 (a fraction, not a percentage), over organisations that have a headcount; null when there is no headcount',
  })
  completionRate!: number | null;

  @Field(() => Int, { description: 'Organisations here and beneath with a headcount: the rate is across these' })
  organisationsWithHeadcount!: number;

  @Field(() => Int, { description: 'Trusts, and other organisations with learners, that have no headcount: their completions are not in the rate' })
  organisationsWithoutHeadcount!: number;

  @Field({ description: 'This organisation itself has no headcount and should have one (an open trust, or one with learners of its own)' })
  lacksHeadcount!: boolean;

  @Field(() => Int, { description: 'Completions at organisations without a headcount, left out of the rate' })
  completedWithoutHeadcount!: number;
}

@ObjectType()
export class CompletionRow extends CompletionFigures {
  @Field(() => String, { nullable: true })
  parentOdsCode!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Position by completion rate among organisations of the same type in the dashboard (1 = highest; ties share a rank); null without a rate',
  })
  rank!: number | null;

  @Field(() => Int, { description: 'How many organisations of this type were ranked' })
  peers!: number;
}

@ObjectType()
export class CompletionTrendDay {
  @Field({ description: `A day in England (${LONDON_ZONE}), yyyy-MM-dd` })
  day!: string;

  @Field(() => Int, { description: 'Completions that day' })
  completed!: number;

  @Field(() => Int, { description: 'Completions up to and including that day, since the course began' })
  cumulative!: number;
}

@ObjectType()
export class ReportedCourse {
  @Field(() => ID)
  id!: string;

  @Field()
  slug!: string;

  @Field()
  title!: string;
}

@ObjectType()
export class CompletionDashboard {
  @Field(() => ReportedCourse)
  course!: ReportedCourse;

  @Field(() => CompletionFigures, { description: 'The organisation reported on, with its whole subtree' })
  organisation!: CompletionFigures;

  @Field(() => [CompletionRow], { description: 'Every organisation beneath it, each with its own subtree, shallowest first then by name' })
  rows!: CompletionRow[];

  @Field(() => [CompletionTrendDay], { description: 'Days with completions in the period asked for, oldest first' })
  trend!: CompletionTrendDay[];

  @Field({ description: 'When the figures were read' })
  asAt!: Date;
}
