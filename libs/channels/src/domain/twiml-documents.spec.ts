import { bridgeTwiml, hangupTwiml, keyPressAnswerTwiml, spokenMessageTwiml } from './twiml-documents';

const script = {
  text: 'Votre compte présente 2 loyers impayés & une dette de 1 234,56 €.',
  callbackPrompt: 'Pour être rappelé, appuyez sur la touche 1.',
  gatherUrl: 'https://api.example/v1/voice/messages/m-1/keypress?x=1&y=2',
  goodbye: 'Au revoir.',
};

describe('the TwiML of a spoken message', () => {
  it('says the text and the call-back prompt inside a one-digit Gather posting to the key-press URL', () => {
    const xml = spokenMessageTwiml({ ...script, locale: 'fr' });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather /);
    expect(xml).toContain('numDigits="1"');
    expect(xml).toContain('action="https://api.example/v1/voice/messages/m-1/keypress?x=1&amp;y=2"');
    expect(xml).toContain('method="POST"');
    // The text is escaped, spoken by a French voice, and heard before the prompt, both inside the Gather.
    const gather = xml.slice(xml.indexOf('<Gather'), xml.indexOf('</Gather>'));
    expect(gather).toContain('<Say language="fr-FR" voice="Polly.Lea-Neural">Votre compte présente 2 loyers impayés &amp; une dette');
    expect(gather.indexOf('loyers impayés')).toBeLessThan(gather.indexOf('appuyez sur la touche 1'));
    // Nothing pressed: goodbye, then hang up.
    expect(xml).toMatch(/<\/Gather><Say [^>]*>Au revoir\.<\/Say><Hangup\/><\/Response>$/);
  });

  it('speaks each language with its own voice, and FALC slower', () => {
    expect(spokenMessageTwiml({ ...script, locale: 'ar' })).toContain('<Say language="arb" voice="Polly.Hala-Neural">');
    expect(spokenMessageTwiml({ ...script, locale: 'tr' })).toContain('language="tr-TR"');
    expect(spokenMessageTwiml({ ...script, locale: 'fr-falc' })).toContain('<prosody rate="slow">');
    expect(spokenMessageTwiml({ ...script, locale: 'xx' })).toContain('language="fr-FR"');
  });

  it('plays a recorded file instead of the synthetic voice when there is one', () => {
    const xml = spokenMessageTwiml({ ...script, locale: 'fr', text: null, recordingUrl: 'https://cdn.example/msg.mp3' });
    expect(xml).toContain('<Gather');
    expect(xml).toContain('<Play>https://cdn.example/msg.mp3</Play>');
    expect(xml).not.toContain('loyers impayés');
  });

  it('answers a key press with a sentence then hangs up, or replays the message', () => {
    expect(keyPressAnswerTwiml('fr', 'Merci.', null)).toMatch(/<Say [^>]*>Merci\.<\/Say><Hangup\/>/);
    expect(keyPressAnswerTwiml('fr', '', 'https://api.example/twiml')).toContain(
      '<Redirect method="POST">https://api.example/twiml</Redirect>',
    );
    expect(hangupTwiml()).toContain('<Response><Hangup/></Response>');
  });
});

describe('the TwiML of a click-to-call bridge', () => {
  it('dials the household showing the partner’s number, with signed status callbacks of the household’s leg', () => {
    const xml = bridgeTwiml({
      callerId: '+33148000001',
      householdPhone: '+33611223344',
      agentAnnouncement: 'Mise en relation.',
      statusCallbackUrl: 'https://api.example/v1/webhooks/twilio/call-status?clickToCallId=c&leg=household',
      dialActionUrl: 'https://api.example/v1/voice/click-to-call/c/dial-ended',
    });
    expect(xml).toContain('<Dial callerId="+33148000001"');
    expect(xml).toContain('action="https://api.example/v1/voice/click-to-call/c/dial-ended"');
    expect(xml).toMatch(
      /<Number statusCallback="https:\/\/api\.example\/v1\/webhooks\/twilio\/call-status\?clickToCallId=c&amp;leg=household"/,
    );
    expect(xml).toContain('statusCallbackEvent="initiated ringing answered completed">+33611223344</Number>');
    expect(xml.indexOf('Mise en relation.')).toBeLessThan(xml.indexOf('<Dial'));
  });
});
