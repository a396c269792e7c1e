import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * lead_appointment as stored (prisma-free-migrations/012), for the schema check only: the feature
 * reads and writes it through LeadAppointmentsRepository's SQL, and GraphQL shows LeadAppointment.
 */
@Entity('lead_appointment')
@Check('lead_appointment_lead_role_check', `lead_role IN ('EXECUTIVE', 'OPERATIONAL', 'SENIOR')`)
@Check('lead_appointment_status_check', `status IN ('AWAITING_CONFIRMATION', 'AGREED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')`)
@Check('lead_appointment_expiry_check', `expires_at > named_at`)
@Index('lead_appointment_awaiting_key', ['organisationId', 'userId', 'leadRole'], { unique: true, where: `status = 'AWAITING_CONFIRMATION'` })
@Index('lead_appointment_user_idx', ['userId', 'status'])
@Index('lead_appointment_organisation_idx', ['organisationId', 'namedAt'])
export class LeadAppointmentRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'lead_appointment_pkey' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne('Organisation')
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'lead_appointment_organisation_id_fkey' })
  organisation?: unknown;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne('User')
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'lead_appointment_user_id_fkey' })
  user?: unknown;

  @Column({ name: 'lead_role', type: 'text' })
  leadRole!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'job_title', type: 'text' })
  jobTitle!: string;

  @Column({ type: 'citext' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ name: 'source_submission_id', type: 'uuid', nullable: true })
  sourceSubmissionId!: string | null;

  @ManyToOne('NominationSubmission', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'source_submission_id', foreignKeyConstraintName: 'lead_appointment_source_submission_id_fkey' })
  sourceSubmission?: unknown;

  @Column({ name: 'replaces_lead_id', type: 'uuid', nullable: true })
  replacesLeadId!: string | null;

  @ManyToOne('DasvLead', { nullable: true })
  @JoinColumn({ name: 'replaces_lead_id', foreignKeyConstraintName: 'lead_appointment_replaces_lead_id_fkey' })
  replacesLead?: unknown;

  @Column({ name: 'named_by_id', type: 'uuid', nullable: true })
  namedById!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'named_by_id', foreignKeyConstraintName: 'lead_appointment_named_by_id_fkey' })
  namedBy?: unknown;

  @Column({ name: 'named_by_name', type: 'text' })
  namedByName!: string;

  @Column({ name: 'named_at', type: 'timestamptz' })
  namedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text', default: 'AWAITING_CONFIRMATION' })
  status!: string;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId!: string | null;

  @ManyToOne('DasvLead', { nullable: true })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'lead_appointment_lead_id_fkey' })
  lead?: unknown;
}
