import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Households of a territory that reached a funnel step (a procedure event, or presence at the
 * hearing) on one UTC day, kept by PostgreSQL's triggers on `analytics_stage` and
 * `analytics_response` (migration 1815000000001): the funnel sums these rows.
 */
@Entity({ name: 'analytics_funnel_day' })
export class FunnelDay {
  @PrimaryColumn({ type: 'text' })
  territory: string;

  @PrimaryColumn({ type: 'text' })
  step: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'bigint' })
  households: string;
}
