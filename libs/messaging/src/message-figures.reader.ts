import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Messaging's public reader of aggregates (operators' overview): messages by status and by channel. */
@Injectable()
export class MessageFiguresReader {
  constructor(private readonly dataSource: DataSource) {}

  async figures(): Promise<{ byStatus: Record<string, number>; byChannel: Record<string, number> }> {
    const [statuses, channels]: Array<Array<{ k: string; n: number }>> = await Promise.all([
      this.dataSource.query(`SELECT status::text AS k, count(*)::int AS n FROM outbound_message GROUP BY status`),
      this.dataSource.query(`SELECT channel::text AS k, count(*)::int AS n FROM outbound_message GROUP BY channel`),
    ]);
    return {
      byStatus: Object.fromEntries(statuses.map((r) => [r.k, r.n])),
      byChannel: Object.fromEntries(channels.map((r) => [r.k, r.n])),
    };
  }
}
