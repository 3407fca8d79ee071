import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The Fellegi-Sunter models fitted by the last batch run of a territory (used in real time). */
@Entity({ name: 'linkage_model' })
export class LinkageModelRow {
  @PrimaryColumn({ type: 'text' })
  territory: string;

  /** HouseholdModel: person and co-resident m/u tables and priors. */
  @Column({ type: 'jsonb' })
  model: unknown;

  @Column({ name: 'record_count', type: 'integer' })
  recordCount: number;

  @UpdateDateColumn({ name: 'fitted_at', type: 'timestamptz' })
  fittedAt: Date;
}
