import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Household matching's public reader of aggregates (operators' overview): records, links, open reviews. */
@Injectable()
export class LinkageFiguresReader {
  constructor(private readonly dataSource: DataSource) {}

  async figures(): Promise<{ records: number; linked: number; reviewsOpen: number }> {
    const [[records], links] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS n FROM linkage_record`) as Promise<Array<{ n: number }>>,
      this.dataSource.query(`SELECT status AS k, count(*)::int AS n FROM linkage_link GROUP BY status`) as Promise<
        Array<{ k: string; n: number }>
      >,
    ]);
    const of = (k: string) => links.find((l) => l.k === k)?.n ?? 0;
    return { records: records.n, linked: of('linked'), reviewsOpen: of('review') };
  }
}
