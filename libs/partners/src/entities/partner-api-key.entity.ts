import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApiScope } from '../domain/api-scope';

/**
 * A partner's API key. Only a keyed hash of the secret is stored; the prefix finds the row.
 * Keys look like `uk_<prefix>_<secret>`.
 */
@Entity({ name: 'partner_api_key' })
export class PartnerApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  prefix: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash: string;

  @Column({ type: 'text', array: true })
  scopes: ApiScope[];

  @Column({ type: 'text' })
  label: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Set when the key was rotated: it keeps working until then (the overlap), then stops. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** The key that replaced this one in a rotation. */
  @Column({ name: 'replaced_by_key_id', type: 'uuid', nullable: true })
  replacedByKeyId: string | null;
}
