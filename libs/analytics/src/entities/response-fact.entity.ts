import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Analytics' read model of one response with its attribution (the messages that preceded it within the purpose's window). */
@Entity({ name: 'analytics_response' })
@Index('ix_analytics_response_household', ['householdId', 'occurredAt'])
@Index('ix_analytics_response_last_touch', ['lastTouchMessageId'])
@Index('ix_analytics_response_kind', ['kind', 'occurredAt'])
@Index('ix_analytics_response_present', ['householdId'], { where: "kind = 'present_at_hearing'" })
export class ResponseFact {
  @PrimaryColumn({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** The household's territory, from its latest message (null when no message preceded). */
  @Column({ type: 'text', nullable: true })
  territory: string | null;

  @Column({ name: 'last_touch_message_id', type: 'uuid', nullable: true })
  lastTouchMessageId: string | null;

  @Column({ name: 'first_touch_message_id', type: 'uuid', nullable: true })
  firstTouchMessageId: string | null;

  /** What refines the kind for the charter (`known` / `unknown`: a DSF for a household known to the social services or not). */
  @Column({ type: 'text', nullable: true })
  qualifier: string | null;
}
