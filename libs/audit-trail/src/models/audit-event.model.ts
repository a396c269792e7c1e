import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@dasv/common';

/** Who did it: an account, as it is named now (the audit row keeps only the id). */
@ObjectType('AuditActor')
export class AuditActor {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  email!: string;
}

/** One row of the append-only audit log. */
@ObjectType('AuditEvent')
export class AuditEventView {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field({ description: 'What was done, like user.invited or role.granted' })
  action!: string;

  @Field({ description: 'The kind of record acted on, like user or organisation' })
  entityType!: string;

  @Field({ description: 'The id of the record acted on' })
  entityId!: string;

  @Field({ description: 'What the action recorded besides, as a JSON object' })
  details!: string;

  @Field(() => String, { nullable: true, description: 'The request that did it, to find it in the logs' })
  requestId!: string | null;

  /** Resolved to `organisation` and `actor` through per-request loaders. */
  organisationId!: string | null;
  actorId!: string | null;

  /** The exact (microsecond) time the cursor carries, so that no event at the same millisecond is skipped. */
  cursorTime!: string;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEventView)
  node!: AuditEventView;
}

/**
 * Like every other connection, but the log only grows: counting every matching row on each page
 * would cost more with each month, so the count stops at a cap and says when it has.
 */
@ObjectType('AuditEventConnection')
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Matching events, counted up to 1,000 (see isTotalCountCapped)' })
  totalCount!: number;

  @Field({ description: 'True when more than 1,000 events match: totalCount then says 1,000 and the true number is larger' })
  isTotalCountCapped!: boolean;
}
