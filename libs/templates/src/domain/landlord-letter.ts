/**
 * Letters written to a household's private landlord (templates/landlord/<key>.json), not to the
 * household: the Essonne mobile team writes to the landlord about aids, mediation and the
 * procedure. They are declared French-only and letter-only in their file (`locales`, with the
 * reason), because the landlord is not the household: the household's templates keep every
 * locale and channel, and the linter still requires them. A landlord letter never carries the
 * household's response link, QR code or tracking code (the landlord must not answer for it).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VARIABLE_TYPES, type VariableValue } from './catalogue';
import { toHtmlSource, toTextSource, variablesOf } from './compiled-text';
import { escapeHtml, formatVariable } from './formatting';
import { SECTIONS, type Section } from './template-definition';

const sectionTexts = z.object({ subject: z.string(), what: z.string(), todo: z.string(), help: z.string(), details: z.string() }).strict();

export const landlordLetterSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    version: z.number().int().positive(),
    title: z.string().min(1),
    addressee: z.literal('landlord'),
    /** French only, on purpose: the reason is written beside it. */
    locales: z.array(z.literal('fr')).min(1),
    localesReason: z.string().min(20, 'dire pourquoi ce courrier est dans ces langues seulement'),
    channels: z.array(z.literal('letter')).min(1),
    purposes: z.array(z.string().min(1)).min(1),
    variables: z.record(z.string(), z.enum(VARIABLE_TYPES)),
    fallbacks: z.record(z.string(), z.string()).default({}),
    sample: z.record(z.string(), z.union([z.string(), z.number()])),
    /** Headings of the sections as printed (a section without one is a plain paragraph). */
    headings: z.object({ what: z.string(), todo: z.string(), help: z.string(), details: z.string() }).partial().strict().default({}),
    texts: z.object({ fr: sectionTexts }).strict(),
  })
  .strict();
export type LandlordLetter = z.infer<typeof landlordLetterSchema>;

/** Variables that belong to the household's own answer: never on a letter to its landlord. */
export const HOUSEHOLD_RESPONSE_VARIABLES = ['responseUrl', 'responseLink', 'shortLink', 'trackingCode', 'qrCode'] as const;

export interface LandlordLetterFinding {
  rule: 'landlord-letter';
  templateKey: string;
  detail: string;
}

export interface RenderedLandlordLetter {
  subject: string;
  sections: Record<Exclude<Section, never>, string>;
}

/** Renders a landlord letter in French; an unknown fact takes its declared fallback text. */
export function renderLandlordLetter(
  letter: LandlordLetter,
  values: Readonly<Record<string, VariableValue | null | undefined>>,
): RenderedLandlordLetter {
  const fill = (text: string): string =>
    text.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
      const type = letter.variables[name];
      const value = values[name];
      if (value === null || value === undefined || value === '') {
        const fallback = letter.fallbacks[name];
        if (fallback === undefined)
          throw new Error(`Courrier au bailleur ${letter.key} : la variable "${name}" manque et n'a pas de texte de repli.`);
        return fallback;
      }
      return type ? formatVariable(name, type, value, 'fr') : String(value);
    });
  const texts = letter.texts.fr;
  const sections = Object.fromEntries(SECTIONS.map((s) => [s, fill(texts[s])])) as Record<Section, string>;
  return { subject: fill(texts.subject), sections };
}

/** A landlord letter as messaging keeps it and the letter layout reads it (the library's letter HTML: title, headings, paragraphs). */
export interface ComposedLandlordLetter {
  templateKey: string;
  /** Content hash of the letter's file: a changed wording is a new version. */
  templateVersion: string;
  locale: 'fr';
  subject: string;
  text: string;
  html: string;
}

/**
 * The letter to the landlord, composed like the library's household letters are for the letter
 * layout (`<h1>` subject, `<h2>` headings, paragraphs, `**bold**` key facts), signed by
 * `senderName`. It never carries a response link: the layout prints none for it.
 */
