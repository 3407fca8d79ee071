import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ChannelError,
  ChannelSender,
  ChannelSenderRegistry,
  ClaimLapsedError,
  OutboundDelivery,
  ProviderLookup,
  SendProgress,
} from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { HouseholdsRepository } from '@unisson/households';
import { BatchWriter, isConnectionError, Slots } from '@unisson/platform';
import { DispatchOutcomeRow, DispatchStateRepository } from './dispatch-state.repository';
import { ProviderGuard } from './dispatch/provider-guard';
import { OutboundMessage } from './entities/outbound-message.entity';
import { MessagesRepository } from './messages.repository';

export type DispatchOutcome = 'sent' | 'failed' | 'suppressed' | 'not-due' | 'already-handled' | 'unknown' | 'recovered';

/** The longest a send waits in the worker for its provider's pace; longer, the job is delayed. */
const MAX_PACE_WAIT_MS = 2_000;
const BATCH = { maxBatch: 100, maxDelayMs: 2 };

/** Thrown for a failure worth retrying later (the job's backoff decides when). */
export class RetryLaterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** The message must wait until `until` (epoch ms) without spending an attempt: provider paced or circuit open. */
export class DeferredError extends Error {
  constructor(
    readonly until: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'DeferredError';
  }
}

/** The plain data a channel sender gets of a message. */
export function deliveryOf(message: OutboundMessage): OutboundDelivery {
  return {
    messageId: message.id,
    idempotencyKey: message.idempotencyKey,
    plannedContactKey: message.plannedContactKey,
    channel: message.channel,
    householdId: message.householdId,
    purpose: message.purpose,
    locale: message.locale,
    recipient: message.recipient,
    subject: message.subject,
    body: message.body,
    bodyHtml: message.bodyHtml,
    templateKey: message.templateKey,
    templateVersion: message.templateVersion,
    variant: message.variant,
    signingPartnerIds: message.signingPartnerIds,
  };
}

type Claim = OutboundMessage | 'suppressed' | null;

/**
 * Retries a state write whose connection was lost (every write here is idempotent): a lost
 * hand-over or outcome would otherwise leave a message in doubt for no reason.
 */
async function retryOnLostConnection<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isConnectionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
    }
  }
}

/**
 * Sends one message exactly once, whatever its channel. The status row in PostgreSQL is the lock:
 * only the caller that moves it from "queued" to "sending" may call the sender. Before the
 * provider is called again for a message it may already have (a crash, a timeout, a 5xx), the
 * sender is asked (`lookup`); when it cannot tell and the message was handed over (an e-mail
 * past its final dot), the message is not resent. Rate limits and the circuit breaker stand in
 * front of every sender (`ProviderGuard`). State changes of concurrent sends share statements.
 *
 * A claim is a lease: the worker hands a message over only within `claimLeaseMs` of claiming it,
 * and recovery takes a message over only after `stuckAfterMs`, when any provider call started
 * within the lease has ended (each has a deadline of `providerTimeoutMs`). Every write of a claim
 * names its attempt (`send_attempts`), so a worker that lost its claim changes nothing.
 */
@Injectable()
export class MessageDispatchService implements OnModuleDestroy {
  private readonly logger = new Logger('MessageDispatch');
  private readonly claims: BatchWriter<string, Claim>;
  private readonly handovers: BatchWriter<{ id: string; attempt: number }, boolean>;
  private readonly outcomes: BatchWriter<DispatchOutcomeRow, boolean>;
  /** Messages being prepared and sent, per channel, within the sender's limit. */
  private readonly inFlight = new Slots();
  /** A message claimed longer ago than this lost its worker: every provider call has timed out by then. */
  readonly stuckAfterMs: number;
  /** A worker hands a message over only this soon after claiming it; later, it gives it back. */
  readonly claimLeaseMs: number;

