import twilio from 'twilio';
import type { AppConfig } from '@unisson/config';
import { ChannelError } from './domain/channel-error';
import { describeTwilioFailure, twilioClientOptions } from './twilio-sms-sender';
import { twilioFailureToChannelError } from './domain/twilio-error-mapping';

type TwilioConfig = AppConfig['twilio'];

export interface CallRequest {
  to: string;
  /** The number shown to the person called (ours, or a partner's verified number). */
  from: string;
  /** Where Twilio fetches the TwiML once the call is answered (POST, signed). */
  twimlUrl: string;
  statusCallbackUrl: string;
}

export interface CallReceipt {
  callSid: string;
  status: string;
}

export interface RecentCall {
  callSid: string;
  status: string;
  createdAt: Date;
}

function voiceError(error: unknown): ChannelError {
  const mapped = twilioFailureToChannelError(describeTwilioFailure(error));
  return new ChannelError('voice', mapped.code, mapped.retryable, mapped.message, mapped.status, mapped.maybeAccepted);
}

/**
 * Twilio's Calls API through the official SDK (`calls.create`, `calls(sid).fetch()`,
 * `calls.list`), aimed at the local sandbox when TWILIO_BASE_URL is set.
 */
export class TwilioVoiceCalls {
  private readonly client: twilio.Twilio;

  constructor(
    private readonly config: TwilioConfig,
    timeoutMs = 15_000,
  ) {
    this.client = twilio(config.accountSid, config.authToken, twilioClientOptions(config, timeoutMs));
  }

  get fromNumber(): string {
    return this.config.fromNumber;
  }

  async create(req: CallRequest): Promise<CallReceipt> {
    try {
      const call = await this.client.calls.create({
        to: req.to,
        from: req.from,
        url: req.twimlUrl,
        method: 'POST',
        statusCallback: req.statusCallbackUrl,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      });
      return { callSid: call.sid, status: call.status };
    } catch (error) {
      throw voiceError(error);
    }
  }

  async fetchStatus(callSid: string): Promise<string> {
    try {
      return (await this.client.calls(callSid).fetch()).status;
    } catch (error) {
      throw voiceError(error);
    }
  }

  /**
   * Calls from `from` to `to` created at or after `since`, newest first. Filtered on the creation
   * date client-side: Twilio's StartTime filters leave out calls still queued.
   */
  async findRecent(to: string, from: string, since: Date): Promise<RecentCall[]> {
    try {
      const calls = await this.client.calls.list({ to, from, limit: 100, pageSize: 100 });
      return calls
        .filter((c) => c.dateCreated !== null && c.dateCreated.getTime() >= since.getTime())
        .map((c) => ({ callSid: c.sid, status: c.status, createdAt: c.dateCreated }));
    } catch (error) {
      throw voiceError(error);
    }
  }
}
