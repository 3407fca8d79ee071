import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessagesRepository } from '../messages.repository';
import { ProviderStatusUpdates } from '../provider-status-updates';
import { ClickToCall } from './click-to-call';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CALL_SID = /^CA[0-9a-f]{32}$/i;

export interface CallStatusTarget {
  messageId: string | null;
  clickToCallId: string | null;
  leg: string | null;
}

function integerOrNull(value: string | undefined): number | null {
  const n = value === undefined ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : null;
}

/**
 * Twilio's call status callbacks, signed and verified upstream: each (call, status) is kept once
 * (a retried callback changes nothing), then moves the spoken message on (delivered when the call
 * completed, undelivered when busy or unanswered: the plan takes its next channel) or the
 * click-to-call's legs.
 */
@Injectable()
export class CallStatusRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessagesRepository,
    private readonly statusUpdates: ProviderStatusUpdates,
    private readonly clickToCall: ClickToCall,
  ) {}

  async record(target: CallStatusTarget, params: Record<string, string>): Promise<boolean> {
    const callSid = params.CallSid ?? '';
    const status = params.CallStatus ?? '';
    if (!CALL_SID.test(callSid) || !/^[a-z-]{3,20}$/.test(status)) return false;
    const messageId = target.messageId && UUID.test(target.messageId) ? target.messageId : null;
    const clickToCallId = target.clickToCallId && UUID.test(target.clickToCallId) ? target.clickToCallId : null;
    const leg = messageId ? 'voice_message' : clickToCallId && (target.leg === 'agent' || target.leg === 'household') ? target.leg : null;
    if (!leg) return false;
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO call_status_event (call_sid, parent_call_sid, call_status, leg, message_id, click_to_call_id, sequence_number, duration_seconds, answered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (call_sid, call_status) DO NOTHING RETURNING id`,
      [
        callSid,
        params.ParentCallSid ?? null,
        status,
        leg,
        messageId,
        clickToCallId,
        integerOrNull(params.SequenceNumber),
        integerOrNull(params.CallDuration),
        params.AnsweredBy ?? null,
      ],
    );
    if (!inserted.length) return false;
    if (messageId) {
      const message = await this.messages.findById(messageId);
      if (!message || message.channel !== 'voice') return true;
      if (message.providerMessageId && message.providerMessageId !== callSid) return true;
      await this.statusUpdates.apply(message, {
        providerStatus: status,
        providerMessageId: callSid,
        errorCode: params.ErrorCode ?? null,
        source: 'twilio_callback',
      });
    } else if (clickToCallId) {
      await this.clickToCall.legChanged(clickToCallId, leg as 'agent' | 'household', callSid, status);
    }
    return true;
  }
}
