import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ChannelError, ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { PartnersRepository } from '@unisson/partners';
import { jobSpec, QUEUES } from '@unisson/queues';
import { loadLandlordLetters, TemplateLibrary } from '@unisson/templates';
import { addressBlock, describeAddressProblems, parseRecipient } from './domain/address-block';
import { postageClassFor } from './domain/postage';
import { batchTimeOf, printDayFor } from './domain/print-day';
import { LetterLayoutError, TypstPdfEngine } from './engine/typst-pdf-engine';
import { layoutLetter } from './letter-composition';
import { LetterLinks } from './letter-links';
import { PrintStageRepository } from './print-stage.repository';

/**
 * Letters behind the channel port: `send` checks the address block (NF Z 10-011), issues the
 * letter's response link and tracking code (a letter to the household's private landlord, worded
 * by a templates/landlord/ letter, gets a tracking code only: no response link, no QR code, the
 * landlord does not answer for the household), lays the letter out once in a Typst worker
 * process (its pages counted, a layout that cannot print refused now rather than at night) and
 * accepts it into the print stage, once per message idempotency key. The day's batch job
 * prints it; the provider's verdicts (posted, delivered, returned) come back later as status
 * updates.
 */
@Injectable()
export class LetterChannelSender extends ChannelSender {
  readonly channel = 'letter' as const;
  /** Templates of letters to the landlord (templates/landlord/): printed without the household's response link. */
  private readonly landlordTemplates = new Set(loadLandlordLetters().map((l) => l.key));

  constructor(
    private readonly stage: PrintStageRepository,
    private readonly partners: PartnersRepository,
    private readonly library: TemplateLibrary,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Absent in a process without the response page or the queues (a test of dispatch alone): letters then wait.
    @Optional() private readonly links?: LetterLinks,
    @Optional() @InjectQueue(QUEUES.letters) private readonly queue?: Queue,
  ) {
    super();
  }

  async send(delivery: OutboundDelivery): Promise<DeliveryReceipt> {
    const existing = await this.stage.findByIdempotencyKey(delivery.idempotencyKey);
    if (existing) return this.receipt(existing.id, existing.status);
    const address = addressBlock(parseRecipient(delivery.recipient));
    if (!address.ok)
      throw new ChannelError('letter', 'ADDRESS_INVALID', false, `adresse postale refusée : ${describeAddressProblems(address.problems)}`);
    if (!delivery.bodyHtml) throw new ChannelError('letter', 'INVALID_REQUEST', false, 'the letter has no composed layout (bodyHtml)');
    const [leadId] = delivery.signingPartnerIds;
    const signers = await this.partners.findPartnersByIds(delivery.signingPartnerIds);
    const logos = await this.stage.logosOf(delivery.signingPartnerIds);
    const ordered = delivery.signingPartnerIds.map((id) => signers.find((p) => p.id === id)).filter((p) => !!p);
    if (!this.links)
      throw new ChannelError('letter', 'LETTERS_NOT_CONFIGURED', true, 'no response links in this process: the letter waits');
    const toLandlord = this.landlordTemplates.has(delivery.templateKey);
    const link = toLandlord
      ? { ...this.links.trackingCodeOnly(), url: '' }
      : await this.links.issue({
          householdId: delivery.householdId,
          messageId: delivery.messageId,
          plannedContactKey: delivery.plannedContactKey ?? null,
          purpose: delivery.purpose,
          locale: delivery.locale,
        });
    const now = new Date();
    const printDay = printDayFor(now, this.config.letters.cutoff);
    const item = {
      idempotencyKey: delivery.idempotencyKey,
      messageId: delivery.messageId,
      householdId: delivery.householdId,
      plannedContactKey: delivery.plannedContactKey ?? null,
      senderPartnerId: leadId,
      printDay,
      trackingCode: link.shortCode,
      trackingCodeDisplay: link.shortCodeDisplay,
      responseUrl: link.url,
      addressee: toLandlord ? ('landlord' as const) : ('household' as const),
      locale: delivery.locale,
      purpose: delivery.purpose,
      postageClass: postageClassFor(delivery.templateKey),
      addressLines: address.lines,
      signers: ordered.map((p) => ({ name: p.name, logoSvg: logos.get(p.id) ?? null })),
      phone: ordered[0]?.publicPhone ?? null,
      bodyHtml: delivery.bodyHtml,
      pages: 0,
    };
    try {
      item.pages = await TypstPdfEngine.instance().countPagesOnWorker(
        layoutLetter(this.library, { ...item, responseUrl: toLandlord ? null : item.responseUrl, printedOn: printDay }),
      );
    } catch (error) {
      if (error instanceof LetterLayoutError)
        throw new ChannelError('letter', error.code, error.code === 'ENGINE_UNAVAILABLE', error.message);
      throw error;
    }
    const staged = await this.stage.stage(item);
    await this.scheduleBatch(staged.senderPartnerId, staged.printDay, now);
    return this.receipt(staged.id, staged.status);
  }

  /** The print stage is asked: a letter is accepted once it is staged. */
  async lookup(delivery: OutboundDelivery): Promise<ProviderLookup> {
    const existing = await this.stage.findByIdempotencyKey(delivery.idempotencyKey);
    return existing ? { kind: 'accepted', receipt: this.receipt(existing.id, existing.status) } : { kind: 'notAccepted' };
  }

  async scheduleBatch(senderPartnerId: string, printDay: string, now: Date): Promise<void> {
    const at =
      this.config.letters.batchDelayMs !== null
        ? now.getTime() + this.config.letters.batchDelayMs
        : batchTimeOf(printDay, this.config.letters.cutoff).getTime();
    const job = jobSpec('letters.batch', { senderPartnerId, printDay });
    // Without the queue here, the letters' reconciler schedules the batch.
    await this.queue?.add(job.name, job.data, { ...job.opts, delay: Math.max(0, at - now.getTime()) });
  }

  private receipt(itemId: string, status: string): DeliveryReceipt {
    return { providerMessageId: `letter:${itemId}`, providerStatus: status === 'staged' ? 'batched' : status };
  }
}