  constructor(
    private readonly messages: MessagesRepository,
    private readonly state: DispatchStateRepository,
    private readonly households: HouseholdsRepository,
    private readonly senders: ChannelSenderRegistry,
    private readonly guard: ProviderGuard,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.stuckAfterMs = 2 * config.dispatch.providerTimeoutMs + 5_000;
    // A hand-over begun at the end of the lease has ended (deadline) 2 s before recovery may start.
    this.claimLeaseMs = config.dispatch.providerTimeoutMs + 3_000;
    this.claims = new BatchWriter((ids) => this.claimBatch(ids), BATCH);
    this.handovers = new BatchWriter(async (claims) => {
      const recorded = new Set(await retryOnLostConnection(() => this.state.recordHandovers(claims)));
      return claims.map((c) => recorded.has(c.id));
    }, BATCH);
    this.outcomes = new BatchWriter(async (rows) => {
      const moved = new Set(await retryOnLostConnection(() => this.state.recordOutcomes(rows)));
      return rows.map((r) => moved.has(r.id));
    }, BATCH);
  }

  async dispatch(messageId: string, now: Date = new Date()): Promise<DispatchOutcome> {
    const claimed = await this.claims.write(messageId);
    if (claimed === 'suppressed') return 'suppressed';
    if (!claimed) return this.unclaimed(messageId, now);
    return this.sendClaimed(claimed);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.claims.drain(), this.handovers.drain(), this.outcomes.drain()]);
  }

  /** Claims a batch, then suppresses, at the last moment, what the household refused meanwhile. */
  private async claimBatch(ids: string[]): Promise<Claim[]> {
    const claimed = await this.state.claim([...new Set(ids)], new Date());
    const optOuts = await this.households.optedOutChannelsOf([...new Set(claimed.map((m) => m.householdId))]);
    const refused = claimed.filter((m) => optOuts.get(m.householdId)?.has(m.channel));
    if (refused.length) {
      await this.state.recordOutcomes(
        refused.map((m) => ({ id: m.id, attempt: m.sendAttempts, to: 'suppressed', source: 'worker', errorCode: 'OPTED_OUT' })),
      );
    }
    const byId = new Map<string, Claim>(claimed.map((m) => [m.id, m]));
    for (const m of refused) byId.set(m.id, 'suppressed');
    const seen = new Set<string>();
    // A message asked twice in one batch is claimed once: the second caller lost.
    return ids.map((id) => (seen.has(id) ? null : (seen.add(id), byId.get(id) ?? null)));
  }

  private async unclaimed(id: string, now: Date): Promise<DispatchOutcome> {
    const message = await this.messages.findById(id);
    if (!message) return 'unknown';
    if (message.status === 'sending') return this.recover(message, now);
    if (message.status === 'queued') return 'not-due';
    return 'already-handled';
  }

  private async sendClaimed(message: OutboundMessage): Promise<DispatchOutcome> {
    const sender = this.senders.senderFor(message.channel);
    if (!sender) {
      return this.fail(message, new ChannelError(message.channel, 'CHANNEL_NOT_AVAILABLE', false, `no ${message.channel} sender here`));
    }
    const limit = sender.maxInFlight();
    // Its turn first (the provider's connections are busy), then its sealed fields are opened.
    const release = limit === null ? null : await this.inFlight.acquire(message.channel, limit);
    try {
      return await this.sendInTurn(message, sender);
    } finally {
      release?.();
    }
  }

  private async sendInTurn(message: OutboundMessage, sender: ChannelSender): Promise<DispatchOutcome> {
    const delivery = deliveryOf(message);
    if (message.providerHandoverAt) {
      // A previous attempt may have reached the provider: never send before asking it.
      const settled = await this.settleInDoubt(message, sender, message.providerHandoverAt);
      if (settled) return settled;
    }
    const failedOver = await this.waitForProvider(message, sender, delivery);
    if (failedOver) return failedOver;
    let receipt;
    try {
      // Waiting (its turn, the provider's pace, a slow database) may have outlived the lease.
      this.confirmClaim(message);
      receipt = await sender.send(delivery, this.progressOf(message));
    } catch (error) {
      if (error instanceof ClaimLapsedError) return this.giveBackLapsed(message);
      this.guard.recordFailure(message.channel, error);
      return this.afterFailure(message, error);
    }
    this.guard.recordSuccess(message.channel);
    // The provider has it. Should recording it fail (database gone), the message stays "sending":
    // recovery asks the provider before anything is sent again, never requeues it blindly.
    await this.outcomes.write({
      id: message.id,
      attempt: message.sendAttempts,
      to: 'sent',
      source: 'worker',
      providerMessageId: receipt.providerMessageId,
      providerStatus: receipt.providerStatus ?? null,
    });
    return 'sent';
  }

  /** Throws ClaimLapsedError once the message's claim is older than the lease. */
  private confirmClaim(message: OutboundMessage): void {
    const claimedAt = message.sendingStartedAt?.getTime() ?? 0;
    if (Date.now() - claimedAt >= this.claimLeaseMs) throw new ClaimLapsedError(message.id);
  }

  private progressOf(message: OutboundMessage): SendProgress {
    return {
      confirmClaim: () => this.confirmClaim(message),
      beforeHandover: async () => {
        this.confirmClaim(message);
        // Recorded only while the claim is still this worker's: a message recovery took over meanwhile is not handed over.
        if (!(await this.handovers.write({ id: message.id, attempt: message.sendAttempts }))) throw new ClaimLapsedError(message.id);
      },
    };
  }

  /** The claim lapsed before the hand-over: the message goes back to the queue (unless recovery has it), no attempt spent. */
  private async giveBackLapsed(message: OutboundMessage): Promise<never> {
    this.logger.warn({ messageId: message.id, channel: message.channel }, 'claim lapsed before the hand-over; message given back');
    await this.release(message, 'CLAIM_LAPSED');
    throw new DeferredError(Date.now() + 100, `message ${message.id}: its claim lapsed before the hand-over`);
  }

  /**
   * The circuit breaker and the provider's pace: throws DeferredError (message released) when the
   * send must wait; answers 'failed' when the provider has been out too long for this message.
   */
  private async waitForProvider(
    message: OutboundMessage,
    sender: ChannelSender,
    delivery: OutboundDelivery,
  ): Promise<DispatchOutcome | null> {
    const permit = this.guard.permit(message.channel);
    if (!permit.allowed) {
      if (Date.now() - message.notBefore.getTime() > this.config.dispatch.failoverAfterMs) {
        // The provider has been out too long for this message: the plan moves on to its next channel.
        return this.fail(message, new ChannelError(message.channel, 'PROVIDER_OUTAGE', false, 'provider out for too long'));
      }
      await this.release(message, 'CIRCUIT_OPEN');
      throw new DeferredError(permit.until, `the ${message.channel} provider is out; message ${message.id} waits`);
    }
    const throttle = sender.throttle(delivery);
    if (!throttle) return null;
    const pace = await this.guard.reserve(throttle, MAX_PACE_WAIT_MS);
    if (!pace.granted) {
      await this.release(message, 'PACED');
      throw new DeferredError(Date.now() + pace.waitMs, `message ${message.id} waits for its provider's pace`);
    }
    if (pace.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, pace.waitMs));
    return null;
  }

  private async afterFailure(message: OutboundMessage, error: unknown): Promise<DispatchOutcome> {
    const code = error instanceof ChannelError ? error.code : 'UNEXPECTED';
    if (error instanceof ChannelError && error.maybeAccepted) {
      // The provider may have it: the next attempt asks it before anything is sent again.
      await this.outcomes.write({
        id: message.id,
        attempt: message.sendAttempts,
        to: 'queued',
        source: 'worker',
        errorCode: code,
        handoverAt: (message.sendingStartedAt ?? new Date()).toISOString(),
      });
      throw new RetryLaterError(`message ${message.id}: the provider may have it (${code}); it is reconciled before any retry`);
    }
    if (error instanceof ChannelError && !error.retryable) return this.fail(message, error);
    await this.outcomes.write({ id: message.id, attempt: message.sendAttempts, to: 'queued', source: 'worker', errorCode: code });
    throw new RetryLaterError(`sending message ${message.id} failed (${code}); it will be retried`);
  }

  private async fail(message: OutboundMessage, error: ChannelError): Promise<DispatchOutcome> {
    await this.outcomes.write({ id: message.id, attempt: message.sendAttempts, to: 'failed', source: 'worker', errorCode: error.code });
    this.logger.warn({ messageId: message.id, channel: message.channel, code: error.code }, 'message not sent');
    return 'failed';
  }

  private async release(message: OutboundMessage, reason: string): Promise<void> {
    await this.outcomes.write({
      id: message.id,
      attempt: message.sendAttempts,
      to: 'queued',
      source: 'worker',
      errorCode: reason,
      handoverAt: message.providerHandoverAt?.toISOString() ?? null,
    });
  }

  /**
   * Asks the provider about a message it may have. Accepted: recorded as sent. Unknown (the
   * provider cannot be asked, e.g. SMTP) after a hand-over: recorded as sent, unconfirmed, never
   * resent. Not accepted: null, the caller sends it.
   */
  private async settleInDoubt(message: OutboundMessage, sender: ChannelSender, since: Date): Promise<DispatchOutcome | null> {
    let lookup;
    try {
      lookup = await sender.lookup(deliveryOf(message), since);
    } catch (error) {
      // The provider cannot be asked yet: the message waits, still in doubt, and nothing is sent.
      const code = error instanceof ChannelError ? error.code : 'LOOKUP_FAILED';
      await this.release(message, code);
      throw new RetryLaterError(`message ${message.id}: its provider could not be asked (${code}); asked again later`);
    }
    if (lookup.kind === 'notAccepted') return null;
    return this.recordRecovered(message, lookup, since);
  }

  /** The provider has it (accepted), or cannot tell of a message handed over (unconfirmed): sent, at `sentAt`. */
  private async recordRecovered(message: OutboundMessage, lookup: ProviderLookup, sentAt: Date): Promise<DispatchOutcome> {
    const receipt = lookup.kind === 'accepted' ? lookup.receipt : null;
    await this.outcomes.write({
      id: message.id,
      attempt: message.sendAttempts,
      to: 'sent',
      source: 'reconciler',
      providerMessageId: receipt?.providerMessageId ?? null,
      providerStatus: receipt?.providerStatus ?? 'unconfirmed',
      sentAt: sentAt.toISOString(),
    });
    return 'recovered';
  }

  /**
   * A message left in "sending": its worker died after claiming it (every provider call has
   * timed out since). Settled like any message in doubt; resent only if the provider does not
   * have it, or cannot tell and the message was never handed over.
   */
  private async recover(message: OutboundMessage, now: Date): Promise<DispatchOutcome> {
    const startedAt = message.sendingStartedAt ?? message.updatedAt;
    if (now.getTime() - startedAt.getTime() < this.stuckAfterMs) {
      throw new RetryLaterError(`message ${message.id} is being sent by another worker`);
    }
    const sender = this.senders.senderFor(message.channel);
    const lookup = sender ? await sender.lookup(deliveryOf(message), startedAt) : { kind: 'notAccepted' as const };
    if (lookup.kind === 'accepted' || (lookup.kind === 'unknown' && message.providerHandoverAt)) {
      return this.recordRecovered(message, lookup, startedAt);
    }
    // Requeued only if nothing moved since it was read: same claim, and no hand-over recorded meanwhile.
    const requeued = await this.outcomes.write({
      id: message.id,
      attempt: message.sendAttempts,
      to: 'queued',
      source: 'reconciler',
      handoverAt: null,
      requireNoHandover: message.providerHandoverAt === null,
    });
    if (!requeued) return 'already-handled';
    return this.dispatch(message.id, now);
  }
}
