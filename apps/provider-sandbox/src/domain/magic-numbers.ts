/**
 * Recipients whose last digits trigger a failure, so every path of the delivery state machine
 * can be exercised locally. Documented on the sandbox home page and in infra/provider-sandbox/README.md.
 */
export interface MessageStep {
  status: 'sent' | 'delivered' | 'undelivered' | 'failed';
  errorCode: number | null;
  errorMessage: string | null;
}

export type RestOutcome = 'accept' | 'internal-error' | 'rate-limited';

export interface MagicNumberDoc {
  suffix: string;
  channel: 'SMS' | 'Appel' | 'SMS et appel';
  effect: string;
}

export const magicNumberDocs: MagicNumberDoc[] = [
  {
    suffix: '0001',
    channel: 'SMS',
    effect: 'envoyé puis non remis (undelivered, erreur 30003 « destinataire injoignable »)',
  },
  {
    suffix: '0002',
    channel: 'SMS',
    effect: 'échec immédiat (failed, erreur 30006 « ligne fixe ou opérateur injoignable »)',
  },
  {
    suffix: '0003',
    channel: 'SMS',
    effect: 'envoyé puis non remis (undelivered, erreur 30005 « numéro inconnu »)',
  },
  { suffix: '0004', channel: 'SMS', effect: 'reste « sent » : aucun accusé de réception' },
  { suffix: '0001', channel: 'Appel', effect: 'sonne sans réponse (no-answer)' },
  { suffix: '0002', channel: 'Appel', effect: 'occupé (busy)' },
  { suffix: '0003', channel: 'Appel', effect: 'échec (failed)' },
  { suffix: '0004', channel: 'Appel', effect: 'répondeur (completed, AnsweredBy=machine_start)' },
  { suffix: '0429', channel: 'SMS et appel', effect: 'refus HTTP 429 (erreur 20429), à réessayer' },
  { suffix: '0500', channel: 'SMS et appel', effect: 'panne HTTP 500 (erreur 20500), à réessayer' },
];

const step = (status: MessageStep['status'], errorCode: number | null = null, errorMessage: string | null = null): MessageStep => ({
  status,
  errorCode,
  errorMessage,
});

export function restOutcomeFor(to: string): RestOutcome {
  if (to.endsWith('0500')) return 'internal-error';
  if (to.endsWith('0429')) return 'rate-limited';
  return 'accept';
}

/** The status changes a queued outbound message goes through, one per lifecycle tick. */
export function messageStepsFor(to: string): MessageStep[] {
  if (to.endsWith('0001')) return [step('sent'), step('undelivered', 30003, 'Unreachable destination handset')];
  if (to.endsWith('0002')) return [step('failed', 30006, 'Landline or unreachable carrier')];
  if (to.endsWith('0003')) return [step('sent'), step('undelivered', 30005, 'Unknown destination handset')];
  if (to.endsWith('0004')) return [step('sent')];
  return [step('sent'), step('delivered')];
}

export type CallEvent = 'initiated' | 'ringing' | 'answered' | 'completed';
export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer';

export interface CallStep {
  event: CallEvent;
  /** the CallStatus posted with this event ('initiated' only exists in callbacks) */
  callbackStatus: CallStatus | 'initiated';
  /** the resource status after this step */
  status: CallStatus;
  answeredBy: 'human' | 'machine_start' | null;
  durationSeconds: number;
}

const callStep = (
  event: CallEvent,
  callbackStatus: CallStep['callbackStatus'],
  status: CallStatus,
  answeredBy: CallStep['answeredBy'] = null,
  durationSeconds = 0,
): CallStep => ({ event, callbackStatus, status, answeredBy, durationSeconds });

export function callStepsFor(to: string): CallStep[] {
  const initiated = callStep('initiated', 'initiated', 'queued');
  const ringing = callStep('ringing', 'ringing', 'ringing');
  if (to.endsWith('0001')) return [initiated, ringing, callStep('completed', 'no-answer', 'no-answer')];
  if (to.endsWith('0002')) return [initiated, callStep('completed', 'busy', 'busy')];
  if (to.endsWith('0003')) return [initiated, callStep('completed', 'failed', 'failed')];
  const answeredBy = to.endsWith('0004') ? 'machine_start' : 'human';
  const duration = answeredBy === 'human' ? 42 : 17;
  return [
    initiated,
    ringing,
    callStep('answered', 'in-progress', 'in-progress', answeredBy),
    callStep('completed', 'completed', 'completed', answeredBy, duration),
  ];
}

/** Twilio's default opt-out / opt-in keywords (Advanced Opt-Out), plus the French ARRET. */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET', 'ARRÊT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);

export function optOutKeyword(body: string): 'opt-out' | 'opt-in' | null {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  return null;
}
