import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An e-mail address a delivery status notification said does not exist: no partner's e-mail is
 * planned to it again until a partner reports another address. Kept as a hash, never in clear.
 */
@Entity({ name: 'invalid_email_address' })
export class InvalidEmailAddressRow {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @PrimaryColumn({ name: 'address_key', type: 'text' })
  addressKey: string;

  @Column({ name: 'marked_at', type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}