export function composeLandlordLetter(
  letter: LandlordLetter,
  values: Readonly<Record<string, VariableValue | null | undefined>>,
  senderName: string,
): ComposedLandlordLetter {
  const rendered = renderLandlordLetter(letter, values);
  const headings = letter.headings ?? {};
  const html = SECTIONS.map((section) => {
    const heading = headings[section];
    return `${heading ? `<h2>${escapeHtml(heading)}</h2>\n` : ''}<p>${toHtmlSource(rendered.sections[section])}</p>`;
  }).join('\n');
  const text = [
    rendered.subject,
    ...SECTIONS.map((section) => [headings[section], toTextSource(rendered.sections[section])].filter(Boolean).join('\n')),
  ].join('\n\n');
  return {
    templateKey: letter.key,
    templateVersion: createHash('sha256').update(JSON.stringify(letter)).digest('hex').slice(0, 16),
    locale: 'fr',
    subject: rendered.subject,
    text,
    html:
      `<!doctype html>\n<html lang="fr" dir="ltr">\n<head>\n<meta charset="utf-8" />\n<title>${escapeHtml(rendered.subject)}</title>\n</head>\n<body>\n` +
      `<div class="sender">${escapeHtml(senderName)}</div>\n<h1>${escapeHtml(rendered.subject)}</h1>\n${html}\n</body>\n</html>\n`,
  };
}

/** What lint:templates checks on every landlord letter: declared variables, sample, no response link, French readable. */
export function checkLandlordLetter(letter: LandlordLetter, readability: (text: string) => string | null): LandlordLetterFinding[] {
  const findings: LandlordLetterFinding[] = [];
  const add = (detail: string) => findings.push({ rule: 'landlord-letter', templateKey: letter.key, detail });
  const texts = letter.texts.fr;
  const used = new Set(Object.values(texts).flatMap(variablesOf));
  for (const name of used) if (!letter.variables[name]) add(`variable {{${name}}} utilisée mais absente de "variables".`);
  for (const name of Object.keys(letter.variables)) {
    if (!used.has(name)) add(`variable "${name}" déclarée mais jamais utilisée.`);
    if (letter.sample[name] === undefined) add(`variable "${name}" sans valeur dans "sample".`);
  }
  for (const name of HOUSEHOLD_RESPONSE_VARIABLES)
    if (used.has(name) || letter.variables[name])
      add(`{{${name}}} est le lien de réponse du ménage : jamais sur un courrier à son bailleur.`);
  for (const section of ['subject', ...SECTIONS] as const) if (!texts[section].trim()) add(`texte "${section}" vide.`);
  if (findings.length > 0) return findings;
  try {
    const rendered = renderLandlordLetter(letter, letter.sample);
    const problem = readability([...Object.values(rendered.sections)].join('\n'));
    if (problem) add(problem);
  } catch (e) {
    add((e as Error).message);
  }
  return findings;
}

/**
 * Coverage of the purposes a playbook addresses to the landlord: each is worded by exactly one
 * landlord letter, and no household template words it (nor a landlord letter a household purpose).
 */
export function checkLandlordCoverage(
  letters: readonly LandlordLetter[],
  householdTemplatePurposes: ReadonlySet<string>,
  planned: ReadonlyArray<{ id: string; addressee?: 'household' | 'landlord'; playbooks: string[] }>,
): LandlordLetterFinding[] {
  const findings: LandlordLetterFinding[] = [];
  const landlordPurposes = new Set(planned.filter((p) => p.addressee === 'landlord').map((p) => p.id));
  for (const purpose of planned) {
    if (purpose.addressee !== 'landlord') continue;
    const words = letters.filter((l) => l.purposes.includes(purpose.id));
    if (words.length !== 1)
      findings.push({
        rule: 'landlord-letter',
        templateKey: words[0]?.key ?? 'landlord',
        detail: `« ${purpose.id} » (playbooks ${purpose.playbooks.join(', ')}) est adressé au bailleur : un seul courrier de templates/landlord/ doit le formuler (${words.length} trouvé(s)).`,
      });
    if (householdTemplatePurposes.has(purpose.id))
      findings.push({
        rule: 'landlord-letter',
        templateKey: 'landlord',
        detail: `« ${purpose.id} » est adressé au bailleur : un modèle du ménage ne peut pas le formuler.`,
      });
  }
  for (const letter of letters)
    for (const p of letter.purposes)
      if (!landlordPurposes.has(p))
        findings.push({
          rule: 'landlord-letter',
          templateKey: letter.key,
          detail: `« ${p} » n'est adressé au bailleur dans aucun playbook livré : un courrier au bailleur ne formule que des objets "addressee": "landlord".`,
        });
  return findings;
}
