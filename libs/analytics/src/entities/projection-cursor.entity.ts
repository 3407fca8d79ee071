import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far analytics has read another capability's feed (time, then id, of the last row read). */
@Entity({ name: 'analytics_cursor' })
export class ProjectionCursor {
  @PrimaryColumn({ type: 'text' })
  feed: string;

  @Column({ name: 'position_at', type: 'timestamptz' })
  positionAt: Date;

  @Column({ name: 'position_id', type: 'text' })
  positionId: string;
}
