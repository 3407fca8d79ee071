import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { blindIndex } from '@unisson/crypto';

/** A phone number as kept once found wrong: its keyed blind index (the number itself is E.164). */
export function phoneNumberKey(e164: string): string {
  return blindIndex('phone', e164.trim())!;
}

/**
 * The engine's public reader and writer of wrong numbers: a caller's "wrong number" marks it for
 * every partner; the planner and messaging ask here before texting or ringing a household.
 */
@Injectable()
export class InvalidPhoneNumbers {
  constructor(private readonly dataSource: DataSource) {}

  /** The keys of the household's numbers found wrong (compare with `phoneNumberKey`). */
  async keysOf(householdId: string): Promise<Set<string>> {
    const rows: Array<{ number_key: string }> = await this.dataSource.query(
      `SELECT number_key FROM invalid_phone_number WHERE household_id = $1`,
      [householdId],
    );
    return new Set(rows.map((r) => r.number_key));
  }

  /** Whether this number of the household is still worth texting or ringing. */
  static usable(keys: ReadonlySet<string>, e164: string | null | undefined): e164 is string {
    return !!e164 && !keys.has(phoneNumberKey(e164));
  }

  /** Marks the number wrong for every partner (idempotent). */
  async mark(householdId: string, e164: string, contactKey: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO invalid_phone_number (household_id, number_key, contact_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [householdId, phoneNumberKey(e164), contactKey],
    );
  }
}
