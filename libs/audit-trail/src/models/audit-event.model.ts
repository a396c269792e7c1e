import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, ConnectionType } from '@dasv/common';

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

/**
 * Like every other connection; the log only grows, so its count stops at a cap and says when it has
 * (isTotalCountCapped).
 */
export const AuditEventConnection = ConnectionType(AuditEventView, 'AuditEvent');
export type AuditEventConnection = Connection<AuditEventView>;
