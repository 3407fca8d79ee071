import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LinkReuseKey } from './domain/response-link';
import { ResponseLink } from './entities/response-link.entity';

export type NewResponseLink = Pick<
  ResponseLink,
  | 'nonce'
  | 'shortCode'
  | 'householdId'
  | 'messageId'
  | 'plannedContactKey'
  | 'purpose'
  | 'locale'
  | 'stage'
  | 'territory'
  | 'partnerId'
  | 'noticeKey'
  | 'expiresAt'
>;

/** The only file of the response page that talks to the `response_link` table. */
@Injectable()
export class ResponseLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the link unless one already holds its message, planned contact, notice key, nonce or
   * tracking code; returns the inserted row, or null when one of those was taken (the caller
   * reads the existing link, or draws another code on a code collision).
   */
  async insertUnlessTaken(link: NewResponseLink): Promise<ResponseLink | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO response_link (nonce, short_code, household_id, message_id, planned_contact_key, purpose, locale, stage, territory, partner_id, notice_key, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        link.nonce,
        link.shortCode,
        link.householdId,
        link.messageId,
        link.plannedContactKey,
        link.purpose,
        link.locale,
        link.stage,
        link.territory,
        link.partnerId,
        link.noticeKey,
        link.expiresAt,
      ],
    );
    return rows.length ? this.findById(rows[0].id) : null;
  }

  findById(id: string): Promise<ResponseLink | null> {
    return this.dataSource.getRepository(ResponseLink).findOne({ where: { id } });
  }

  findByNonce(nonce: string): Promise<ResponseLink | null> {
    return this.dataSource.getRepository(ResponseLink).findOne({ where: { nonce } });
  }

  findByShortCode(shortCode: string): Promise<ResponseLink | null> {
    return this.dataSource.getRepository(ResponseLink).findOne({ where: { shortCode } });
  }

  findByReuseKey(key: LinkReuseKey, noticeKey: string | null): Promise<ResponseLink | null> {
    const repo = this.dataSource.getRepository(ResponseLink);
    if (key.by === 'message') return repo.findOne({ where: { messageId: key.messageId } });
    if (key.by === 'plannedContact')
      return repo
        .createQueryBuilder('l')
        .where('l.planned_contact_key = :k AND l.message_id IS NULL', { k: key.plannedContactKey })
        .getOne();
    return repo.findOne({ where: { noticeKey: noticeKey ?? '' } });
  }

  listByHousehold(householdId: string): Promise<ResponseLink[]> {
    return this.dataSource.getRepository(ResponseLink).find({ where: { householdId }, order: { createdAt: 'ASC' } });
  }

  /** Counts one visit of the page. */
  async countVisit(id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE response_link SET visit_count = visit_count + 1, last_visited_at = $2 WHERE id = $1`, [id, at]);
  }
}
