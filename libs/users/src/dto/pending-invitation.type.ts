import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The invitation link a person has not used yet' })
export class PendingInvitation {
  @Field({ description: 'When the link now waiting was sent' })
  sentAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field({ description: 'The link has expired: send a new one' })
  isExpired!: boolean;
}
