import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A phone number a caller found wrong ("wrong number"): no partner's SMS, call or spoken message
 * goes to it again until a partner reports another number. Kept as a keyed blind index
 * (`blindIndex('phone', e164)`), never in clear.
 */
@Entity({ name: 'invalid_phone_number' })
export class InvalidPhoneNumberRow {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @PrimaryColumn({ name: 'number_key', type: 'text' })
  numberKey: string;

  /** The planned contact whose call found it wrong, when known. */
  @Column({ name: 'contact_key', type: 'text', nullable: true })
  contactKey: string | null;

  @Column({ name: 'marked_at', type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}
