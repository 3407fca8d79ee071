import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TraceEntry } from '../domain/types';

/** The current contact plan of a household's procedure, with its reason trace. */
@Entity({ name: 'contact_plan' })
@Index('ux_contact_plan_household_procedure', ['householdId', 'procedureId'], { unique: true })
export class ContactPlanRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'procedure_id', type: 'text' })
  procedureId: string;

  @Column({ type: 'text' })
  stage: string;

  @Column({ type: 'text' })
  territory: string;

  @Column({ name: 'playbook_version', type: 'text' })
  playbookVersion: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'planned_at', type: 'timestamptz' })
  plannedAt: Date;

  /** Partner ids named in the plan (lead, co-signers, intent owners): who may read it. */
  @Column({ name: 'partner_ids', type: 'text', array: true })
  partnerIds: string[];

  @Column({ type: 'jsonb' })
  trace: TraceEntry[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
