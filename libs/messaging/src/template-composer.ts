import { Injectable } from '@nestjs/common';
import { allVariants, DEFAULT_VARIANT, LOCALES, Locale, TemplateLibrary, Variant, variantId } from '@unisson/templates';
import { CompositionRequest, ComposedMessage, MessageComposer } from './message-composer';

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);
/** i18next's spelling of FALC, accepted from older records. */
const ALIASES: Record<string, Locale> = { 'fr-x-falc': 'fr-falc' };
const VARIANTS_BY_ID = new Map<string, Variant>(allVariants().map((v) => [variantId(v), v]));

/** The variant of an id (`neutral.short.plain`); unknown or absent ids render the library's default. */
export function variantOf(id: string | null | undefined): Variant {
  return (id && VARIANTS_BY_ID.get(id)) || DEFAULT_VARIANT;
}

/** The composer over the template library (FALC and translations, versioned by content hash). */
@Injectable()
export class TemplateComposer extends MessageComposer {
  constructor(private readonly library: TemplateLibrary) {
    super();
  }

  async compose(request: CompositionRequest): Promise<ComposedMessage> {
    const locale: Locale = isLocale(request.locale) ? request.locale : (ALIASES[request.locale] ?? 'fr');
    const rendered = await this.library.render({
      templateKey: request.templateKey,
      channel: request.channel,
      locale,
      variant: variantOf(request.variant),
      variables: request.variables,
    });
    return {
      templateKey: rendered.templateKey,
      templateVersion: rendered.templateVersion,
      locale: rendered.locale,
      variant: variantId(rendered.variant),
      subject: rendered.subject ?? null,
      text: rendered.text,
      html: rendered.html ?? null,
    };
  }
}
