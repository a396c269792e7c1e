import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReminderOrigin } from '../reminder-origin';

registerEnumType(ReminderOrigin, { name: 'ReminderOrigin', description: 'ADMIN: sent by an administrator; SCHEDULE: the monthly schedule' });

/** A run of reminders to an organisation's not-yet-completed learners, and how far it has got. */
@ObjectType('CourseReminderRun')
export class CourseReminderRunView {
  @Field(() => ID)
  id!: string;

  @Field()
  odsCode!: string;

  @Field()
  organisationName!: string;

  @Field({ description: 'The month (yyyy-MM, in England) in which each learner is reminded at most once' })
  period!: string;

  @Field(() => ReminderOrigin)
  origin!: ReminderOrigin;

  @Field(() => String, { nullable: true, description: 'Who sent it, for a run sent by hand' })
  requestedBy!: string | null;

  @Field()
  requestedAt!: Date;

  @Field(() => Int, { description: 'Learners e-mailed so far' })
  reminded!: number;

  @Field(() => Date, { nullable: true, description: 'When the last batch went; null while batches are still going out' })
  finishedAt!: Date | null;
}

@ObjectType('CourseReminderSchedule', { description: 'Monthly reminders for an organisation and those beneath it' })
export class CourseReminderScheduleView {
  @Field()
  odsCode!: string;

  @Field()
  enabled!: boolean;

  @Field(() => Date, { nullable: true })
  enabledAt!: Date | null;

  @Field(() => String, { nullable: true })
  enabledBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The last month (yyyy-MM) it started a run for' })
  lastPeriod!: string | null;
}

@ObjectType()
export class CourseReminderStatus {
  @Field(() => CourseReminderScheduleView)
  schedule!: CourseReminderScheduleView;

  @Field(() => [CourseReminderRunView], { description: 'The most recent runs for the organisation, newest first' })
  runs!: CourseReminderRunView[];
}
