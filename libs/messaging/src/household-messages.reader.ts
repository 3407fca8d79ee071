import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openNullable, openValue } from '@unisson/crypto';
import { loadLandlordLetters } from '@unisson/templates';
import { MESSAGE_CONTEXT } from './entities/outbound-message.entity';

export interface HouseholdMessage {
  id: string;
  channel: string;
  purpose: string;
  templateKey: string;
  templateVersion: string;
  locale: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  sentAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface HouseholdResponse {
  channel: string;
  kind: string;
  receivedAt: string;
}

/** What the household's file shows instead of the address of a letter written to its private landlord (a third person's). */
export const LANDLORD_RECIPIENT_SHOWN = 'le bailleur privé (son adresse n’est pas dans le dossier du ménage)';

/** Messaging's public reader of one household's messages and answers (household rights, shared view). */
@Injectable()
export class HouseholdMessagesReader {
  /** Letters to the household's landlord (templates/landlord/): their recipient is the landlord, not the household. */
  private readonly landlordTemplates = new Set(loadLandlordLetters().map((l) => l.key));

  constructor(private readonly dataSource: DataSource) {}

  async messages(householdId: string): Promise<HouseholdMessage[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, channel::text, purpose, template_key, template_version, locale, recipient, subject, body, status::text, sent_at, delivered_at, created_at
         FROM outbound_message WHERE household_id = $1 ORDER BY created_at`,
      [householdId],
    );
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
    return rows.map((r) => ({
      id: String(r.id),
      channel: String(r.channel),
      purpose: String(r.purpose),
      templateKey: String(r.template_key),
      templateVersion: String(r.template_version),
      locale: String(r.locale),
      recipient: this.landlordTemplates.has(String(r.template_key))
        ? LANDLORD_RECIPIENT_SHOWN
        : openValue(String(r.recipient), MESSAGE_CONTEXT.recipient),
      subject: openNullable(r.subject as string | null, MESSAGE_CONTEXT.subject),
      body: openValue(String(r.body), MESSAGE_CONTEXT.body),
      status: String(r.status),
      sentAt: iso(r.sent_at),
      deliveredAt: iso(r.delivered_at),
      createdAt: iso(r.created_at)!,
    }));
  }

  /** Who signed one message of a household (the lead partner first), and the planned contact it carries out. */
  async signersOf(
    householdId: string,
    messageId: string,
  ): Promise<{ signingPartnerIds: string[]; plannedContactKey: string | null } | null> {
    const rows: Array<{ signing_partner_ids: string[]; planned_contact_key: string | null }> = await this.dataSource.query(
      `SELECT signing_partner_ids, planned_contact_key FROM outbound_message WHERE id = $1 AND household_id = $2`,
      [messageId, householdId],
    );
    return rows.length ? { signingPartnerIds: rows[0].signing_partner_ids, plannedContactKey: rows[0].planned_contact_key } : null;
  }

  async responses(householdId: string): Promise<HouseholdResponse[]> {
    const rows: Array<{ channel: string; kind: string; received_at: Date }> = await this.dataSource.query(
      `SELECT channel, kind, received_at FROM inbound_response WHERE household_id = $1 ORDER BY received_at`,
      [householdId],
    );
    return rows.map((r) => ({ channel: r.channel, kind: r.kind, receivedAt: r.received_at.toISOString() }));
  }
}
