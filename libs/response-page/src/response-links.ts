import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import {
  isExpired,
  IssuedLink,
  IssueLinkRequest,
  linkExpiry,
  linkRequestProblems,
  linkReuseKey,
  LinkReuseKey,
  NOTICE_PURPOSE,
  ResponseLinkView,
} from './domain/response-link';
import { nonceFromToken, TOKEN_NONCE_BYTES, tokenFromNonce } from './domain/response-token';
import { formatTrackingCode, normaliseTrackingCode, trackingCodeFromBytes } from './domain/tracking-code';
import { ResponseLink } from './entities/response-link.entity';
import { ResponseLinksRepository } from './response-links.repository';

export class ResponseLinkRequestError extends Error {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super(`invalid response link request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    this.name = 'ResponseLinkRequestError';
  }
}

/** What resolving a token gives: the link, or why there is none (the page says the same to both). */
export type ResolvedLink =
  { status: 'valid'; link: ResponseLinkView; token: string } | { status: 'expired'; link: ResponseLinkView } | { status: 'unknown' };

function noticeKeyOf(key: LinkReuseKey | null): string | null {
  if (key?.by !== 'notice') return null;
  return [key.householdId ?? 'anonymous', key.stage, key.territory, key.locale ?? ''].join('|');
}

function toView(row: ResponseLink): ResponseLinkView {
  return {
    id: row.id,
    householdId: row.householdId,
    messageId: row.messageId,
    plannedContactKey: row.plannedContactKey,
    purpose: row.purpose,
    locale: row.locale,
    stage: row.stage,
    territory: row.territory,
    partnerId: row.partnerId,
    shortCode: row.shortCode,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    viaNotice: row.purpose === NOTICE_PURPOSE,
  };
}

/**
 * Response links: what letters, e-mails, SMS and the shared notice carry so that the household
 * can answer on its page (`/r/<token>`), and the tracking code printed under the QR code.
 * `issue` is idempotent per message (and per planned contact, and per notice and household).
 */
@Injectable()
export class ResponseLinks {
  constructor(
    private readonly repository: ResponseLinksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(request: IssueLinkRequest, now: Date = new Date()): Promise<IssuedLink> {
    const problems = linkRequestProblems(request, now);
    if (problems.length) throw new ResponseLinkRequestError(problems);
    const reuseKey = linkReuseKey(request);
    const noticeKey = noticeKeyOf(reuseKey);
    for (let attempt = 0; attempt < 8; attempt++) {
      if (reuseKey) {
        const existing = await this.repository.findByReuseKey(reuseKey, noticeKey);
        if (existing) return this.issued(existing);
      }
      const inserted = await this.repository.insertUnlessTaken({
        nonce: randomBytes(TOKEN_NONCE_BYTES).toString('hex'),
        shortCode: this.drawTrackingCode(),
        householdId: request.householdId ?? null,
        messageId: request.messageId ?? null,
        plannedContactKey: request.plannedContactKey ?? null,
        purpose: request.purpose,
        locale: request.locale,
        stage: request.stage ?? null,
        territory: request.territory ?? null,
        partnerId: request.partnerId ?? null,
        noticeKey,
        expiresAt: linkExpiry(request, now, this.config.responsePage.linkTtlDays),
      });
      if (inserted) return this.issued(inserted);
      // Taken: by the same message issued concurrently (read it on the next turn), or a code collision (draw again).
    }
    throw new Error('could not issue a response link: tracking codes kept colliding');
  }

  /** The link a token opens; a token that was never issued, was altered or has expired reveals nothing else. */
  async resolve(token: string, now: Date = new Date()): Promise<ResolvedLink> {
    const nonce = nonceFromToken(this.config.security.appSecret, token);
    if (!nonce) return { status: 'unknown' };
    const row = await this.repository.findByNonce(nonce);
    if (!row) return { status: 'unknown' };
    const link = toView(row);
    return isExpired(link, now) ? { status: 'expired', link } : { status: 'valid', link, token };
  }

  /** The link of a tracking code as printed or typed (any case, hyphens, O for 0…); null when not a valid code or unknown. */
  async byShortCode(typed: string): Promise<ResponseLinkView | null> {
    const code = normaliseTrackingCode(typed);
    if (!code) return null;
    const row = await this.repository.findByShortCode(code);
    return row ? toView(row) : null;
  }

  /** The page address of an issued link. */
  urlOf(token: string): string {
    return `${this.config.api.publicBaseUrl}/r/${token}`;
  }

  async countVisit(linkId: string, at: Date = new Date()): Promise<void> {
    await this.repository.countVisit(linkId, at);
  }

  private issued(row: ResponseLink): IssuedLink {
    const token = tokenFromNonce(this.config.security.appSecret, row.nonce);
    return {
      token,
      url: this.urlOf(token),
      shortCode: row.shortCode,
      shortCodeDisplay: formatTrackingCode(row.shortCode),
      expiresAt: row.expiresAt,
    };
  }

  private drawTrackingCode(): string {
    for (;;) {
      const code = trackingCodeFromBytes(randomBytes(5));
      if (code) return code;
    }
  }
}
