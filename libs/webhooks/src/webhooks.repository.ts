import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';

export type NewDelivery = Pick<WebhookDelivery, 'endpointId' | 'partnerId' | 'eventId' | 'eventType' | 'payload'>;

@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  insertEndpoint(
    endpoint: Pick<WebhookEndpoint, 'partnerId' | 'url' | 'events' | 'secretCiphertext' | 'description'>,
  ): Promise<WebhookEndpoint> {
    const repo = this.dataSource.getRepository(WebhookEndpoint);
    return repo.save(repo.create(endpoint));
  }

  findEndpoint(id: string): Promise<WebhookEndpoint | null> {
    return this.dataSource.getRepository(WebhookEndpoint).findOne({ where: { id } });
  }

  endpointsOfPartner(partnerId: string): Promise<WebhookEndpoint[]> {
    return this.dataSource.getRepository(WebhookEndpoint).find({ where: { partnerId }, order: { createdAt: 'DESC' } });
  }

  async disableEndpoint(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_endpoint SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL`, [id]);
  }

  /** Active endpoints of these partners wanting this event type. */
  activeEndpoints(partnerIds: readonly string[], eventType: string): Promise<WebhookEndpoint[]> {
    if (!partnerIds.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('e')
      .where('e.partner_id IN (:...partnerIds) AND e.disabled_at IS NULL AND :eventType = ANY(e.events)', { partnerIds, eventType })
      .getMany();
  }

  /** Partners with at least one active endpoint (a cheap filter before any other work). */
  async partnersWithEndpoints(): Promise<Set<string>> {
    const rows: Array<{ partner_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT partner_id FROM webhook_endpoint WHERE disabled_at IS NULL`,
    );
    return new Set(rows.map((r) => r.partner_id));
  }

  /** Inserts deliveries; an event already delivered (or pending) to an endpoint is skipped. Returns the new ids. */
  async insertDeliveries(rows: NewDelivery[]): Promise<string[]> {
    if (!rows.length) return [];
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(WebhookDelivery)
      .values(rows.map((r) => ({ ...r, status: 'pending' as const, nextAttemptAt: new Date() })) as never)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as Array<{ id: string }>).map((r) => r.id);
  }

  findDelivery(id: string): Promise<WebhookDelivery | null> {
    return this.dataSource.getRepository(WebhookDelivery).findOne({ where: { id } });
  }

  async recordAttempt(
    id: string,
    outcome: { delivered: boolean; statusCode: number | null; error: string | null; nextAttemptAt: Date | null; final: boolean },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
              status = CASE WHEN $4 THEN 'delivered' WHEN $5 THEN 'failed' ELSE 'pending' END,
              delivered_at = CASE WHEN $4 THEN now() ELSE NULL END, next_attempt_at = $6
        WHERE id = $1 AND status = 'pending'`,
      [id, outcome.statusCode, outcome.error, outcome.delivered, outcome.final, outcome.nextAttemptAt],
    );
  }

  deliveriesOfPartner(partnerId: string, status: string | undefined, limit: number): Promise<WebhookDelivery[]> {
    return this.dataSource.getRepository(WebhookDelivery).find({
      where: { partnerId, ...(status ? { status: status as WebhookDelivery['status'] } : {}) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  /** Pending deliveries whose next attempt is long overdue (Redis lost the job): the sweeper re-adds them. */
  async overduePendingIds(overdueMs: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at < now() - ($1 || ' milliseconds')::interval ORDER BY next_attempt_at LIMIT 500`,
      [String(overdueMs)],
    );
    return rows.map((r) => r.id);
  }
}
