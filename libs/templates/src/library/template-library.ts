import mjml2html from 'mjml';
import {
  DEFAULT_VARIANT,
  LOCALE_INFO,
  LOCALES,
  TEMPLATE_KEYS,
  variantId,
  type Channel,
  type Locale,
  type TemplateKey,
  type VariableType,
  type Variables,
  type Variant,
} from '../domain/catalogue';
import { compileDocument, fill, toTextSource, type CompiledText } from '../domain/compiled-text';
import { composeMessage, sourceToText } from '../domain/composition';
import { contentHash } from '../domain/content-hash';
import { callMinutes, type CostPrices, type UnitCost } from '../domain/contact-cost';
import { asciiHtml, escapeHtml, forSms, formatVariable, isolateForHtml, isolateForText } from '../domain/formatting';
import { measureSms, type SmsEncoding } from '../domain/sms';
import type { Resources, TemplateDefinition } from '../domain/template-definition';
import { buildEmailMjml, buildLetterHtml } from './html-documents';
import { loadTemplateSources, type TemplateSources } from './template-source';

export interface RenderRequest {
  templateKey: TemplateKey;
  channel: Channel;
  locale: Locale;
  variant?: Partial<Variant>;
  variables: Variables;
}

export interface RenderedMessage {
  templateKey: TemplateKey;
  channel: Channel;
  locale: Locale;
  variant: Variant;
  subject?: string;
  text: string;
  html?: string;
  /** Content hash of the exact text (template x locale): store it with every message sent. */
  templateVersion: string;
  version: number;
  direction: 'ltr' | 'rtl';
  segments?: number;
  encoding?: SmsEncoding;
}

export class TemplateRenderError extends Error {
  constructor(
    readonly code: 'unknown_template' | 'channel_not_offered' | 'missing_variable' | 'invalid_variable' | 'not_compiled',
    message: string,
  ) {
    super(message);
  }
}

/** What the archive keeps of one version (`template_version.content`). */
export interface ArchivedVersionContent {
  definition: Omit<TemplateDefinition, 'sample'>;
  resources: Resources;
  common: Resources;
  layouts: Record<string, string>;
}

/** One template in one locale: the unit that gets a content hash (an immutable version). */
export interface TemplateVersion {
  key: TemplateKey;
  locale: Locale;
  version: number;
  hash: string;
  definition: TemplateDefinition;
  resources: Resources;
  common: Resources;
  variableTypes: Array<[string, VariableType]>;
  /** phrase -> CLDR plural category -> compiled text (with `count`). */
  phrases: Array<{ name: string; countVar: string; forms: Map<string, CompiledText> }>;
  plural: Intl.PluralRules;
}

interface CompiledChannel {
  subject?: CompiledText;
  text: CompiledText;
  html?: CompiledText;
  htmlPending?: Promise<CompiledText>;
}

/**
 * The shared, versioned template library. Loads templates/ and locales/ once, hashes every
 * template x locale, and renders messages from texts compiled once per version x channel x variant.
 */
export class TemplateLibrary {
  private readonly versions = new Map<string, TemplateVersion>();
  private readonly compiled = new Map<string, CompiledChannel>();

  constructor(readonly sources: TemplateSources) {
    for (const key of TEMPLATE_KEYS) {
      if (!sources.definitions.has(key)) continue; // a library of one archived version holds one template
      for (const locale of LOCALES)
        if (sources.resources.has(locale)) this.versions.set(`${key}|${locale}`, this.buildVersion(key, locale));
    }
  }

  static load(root?: string): TemplateLibrary {
    return new TemplateLibrary(loadTemplateSources(root));
  }

  definition(key: TemplateKey): TemplateDefinition {
    const def = this.sources.definitions.get(key);
    if (!def) throw new TemplateRenderError('unknown_template', `Modèle inconnu : "${key}".`);
    return def;
  }

  version(key: TemplateKey, locale: Locale): TemplateVersion {
    const v = this.versions.get(`${key}|${locale}`);
    if (!v) throw new TemplateRenderError('unknown_template', `Modèle inconnu : "${key}" (${locale}).`);
    return v;
  }

  allVersions(): TemplateVersion[] {
    return [...this.versions.values()];
  }

  private buildVersion(key: TemplateKey, locale: Locale): TemplateVersion {
    const definition = this.definition(key);
    const byNs = this.sources.resources.get(locale);
    const resources = byNs?.get(key) ?? {};
    const common = byNs?.get('common') ?? {};
    const hash = contentHash({ locale, definition, resources, common, layouts: this.sources.layouts });
    const plural = new Intl.PluralRules(LOCALE_INFO[locale].intl);
    const phrases = Object.entries(definition.phrases).map(([name, countVar]) => {
      const forms = new Map<string, CompiledText>();
      for (const [k, v] of Object.entries(resources)) {
        const m = new RegExp(`^phrases\\.${name}_(zero|one|two|few|many|other)$`).exec(k);
        if (m) forms.set(m[1], compileDocument(toTextSource(v)));
      }
      return { name, countVar, forms };
    });
    return {
      key,
      locale,
      version: definition.version,
      hash,
      definition,
      resources,
      common,
      variableTypes: Object.entries(definition.variables),
      phrases,
      plural,
    };
  }

