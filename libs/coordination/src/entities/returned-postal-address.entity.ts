import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A postal address a letter came back from (NPAI): no partner's letter goes there again until a
 * partner reports another address for the household. The address is kept as a normalised key,
 * never in clear.
 */
@Entity({ name: 'returned_postal_address' })
export class ReturnedPostalAddressRow {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @PrimaryColumn({ name: 'address_key', type: 'text' })
  addressKey: string;

  /** The returned contact. */
  @Column({ name: 'contact_key', type: 'text' })
  contactKey: string;

  @Column({ name: 'returned_at', type: 'timestamptz', default: () => 'now()' })
  returnedAt: Date;
}
