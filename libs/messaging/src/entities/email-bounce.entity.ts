import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An e-mail address a delivery status notification said is not deliverable: no message goes to it again. */
@Entity({ name: 'email_bounce' })
@Index('ux_email_bounce_message_address', ['messageId', 'addressIndex'], { unique: true })
@Index('ix_email_bounce_household', ['householdId'])
export class EmailBounce {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  /** Keyed blind index of the lower-cased address (libs/crypto): the address itself is not kept here. */
  @Column({ name: 'address_index', type: 'text' })
  addressIndex: string;

  /** RFC 3463 status, e.g. 5.1.1. */
  @Column({ name: 'status_code', type: 'text' })
  statusCode: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
