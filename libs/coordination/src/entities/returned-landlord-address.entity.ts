import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A private landlord's postal address a letter to the landlord came back from (NPAI): no letter
 * to the landlord is planned to it again until its partner's address is changed. Kept apart from
 * the households' returned addresses: a landlord's returned letter says nothing about where the
 * household lives. The address is kept as a keyed index, never in clear.
 */
@Entity({ name: 'returned_landlord_address' })
export class ReturnedLandlordAddressRow {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @PrimaryColumn({ name: 'address_key', type: 'text' })
  addressKey: string;

  /** The returned contact (the letter to the landlord). */
  @Column({ name: 'contact_key', type: 'text' })
  contactKey: string;

  @Column({ name: 'returned_at', type: 'timestamptz', default: () => 'now()' })
  returnedAt: Date;
}
