import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event that changes a household's outreach (debt cleared, moved out, answered…). */
@Entity({ name: 'coordination_event' })
@Index('ix_coordination_event_household', ['householdId', 'at'])
export class CoordinationEventRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
