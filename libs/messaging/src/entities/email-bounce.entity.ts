import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An e-mail address a delivery status notification said is not deliverable: no message goes to it again. */
@Entity({ name: 'email_bounce' })
@Index('ux_email_bounce_message_address', ['messageId', 'address'], { unique: true })
@Index('ix_email_bounce_household', ['householdId'])
export class EmailBounce {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  /** Lower-cased. */
  @Column({ type: 'text' })
  address: string;

  /** RFC 3463 status, e.g. 5.1.1. */
  @Column({ name: 'status_code', type: 'text' })
  statusCode: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
