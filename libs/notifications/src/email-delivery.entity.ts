import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('email_delivery')
@Index('email_delivery_recipient_idx', ['recipient', 'sentAt'])
export class EmailDelivery {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'email_delivery_pkey' })
  key!: string;

  @Column({ type: 'citext' })
  recipient!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt!: Date;
}
