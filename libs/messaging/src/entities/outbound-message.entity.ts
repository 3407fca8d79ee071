import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Channel, CHANNELS, MESSAGE_STATUSES, MessageStatus } from '../domain/message-status';
import { sealedText } from '@unisson/crypto';

/** The sealed columns' contexts (authenticated with each value). */
export const MESSAGE_CONTEXT = {
  recipient: 'outbound_message.recipient',
  subject: 'outbound_message.subject',
  body: 'outbound_message.body',
  bodyHtml: 'outbound_message.body_html',
} as const;

/** The HTML (an e-mail's MJML layout, a letter's) is deflated, then sealed: 18 KB become 3 KB at rest. */
export const BODY_HTML_SEALING = sealedText(MESSAGE_CONTEXT.bodyHtml, { deflate: true });

/** One message to one household on one channel, with its durable state. */
@Entity({ name: 'outbound_message' })
@Index('ix_outbound_message_status_due', ['status', 'notBefore'])
@Index('ix_outbound_message_status_sent', ['status', 'sentAt'])
export class OutboundMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Deterministic key of what this message is (e.g. `submission:<id>:sms:premier-impaye`). */
  @Index({ unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** The coordination engine's planned contact this message carries out (null for messages of no plan). */
  @Index('ux_outbound_message_planned_contact', { unique: true, where: 'planned_contact_key IS NOT NULL' })
  @Column({ name: 'planned_contact_key', type: 'text', nullable: true })
  plannedContactKey: string | null;

  @Index()
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @Column({ name: 'procedure_id', type: 'uuid', nullable: true })
  procedureId: string | null;

  /** The partners who sign the message (co-signed messages have several). */
  @Column({ name: 'signing_partner_ids', type: 'uuid', array: true })
  signingPartnerIds: string[];

  @Column({ type: 'enum', enum: CHANNELS, enumName: 'message_channel' })
  channel: Channel;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'template_key', type: 'text' })
  templateKey: string;

  /** Content hash of the exact template version rendered. */
  @Column({ name: 'template_version', type: 'text' })
  templateVersion: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text', default: 'default' })
  variant: string;

  /** E.164 phone number, e-mail address or postal address; sealed at rest (libs/crypto) like the worded message. */
  @Column({ type: 'text', transformer: sealedText(MESSAGE_CONTEXT.recipient) })
  recipient: string;

  @Column({ type: 'text', nullable: true, transformer: sealedText(MESSAGE_CONTEXT.subject) })
  subject: string | null;

  @Column({ type: 'text', transformer: sealedText(MESSAGE_CONTEXT.body) })
  body: string;

  @Column({ name: 'body_html', type: 'text', nullable: true, transformer: BODY_HTML_SEALING })
  bodyHtml: string | null;

  @Column({ type: 'enum', enum: MESSAGE_STATUSES, enumName: 'message_status', default: 'queued' })
  status: MessageStatus;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;

  @Index()
  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId: string | null;

  @Column({ name: 'send_attempts', type: 'integer', default: 0 })
  sendAttempts: number;

  @Column({ name: 'sending_started_at', type: 'timestamptz', nullable: true })
  sendingStartedAt: Date | null;

  /**
   * When the provider may have taken the message: an e-mail's SMTP transaction reached its final
   * dot, or an SMS request was answered ambiguously (timeout, 5xx). Set: reconcile before resending.
   */
  @Column({ name: 'provider_handover_at', type: 'timestamptz', nullable: true })
  providerHandoverAt: Date | null;

  /** Last time the provider was asked for the status of this sent message (lost callbacks). */
  @Column({ name: 'status_checked_at', type: 'timestamptz', nullable: true })
  statusCheckedAt: Date | null;

  @Column({ name: 'last_error_code', type: 'text', nullable: true })
  lastErrorCode: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
