import twilio from 'twilio';
import type VoiceResponseType from 'twilio/lib/twiml/VoiceResponse';
import { spokenVoiceFor } from './spoken-voice';

const { VoiceResponse } = twilio.twiml;

/** The key a household presses to ask for a call-back, and the one to hear the message again. */
export const CALLBACK_DIGIT = '1';
export const REPEAT_DIGIT = '2';

export interface SpokenMessageScript {
  locale: string;
  /** The spoken text from the template library (voice channel), or null when a recording is played. */
  text: string | null;
  /** A recorded file (mp3/wav) played instead of the synthetic voice. */
  recordingUrl?: string | null;
  /** "Press 1 to be called back…", in the household's language. */
  callbackPrompt: string;
  /** Where Twilio posts the key pressed. */
  gatherUrl: string;
  /** Said when nothing was pressed, before hanging up. */
  goodbye: string;
}

type SayAttributes = VoiceResponseType.SayAttributes;

function say(parent: { say(attributes: SayAttributes, message: string): VoiceResponseType.Say }, locale: string, text: string): void {
  const spoken = spokenVoiceFor(locale);
  const attributes = { language: spoken.language, voice: spoken.voice } as SayAttributes;
  if (spoken.rate === 'slow') parent.say(attributes, '').prosody({ rate: 'slow' }, text);
  else parent.say(attributes, text);
}

/**
 * The spoken message: the text (or the recording) inside a one-digit <Gather> with the call-back
 * prompt, so a key pressed while the message plays counts; nothing pressed: goodbye, hang up.
 */
export function spokenMessageTwiml(script: SpokenMessageScript): string {
  const response = new VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: 6,
    action: script.gatherUrl,
    method: 'POST',
    actionOnEmptyResult: false,
  });
  if (script.recordingUrl) gather.play(script.recordingUrl);
  else if (script.text) say(gather, script.locale, script.text);
  say(gather, script.locale, script.callbackPrompt);
  say(response, script.locale, script.goodbye);
  response.hangup();
  return response.toString();
}

/** The answer to a key press: a sentence, then hang up or hear the message again. */
export function keyPressAnswerTwiml(locale: string, sentence: string, replayUrl: string | null): string {
  const response = new VoiceResponse();
  if (sentence) say(response, locale, sentence);
  if (replayUrl) response.redirect({ method: 'POST' }, replayUrl);
  else response.hangup();
  return response.toString();
}

export interface BridgeScript {
  /** Shown to the household: the partner's number. */
  callerId: string;
  householdPhone: string;
  /** Said to the agent before the household's phone rings. */
  agentAnnouncement: string;
  statusCallbackUrl: string;
  dialActionUrl: string;
}

/** Click-to-call, agent's leg: a short announcement, then <Dial> the household with the partner's number shown. */
export function bridgeTwiml(script: BridgeScript): string {
  const response = new VoiceResponse();
  say(response, 'fr', script.agentAnnouncement);
  const dial = response.dial({
    callerId: script.callerId,
    action: script.dialActionUrl,
    method: 'POST',
    timeout: 30,
    answerOnBridge: true,
  });
  dial.number(
    {
      statusCallback: script.statusCallbackUrl,
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    },
    script.householdPhone,
  );
  return response.toString();
}

/** An empty answer (after a Dial ended, or to a request we refuse to act on). */
export function hangupTwiml(): string {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
}
