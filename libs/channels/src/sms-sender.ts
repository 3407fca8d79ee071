export interface SmsRequest {
  /** E.164 recipient */
  to: string;
  body: string;
  /** where the provider POSTs delivery status changes (signed with X-Twilio-Signature) */
  statusCallbackUrl?: string;
}

export interface SmsReceipt {
  providerMessageId: string;
  providerStatus: string;
  segments: number;
}

export interface RecentSms {
  providerMessageId: string;
  body: string;
  status: string;
}

/** Port of the SMS provider. Throws ChannelError on failure. */
export abstract class SmsSender {
  abstract send(req: SmsRequest): Promise<SmsReceipt>;
  /** for crash recovery: messages already accepted by the provider for this recipient since a date */
  abstract findRecent(to: string, since: Date): Promise<RecentSms[]>;
  /** for lost status callbacks: the provider's status of a message it accepted */
  abstract fetchStatus(providerMessageId: string): Promise<string>;
  /** the number messages are sent from (each has its own rate) */
  abstract readonly fromNumber: string;
}
