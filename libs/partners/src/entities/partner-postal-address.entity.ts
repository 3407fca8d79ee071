import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sealedJsonColumn } from '@unisson/crypto';

/** A postal address as an admin gave it, and its block as printed (NF Z 10-011, checked by libs/letters before it is kept). */
export interface PartnerPostalAddressValue {
  /** Line 1: the landlord as letters name it (a private landlord is often a person). */
  name: string;
  addressExtra: string | null;
  street: string;
  postalCode: string;
  city: string;
  /** The window envelope's lines, in order: name, complements, street, "CP VILLE". */
  lines: string[];
}

/**
 * The postal address of a private landlord partner (`bailleur_prive`): where the mobile team's
 * letters to the landlord go (decision 0022). A private landlord is a natural person: the whole
 * address is sealed at rest (libs/crypto, decision 0020), the postal code included.
 */
@Entity({ name: 'partner_postal_address' })
export class PartnerPostalAddress {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Column({ type: 'text', transformer: sealedJsonColumn('partner_postal_address.address') })
  address: PartnerPostalAddressValue;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
