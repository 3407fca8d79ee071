import { ChannelSender, ChannelSenderRegistry, DeliveryReceipt, ProviderLookup } from './channel-sender';
import type { ChannelName } from './domain/channel-error';

class FakeSender extends ChannelSender {
  constructor(readonly channel: ChannelName) {
    super();
  }
  async send(): Promise<DeliveryReceipt> {
    return { providerMessageId: `${this.channel}-1` };
  }
  async lookup(): Promise<ProviderLookup> {
    return { kind: 'unknown' };
  }
}

describe('ChannelSenderRegistry', () => {
  it('gives each channel its own sender, and none for a channel nobody serves', () => {
    const sms = new FakeSender('sms');
    const letter = new FakeSender('letter');
    const registry = new ChannelSenderRegistry([sms, letter]);
    expect(registry.senderFor('sms')).toBe(sms);
    expect(registry.senderFor('letter')).toBe(letter);
    expect(registry.senderFor('voice')).toBeNull();
    expect(registry.channels.sort()).toEqual(['letter', 'sms']);
  });

  it('refuses two senders for one channel, which would make sending ambiguous', () => {
    expect(() => new ChannelSenderRegistry([new FakeSender('email'), new FakeSender('email')])).toThrow(/Two senders for channel email/);
  });
});
