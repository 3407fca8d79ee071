import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The household's objection to a channel ("STOP" by SMS, a request by phone or letter). */
@Entity({ name: 'household_opt_out' })
@Index('uq_household_opt_out', ['householdId', 'channel'], { unique: true })
export class HouseholdOptOut {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ type: 'text' })
  channel: 'sms' | 'email' | 'letter' | 'voice' | 'call';

  /** Where the objection came from: "sms_stop", "partner", "response_page". */
  @Column({ type: 'text' })
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
