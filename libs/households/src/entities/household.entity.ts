import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One household, as Unisson knows it across every partner's records. */
@Entity({ name: 'household' })
export class Household {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'text' })
  territory: string;

  /** BCP 47 tag of the language the household reads ("fr", "fr-falc" for easy-to-read French, "ar"…). */
  @Column({ name: 'preferred_locale', type: 'text', default: 'fr' })
  preferredLocale: string;

  /** The channel the household said it prefers (on its response page); null when it has not said. */
  @Column({ name: 'preferred_channel', type: 'text', nullable: true })
  preferredChannel: string | null;

  /**
   * A partner said the household reads with difficulty (illettrisme) or cannot read: its messages
   * are spoken where the playbook says so. True once any partner said it; null: nobody said.
   */
  @Column({ name: 'reads_with_difficulty', type: 'boolean', nullable: true })
  readsWithDifficulty: boolean | null;

  /** Number of dependent children, as the latest partner that knew said it; null: nobody said. */
  @Column({ name: 'dependent_children', type: 'smallint', nullable: true })
  dependentChildren: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** When its personal data was erased, the retention period after its procedures closed being over (null: not yet). */
  @Column({ name: 'anonymised_at', type: 'timestamptz', nullable: true })
  anonymisedAt: Date | null;
}
