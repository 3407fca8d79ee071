import type { Channel, Tone, Variant } from './catalogue';
import { PICTOGRAMS } from './pictograms';
import type { Resources, Section, TemplateDefinition } from './template-definition';

/**
 * How a message is assembled from its template namespace and the shared `common` namespace,
 * for one channel and variant. Pure: the output is resource strings (still with `{{variables}}`)
 * arranged in blocks; the library turns them into text, HTML or MJML and compiles them once.
 */

export interface MessageBlock {
  kind: 'greeting' | 'tone' | 'section' | 'closing' | 'signoff' | 'footer' | 'body';
  heading?: string;
  pictogram?: string;
  body: string;
}

export interface MessageSource {
  subject?: string;
  blocks: MessageBlock[];
}

export class MissingResourceError extends Error {
  constructor(readonly key: string) {
    super(`Texte manquant : "${key}". Ajoutez-le dans locales/ puis relancez npm run lint:templates.`);
  }
}

/** A tone override (`sms_short_firm`) wins over the neutral text (`sms_short`). */
export function pick(res: Resources, key: string, tone?: Tone): string {
  if (tone) {
    const override = res[`${key}_${tone}`];
    if (override !== undefined) return override;
  }
  const v = res[key];
  if (v === undefined) throw new MissingResourceError(key);
  return v;
}

function sectionsFor(length: Variant['length']): Section[] {
  return length === 'short' ? ['what', 'todo', 'help'] : ['what', 'todo', 'help', 'details'];
}

export function composeMessage(
  def: TemplateDefinition,
  res: Resources,
  common: Resources,
  variant: Variant,
  channel: Channel,
): MessageSource {
  switch (channel) {
    case 'sms':
      return { blocks: [{ kind: 'body', body: composeSms(def, res, common, variant) }] };
    case 'voice':
      return {
        blocks: [
          { kind: 'body', body: pick(common, 'voice_intro') },
          { kind: 'body', body: pick(res, 'voice', variant.tone) },
          { kind: 'body', body: pick(common, 'voice_outro') },
        ],
      };
    case 'call':
      return { blocks: composeCallScript(res, common, variant) };
    case 'homeVisit':
      return { blocks: composeVisitNote(res, common, variant) };
    case 'email':
    case 'letter':
      return { subject: pick(res, 'subject', variant.tone), blocks: composeWritten(def, res, common, variant, channel) };
  }
}

function composeSms(def: TemplateDefinition, res: Resources, common: Resources, v: Variant): string {
  // No pictogram in an SMS, whatever the variant: one emoji turns the whole SMS into UCS-2 and
  // triples its parts (decision 0017). Pictograms stay in letters, e-mails and the preview.
  void def;
  const parts: string[] = [pick(res, `sms_${v.length}`, v.tone)];
  if (v.length === 'detailed') {
    const toneLine = pick(common, `sms_tone_${v.tone}`);
    if (toneLine) parts.push(toneLine);
  }
  parts.push(pick(common, 'sms_stop'));
  return parts.join(' ');
}

function composeWritten(
  def: TemplateDefinition,
  res: Resources,
  common: Resources,
  v: Variant,
  channel: 'email' | 'letter',
): MessageBlock[] {
  const blocks: MessageBlock[] = [{ kind: 'greeting', body: pick(common, 'greeting') }];
  const toneLine = pick(common, `tone_${v.tone}`);
  if (toneLine) blocks.push({ kind: 'tone', body: toneLine });
  for (const section of sectionsFor(v.length)) {
    blocks.push({
      kind: 'section',
      heading: pick(common, `heading_${section}`),
      pictogram: v.pictograms ? PICTOGRAMS[def.sectionPictograms[section]] : undefined,
      body: pick(res, section, v.tone),
    });
  }
  blocks.push({ kind: 'closing', body: pick(common, `closing_${v.tone}`) });
  blocks.push({ kind: 'signoff', body: pick(common, 'signoff') });
  if (channel === 'email') blocks.push({ kind: 'footer', body: pick(common, 'footer') });
  return blocks;
}

function composeCallScript(res: Resources, common: Resources, v: Variant): MessageBlock[] {
  const explain = [pick(common, `tone_${v.tone}`), pick(res, 'what', v.tone), pick(res, 'todo', v.tone)].filter((s) => s).join('\n');
  const help = v.length === 'detailed' ? `${pick(res, 'help', v.tone)}\n${pick(res, 'details', v.tone)}` : pick(res, 'help', v.tone);
  return [
    { kind: 'section', heading: pick(common, 'call_heading_opening'), body: pick(res, 'call_opening', v.tone) },
    { kind: 'section', heading: pick(common, 'call_heading_explain'), body: explain },
    { kind: 'section', heading: pick(common, 'call_heading_questions'), body: pick(res, 'call_questions', v.tone) },
    { kind: 'section', heading: pick(common, 'call_heading_help'), body: help },
    { kind: 'section', heading: pick(common, 'call_heading_closing'), body: pick(common, 'call_closing') },
  ];
}

/** The note a visiting social worker reads before knocking, and whose last part they leave behind. */
function composeVisitNote(res: Resources, common: Resources, v: Variant): MessageBlock[] {
  const explain = [pick(res, 'what', v.tone), pick(res, 'todo', v.tone)].join('\n');
  const help = v.length === 'detailed' ? `${pick(res, 'help', v.tone)}\n${pick(res, 'details', v.tone)}` : pick(res, 'help', v.tone);
  return [
    {
      kind: 'section',
      heading: pick(common, 'visit_heading_opening'),
      body: res.visit_opening !== undefined ? pick(res, 'visit_opening', v.tone) : pick(common, 'visit_opening'),
    },
    { kind: 'section', heading: pick(common, 'visit_heading_explain'), body: explain },
    { kind: 'section', heading: pick(common, 'visit_heading_questions'), body: pick(res, 'call_questions', v.tone) },
    { kind: 'section', heading: pick(common, 'visit_heading_help'), body: help },
    { kind: 'section', heading: pick(common, 'visit_heading_closing'), body: pick(common, 'visit_closing') },
  ];
}

/** Plain-text form of a message source (SMS, voice, call script, email text part, letter text). */
export function sourceToText(src: MessageSource, channel: Channel): string {
  if (channel === 'sms') return src.blocks[0].body;
  if (channel === 'voice') return src.blocks.map((b) => b.body).join(' ');
  return src.blocks
    .map((b) => {
      const head = b.heading ? `${b.pictogram ? `${b.pictogram} ` : ''}${b.heading}\n` : '';
      return head + b.body;
    })
    .join('\n\n');
}
