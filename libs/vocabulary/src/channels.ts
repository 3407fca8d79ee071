/**
 * The ways Unisson reaches a household: one list, imported by every capability. Each capability
 * uses the part it deals with: the engine plans contact channels, messaging and the template
 * library word message channels, the channel adapters send some of them.
 */
export const CHANNELS = ['letter', 'sms', 'email', 'call', 'voice', 'homeVisit', 'servedAct'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * What the coordination engine plans. `call` is a call task (a person calls), `voice` an
 * automated spoken message (for households who read with difficulty), `homeVisit` a suggestion
 * to a social service, `servedAct` a legal act served by a commissaire de justice: Unisson never
 * sends it but plans around it.
 */
export const CONTACT_CHANNELS = ['letter', 'sms', 'email', 'call', 'voice', 'homeVisit', 'servedAct'] as const satisfies readonly Channel[];
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** What becomes a worded, sent message. `voice` is a spoken message, `call` the script of a call task. */
export const MESSAGE_CHANNELS = ['sms', 'email', 'letter', 'voice', 'call'] as const satisfies readonly Channel[];
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/**
 * What messaging dispatches through a channel sender: every message channel, and home visits
 * (worded with the call script; their sender creates the visit task, as the call sender creates
 * the call task).
 */
export const DISPATCH_CHANNELS = [...MESSAGE_CHANNELS, 'homeVisit'] as const satisfies readonly Channel[];
export type DispatchChannel = (typeof DISPATCH_CHANNELS)[number];

/** French names, as partners read them in a plan. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  letter: 'courrier',
  sms: 'SMS',
  email: 'courriel',
  call: 'appel',
  voice: 'message vocal',
  homeVisit: 'visite à domicile',
  servedAct: 'acte signifié',
};

export function isContactChannel(value: string): value is ContactChannel {
  return (CONTACT_CHANNELS as readonly string[]).includes(value);
}

export function isMessageChannel(value: string): value is MessageChannel {
  return (MESSAGE_CHANNELS as readonly string[]).includes(value);
}

/** The channels a household can ask to be contacted by, on its response page. */
export const HOUSEHOLD_CHOSEN_CHANNELS = ['sms', 'email', 'letter', 'call'] as const satisfies readonly ContactChannel[];
export type HouseholdChosenChannel = (typeof HOUSEHOLD_CHOSEN_CHANNELS)[number];

/** The stored choice as a channel, or null when it is none of them (nothing chosen, an old value). */
export function householdChosenChannel(value: string | null | undefined): HouseholdChosenChannel | null {
  return (HOUSEHOLD_CHOSEN_CHANNELS as readonly string[]).includes(value ?? '') ? (value as HouseholdChosenChannel) : null;
}
