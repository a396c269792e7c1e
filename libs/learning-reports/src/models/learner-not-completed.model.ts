import { Field, ID, ObjectType } from '@nestjs/graphql';

/** A member of staff with an active account who has not completed the course, from any source. */
@ObjectType()
export class LearnerNotCompleted {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field({ description: 'Whether they have started the course here' })
  hasStarted!: boolean;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When they last saved a page of the course' })
  lastActiveAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When they were last sent a reminder about it' })
  lastRemindedAt!: Date | null;
}