  /**
   * A library holding one archived version (`template_version.content`: definition, namespace,
   * common, layouts), to render an old text beside the current one with the current sample facts.
   * Its hash is recomputed from the content, so a tampered archive shows as a different hash.
   */
  archivedVersion(content: ArchivedVersionContent, locale: Locale): TemplateVersion & { library: TemplateLibrary } {
    const key = content.definition.key;
    const sample = this.sources.definitions.get(key)?.sample ?? {};
    const library = new TemplateLibrary({
      ...this.sources,
      definitions: new Map([[key, { ...content.definition, sample }]]),
      resources: new Map([
        [
          locale,
          new Map<string, Resources>([
            [key, content.resources],
            ['common', content.common],
          ]),
        ],
      ]),
      layouts: content.layouts,
      lock: {},
    });
    return { ...library.version(key, locale), library };
  }

  /** Renders any channel; email HTML is compiled with MJML on first use of a version x variant. */
  async render(req: RenderRequest): Promise<RenderedMessage> {
    const { tv, variant, channelKey } = this.resolve(req);
    const compiled = this.compiledFor(tv, req.channel, variant, channelKey);
    if (req.channel === 'email' && !compiled.html) compiled.html = await compiled.htmlPending;
    return this.fillMessage(tv, req, variant, compiled);
  }

  /** Synchronous render (the SMS hot path). Email needs `prepare` (or one `render`) first. */
  renderSync(req: RenderRequest): RenderedMessage {
    const { tv, variant, channelKey } = this.resolve(req);
    const compiled = this.compiledFor(tv, req.channel, variant, channelKey);
    if (req.channel === 'email' && !compiled.html) {
      throw new TemplateRenderError(
        'not_compiled',
        'Gabarit e-mail pas encore compilé : appelez render() ou prepare() avant renderSync().',
      );
    }
    return this.fillMessage(tv, req, variant, compiled);
  }

  /**
   * The template's own words, every variable replaced by `mask` (text channels only): used by the
   * readability score, which should judge what authors wrote, not names, addresses or phone numbers.
   */
  renderSkeleton(req: Omit<RenderRequest, 'variables'>, mask = 'mot'): { subject?: string; text: string } {
    const { tv, variant, channelKey } = this.resolve({ ...req, variables: {} });
    const compiled = this.compiledFor(tv, req.channel, variant, channelKey);
    const values = new Proxy({}, { get: () => mask }) as Record<string, string>;
    return { subject: compiled.subject && fill(compiled.subject, values), text: fill(compiled.text, values) };
  }

  /** SMS parts and call minutes of one contact of a template in a locale (default variant, sample facts). */
  unitCost(key: TemplateKey, locale: Locale): UnitCost {
    const sample = this.definition(key).sample;
    const sms = this.renderSync({ templateKey: key, channel: 'sms', locale, variables: sample });
    const call = this.renderSync({ templateKey: key, channel: 'call', locale, variables: sample });
    return { smsParts: sms.segments ?? 1, callMinutes: callMinutes(call.text) };
  }

  /** The prices a plan's cost is counted at (templates/budgets.json). */
  costPrices(): CostPrices {
    const b = this.sources.budgets;
    return { smsPerPart: b.smsPricePerPart, postage: b.postagePrices, visitMinutes: b.visitMinutes };
  }

  /** Compiles the email layout of a version x variant ahead of time (e.g. before a campaign). */
  async prepare(key: TemplateKey, locale: Locale, variant: Partial<Variant> = {}): Promise<void> {
    const v = { ...DEFAULT_VARIANT, ...variant };
    const tv = this.version(key, locale);
    const compiled = this.compiledFor(tv, 'email', v, this.channelKey(tv, 'email', v));
    compiled.html ??= await compiled.htmlPending;
  }

  /**
   * Compiles the email layout of every template x locale for the given variants (about 15 ms
   * each), so a synchronous composer can render any email afterwards. Call it once at start-up.
   */
  async prepareAllEmails(variants: Array<Partial<Variant>> = [DEFAULT_VARIANT]): Promise<number> {
    let compiled = 0;
    for (const key of TEMPLATE_KEYS)
      for (const locale of LOCALES)
        for (const v of variants) {
          await this.prepare(key, locale, v);
          compiled++;
        }
    return compiled;
  }

  private resolve(req: RenderRequest): { tv: TemplateVersion; variant: Variant; channelKey: string } {
    const tv = this.version(req.templateKey, req.locale);
    if (!tv.definition.channels.includes(req.channel)) {
      throw new TemplateRenderError('channel_not_offered', `Le modèle "${req.templateKey}" n'existe pas pour le canal ${req.channel}.`);
    }
    const variant = req.variant ? { ...DEFAULT_VARIANT, ...req.variant } : DEFAULT_VARIANT;
    return { tv, variant, channelKey: this.channelKey(tv, req.channel, variant) };
  }

