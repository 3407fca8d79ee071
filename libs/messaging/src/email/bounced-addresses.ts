import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { blindIndex } from '@unisson/crypto';

/** The key bounces are kept under: the keyed blind index of the trimmed, lower-cased address. */
export function bouncedAddressKey(address: string): string {
  return blindIndex('email', address.trim().toLowerCase()) as string;
}

/** The e-mail addresses of a household that bounced (as `bouncedAddressKey`s): messaging writes to them no more. */
@Injectable()
export class BouncedAddresses {
  constructor(private readonly dataSource: DataSource) {}

  async of(householdId: string): Promise<Set<string>> {
    const rows: Array<{ address_index: string }> = await this.dataSource.query(
      `SELECT DISTINCT address_index FROM email_bounce WHERE household_id = $1`,
      [householdId],
    );
    return new Set(rows.map((r) => r.address_index));
  }
}
