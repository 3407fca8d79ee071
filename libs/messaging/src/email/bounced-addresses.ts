import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The e-mail addresses of a household that bounced (lower-cased): messaging writes to them no more. */
@Injectable()
export class BouncedAddresses {
  constructor(private readonly dataSource: DataSource) {}

  async of(householdId: string): Promise<Set<string>> {
    const rows: Array<{ address: string }> = await this.dataSource.query(
      `SELECT DISTINCT address FROM email_bounce WHERE household_id = $1`,
      [householdId],
    );
    return new Set(rows.map((r) => r.address));
  }
}
