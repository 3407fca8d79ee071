import { Injectable } from '@nestjs/common';
import type { PartnerDirectorySource } from '@unisson/coordination';
import { DataSource } from 'typeorm';

/** Partners' public reader for the coordination engine: who works on a territory (name and kind). */
@Injectable()
export class PartnerDirectoryReader implements PartnerDirectorySource {
  constructor(private readonly dataSource: DataSource) {}

  async partnersFor(territory: string, alsoIds: readonly string[] = []) {
    const rows: Array<{ id: string; name: string; kind: string }> = await this.dataSource.query(
      `SELECT id, name, kind FROM partner WHERE territory = $1 OR $1 = ANY(territories) OR id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [territory, [...new Set(alsoIds)]],
    );
    return rows as Awaited<ReturnType<PartnerDirectorySource['partnersFor']>>;
  }
}
