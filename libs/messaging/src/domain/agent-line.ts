import { CountryCode, NumberType, parsePhoneNumberFromString, PhoneNumber } from 'libphonenumber-js/max';

/**
 * The regions of the French numbering plan (ARCEP): metropolitan France, the overseas
 * départements (Réunion, Mayotte, Guadeloupe, Martinique, Guyane) and the collectivities that
 * share their plan (Saint-Barthélemy and Saint-Martin share +590 with Guadeloupe, and
 * libphonenumber labels some Guadeloupe blocks BL; Saint-Pierre-et-Miquelon, +508). Overseas
 * first: "0269…" or "0590…" written nationally is Mayotte's or Guadeloupe's line, not +33.
 */
const FRENCH_PLAN: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF', 'BL', 'MF', 'PM', 'FR'];
/** The overseas blocks (0262, 0269, 0590, 0639, 0692…): the rest, 08 and 09 included, is read as metropolitan. */
const OVERSEAS_BLOCK = /^(26[239]|59[046]|639|69[0-7])/;

/**
 * The kinds of line an agent answers on: geographic (01–05 and the overseas fixed lines),
 * mobile (06, 07), 09 (VoIP boxes and call centres), and 080x: 0800–0805 free to call, 0806–0809
 * priced as an ordinary call. Refused: 081x/082x shared-cost and 089x premium-rate numbers
 * (calling them pays their holder, the classic toll-fraud target, and no call platform needs its
 * agents reached through one), and personal, pager, voicemail-only numbers.
 */
const AGENT_LINE_TYPES = new Set<NumberType>(['FIXED_LINE', 'MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'TOLL_FREE', 'UAN']);

export type AgentLine = { e164: string; problem?: undefined } | { e164?: undefined; problem: string };

const EXAMPLE = 'par exemple 01 48 95 00 00 ou +33148950000';

/**
 * The agent's phone in E.164 when it is a French line an agent can answer on, else what is wrong
 * with it (in French, for the person who typed it). Only Twilio's cost and the agent's time are
 * at stake: a surcharged or foreign number is refused before anything is dialled.
 */
export function agentLine(raw: string): AgentLine {
  const text = raw.trim();
  let parsed: PhoneNumber | null = null;
  for (const region of FRENCH_PLAN) {
    const candidate = parsePhoneNumberFromString(text, region);
    const foreignBlock = region !== 'FR' && !OVERSEAS_BLOCK.test(candidate?.nationalNumber ?? '');
    if (candidate?.isValid() && !foreignBlock) {
      parsed = candidate;
      break;
    }
  }
  if (!parsed) return { problem: `doit être un numéro de téléphone, ${EXAMPLE}` };
  if (!parsed.country || !FRENCH_PLAN.includes(parsed.country)) {
    return { problem: `doit être un numéro français (métropole ou outre-mer), ${EXAMPLE}` };
  }
  const type = parsed.getType();
  const national = parsed.nationalNumber;
  const surcharged = type === 'PREMIUM_RATE' || type === 'SHARED_COST' || /^8[1-9]/.test(national);
  if (surcharged) {
    return {
      problem: `ne peut pas être un numéro surtaxé ou à coût partagé (081 à 089) : indiquez la ligne directe ou le portable de l’agent`,
    };
  }
  if (!type || !AGENT_LINE_TYPES.has(type) || ((type === 'TOLL_FREE' || type === 'UAN') && !national.startsWith('80'))) {
    return { problem: `doit être une ligne fixe, un portable ou un numéro en 09 ou 080, ${EXAMPLE}` };
  }
  return { e164: parsed.number };
}
