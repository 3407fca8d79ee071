import { Inject, Injectable, Optional } from '@nestjs/common';
import addressparser from 'nodemailer/lib/addressparser';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { PartnersRepository } from '@unisson/partners';
import { ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup, SendProgress, Throttle } from './channel-sender';
import { ChannelError } from './domain/channel-error';
import { EmailLog } from './email-log';
import { linkPhonesAndTrackLinks, unsubscribeHeaders, verpAddress } from './domain/email-content';
import { signToken } from './domain/signed-tokens';
import { EmailSender } from './email-sender';

/** The Message-ID of a message's e-mail: derived from its idempotency key, the same on every attempt. */
export function emailMessageId(idempotencyKey: string): string {
  return `<${idempotencyKey.replace(/[^\w.-]/g, '.')}@unisson>`;
}

/** The links an e-mail carries back to the API: one-click unsubscribe, tracked links. */
export function emailLinkUrls(config: Pick<AppConfig, 'api' | 'security'>) {
  const base = config.api.publicBaseUrl;
  const secret = config.security.appSecret;
  return {
    unsubscribe: (householdId: string, messageId: string) =>
      `${base}/v1/email/unsubscribe?t=${signToken(secret, 'email-unsubscribe', { h: householdId, m: messageId })}`,
    tracked: (messageId: string, url: string) => `${base}/v1/email/link?t=${signToken(secret, 'email-link', { m: messageId, u: url })}`,
  };
}

interface LeadPartner {
  name: string;
  replyToEmail: string | null;
}

/** How long a lead partner's name and Reply-To are reused before being read again. */
const LEAD_PARTNER_TTL_MS = 30_000;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * E-mail through the mail transport port (SMTP), in the lead partner's name: its name in From
 * (our address, which the relay may sign), its Reply-To, a plain-text part, `tel:` links, links
 * tracked through the API, RFC 8058 one-click unsubscribe, and a VERP return path so a bounce
 * names its message.
 */
@Injectable()
export class EmailChannelSender extends ChannelSender {
  readonly channel = 'email' as const;

  private readonly relay: string;
  private readonly log: EmailLog | null;
  private readonly fromAddress: string;
  private readonly fromName: string;
  private readonly links: ReturnType<typeof emailLinkUrls>;
  private readonly leadPartners = new Map<string, { lead: Promise<LeadPartner | null>; until: number }>();

  constructor(
    private readonly email: EmailSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly partners?: PartnersRepository,
  ) {
    super();
    this.relay = new URL(config.mail.smtpUrl).host;
    this.log = config.mail.log ? new EmailLog(config.mail.log, config.dispatch.providerTimeoutMs) : null;
    const [from] = addressparser(config.mail.from, { flatten: true });
    this.fromAddress = from?.address || config.mail.from;
    this.fromName = from?.name || 'Unisson';
    this.links = emailLinkUrls(config);
  }

  async send(delivery: OutboundDelivery, progress?: SendProgress): Promise<DeliveryReceipt> {
    const lead = await this.leadPartner(delivery);
    const html = delivery.bodyHtml ?? `<pre>${escapeHtml(delivery.body)}</pre>`;
    const receipt = await this.email.send(
      {
        to: delivery.recipient,
        from: { name: lead?.name ?? this.fromName, address: this.fromAddress },
        replyTo: lead?.replyToEmail ?? null,
        envelopeFrom: verpAddress(this.config.mail.returnPath, delivery.messageId),
        subject: delivery.subject ?? '',
        text: delivery.body,
        html: linkPhonesAndTrackLinks(html, (url) => this.links.tracked(delivery.messageId, url)),
        messageId: emailMessageId(delivery.idempotencyKey),
        headers: {
          'X-Unisson-Message': delivery.messageId,
          ...unsubscribeHeaders(this.links.unsubscribe(delivery.householdId, delivery.messageId)),
        },
      },
      // With the relay's log, a message in doubt is looked up there (`lookup`): the moment of its
      // final dot need not be written down first (one statement per e-mail less; decision 0028),
      // only the claim confirmed (no statement).
      progress ? (this.log ? async () => progress.confirmClaim() : () => progress.beforeHandover()) : undefined,
    );
    return { providerMessageId: receipt.providerMessageId };
  }

  /** Two per SMTP session: one in its DATA, one being prepared. */
  override maxInFlight(): number | null {
    return this.email.sessions ? 2 * this.email.sessions : null;
  }

  /** One bucket per relay. */
  override throttle(): Throttle {
    return { key: `smtp:${this.relay}`, cost: 1, perSecond: this.config.dispatch.emailsPerSecond };
  }

  /**
   * SMTP itself cannot be asked what it accepted; the relay's log can (MAIL_LOG_URL). In the log:
   * accepted. Not in it, once the log had time to catch up with the hand-over: not accepted (the
   * final dot never arrived, e.g. the worker died between recording the hand-over and writing
   * it), sent again with the same Message-ID. Sooner: a retryable error (asked again later).
   * Without a log: unknown, and dispatch does not resend an e-mail past its final dot.
   */
  async lookup(delivery: OutboundDelivery, claimedAt: Date): Promise<ProviderLookup> {
    if (!this.log || !this.config.mail.log) return { kind: 'unknown' };
    const messageId = emailMessageId(delivery.idempotencyKey);
    const entries = await this.log.find(messageId);
    if (entries.length) return { kind: 'accepted', receipt: { providerMessageId: messageId, providerStatus: 'accepted' } };
    if (Date.now() - claimedAt.getTime() < this.config.mail.log.settleMs) {
      throw new ChannelError('email', 'MAIL_LOG_NOT_SETTLED', true, 'the relay log may not list this e-mail yet; asked again later');
    }
    return { kind: 'notAccepted' };
  }

  /**
   * The lead partner's name and Reply-To, read at most every LEAD_PARTNER_TTL_MS per partner (a
   * few partners sign thousands of e-mails a minute: one query each was a third of the database's
   * work per e-mail). A renamed partner shows in e-mails within that delay.
   */
  private leadPartner(delivery: OutboundDelivery): Promise<LeadPartner | null> {
    const leadId = delivery.signingPartnerIds[0];
    if (!leadId || !this.partners) return Promise.resolve(null);
    const now = Date.now();
    const cached = this.leadPartners.get(leadId);
    if (cached && cached.until > now) return cached.lead;
    const lead = this.partners
      .findPartnersByIds([leadId])
      .then(([p]) => (p ? { name: p.name, replyToEmail: p.replyToEmail ?? null } : null));
    if (this.leadPartners.size >= 10_000) this.leadPartners.clear();
    this.leadPartners.set(leadId, { lead, until: now + LEAD_PARTNER_TTL_MS });
    // A failed read is not kept: the next e-mail asks again.
    lead.catch(() => this.leadPartners.delete(leadId));
    return lead;
  }
}