  private channelKey(tv: TemplateVersion, channel: Channel, variant: Variant): string {
    return `${tv.key}|${tv.locale}|${tv.hash}|${channel}|${variantId(variant)}`;
  }

  private compiledFor(tv: TemplateVersion, channel: Channel, variant: Variant, channelKey: string): CompiledChannel {
    const hit = this.compiled.get(channelKey);
    if (hit) return hit;
    const src = composeMessage(tv.definition, tv.resources, tv.common, variant, channel);
    const out: CompiledChannel = { text: compileDocument(toTextSource(sourceToText(src, channel))) };
    if (src.subject !== undefined) out.subject = compileDocument(toTextSource(src.subject));
    if (channel === 'letter') out.html = compileDocument(buildLetterHtml(this.sources.layouts['letter.html'], src, tv.locale));
    if (channel === 'email') {
      const mjml = buildEmailMjml(this.sources.layouts['email.mjml'], src, tv.locale);
      out.htmlPending = compileMjml(mjml).then((html) => (out.html = compileDocument(asciiHtml(html))));
      out.htmlPending.catch(() => this.compiled.delete(channelKey));
    }
    this.compiled.set(channelKey, out);
    return out;
  }

  private fillMessage(tv: TemplateVersion, req: RenderRequest, variant: Variant, c: CompiledChannel): RenderedMessage {
    const textValues = this.formatValues(tv, req.variables, req.channel === 'sms' ? 'sms' : 'text');
    const text = fill(c.text, textValues);
    const out: RenderedMessage = {
      templateKey: tv.key,
      channel: req.channel,
      locale: tv.locale,
      variant,
      text,
      templateVersion: tv.hash,
      version: tv.version,
      direction: LOCALE_INFO[tv.locale].direction,
    };
    if (c.subject) out.subject = fill(c.subject, textValues);
    if (c.html) {
      const values = this.formatValues(tv, req.variables, 'html');
      // An e-mail's HTML is ASCII, its layout and its values alike (asciiHtml); a letter's is not.
      if (req.channel === 'email') for (const name of Object.keys(values)) values[name] = asciiHtml(values[name]!);
      out.html = fill(c.html, values);
    }
    if (req.channel === 'sms') {
      const size = measureSms(text);
      out.segments = size.segments;
      out.encoding = size.encoding;
    }
    return out;
  }

  private formatValues(tv: TemplateVersion, vars: Variables, mode: 'sms' | 'text' | 'html'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, type] of tv.variableTypes) {
      const raw = vars[name];
      const fallback = tv.definition.fallbacks[name];
      if ((raw === undefined || raw === null || raw === '') && fallback && tv.common[fallback]) {
        // The fact is unknown: the common text says where the household finds it ("the address on your summons").
        out[name] = mode === 'html' ? escapeHtml(tv.common[fallback]) : tv.common[fallback];
        continue;
      }
      if (raw === undefined || raw === null || raw === '') {
        throw new TemplateRenderError('missing_variable', `Variable manquante : "${name}" (modèle ${tv.key}).`);
      }
      let v: string;
      try {
        v = formatVariable(name, type, raw, tv.locale);
      } catch (e) {
        throw new TemplateRenderError('invalid_variable', `Variable "${name}" invalide : ${(e as Error).message}`);
      }
      out[name] = this.finish(v, type, tv.locale, mode);
    }
    for (const p of tv.phrases) {
      const n = Number(vars[p.countVar]);
      const form = p.forms.get(tv.plural.select(n)) ?? p.forms.get('other');
      const count = this.finish(formatVariable('count', 'count', n, tv.locale), 'count', tv.locale, mode === 'html' ? 'text' : mode);
      const phrase = form ? fill(form, { count }) : count;
      out[p.name] = mode === 'html' ? escapeHtml(phrase) : phrase;
    }
    return out;
  }

  private finish(v: string, type: VariableType, locale: Locale, mode: 'sms' | 'text' | 'html'): string {
    if (mode === 'html') return isolateForHtml(type, escapeHtml(v), locale);
    const isolated = isolateForText(type, v, locale);
    return mode === 'sms' ? forSms(isolated) : isolated;
  }
}

async function compileMjml(source: string): Promise<string> {
  const result = await mjml2html(source, { validationLevel: 'soft', keepComments: false });
  const errors = result.errors ?? [];
  if (errors.length > 0 && !result.html) {
    throw new Error(`MJML : ${errors.map((e) => e.formattedMessage).join('; ')}`);
  }
  return collapseLayoutWhitespace(result.html);
}

/**
 * MJML indents what it writes: a quarter of an e-mail's bytes. A run of white space holding a
 * line break becomes one line break, which HTML shows as the one space the run showed (the
 * layouts have no <pre> nor `white-space: pre`): the same page, 6 KB lighter to store, encrypt,
 * send and read on a slow phone.
 */
export function collapseLayoutWhitespace(html: string): string {
  return html.replace(/[ \t]*\n\s*/g, '\n');
}
