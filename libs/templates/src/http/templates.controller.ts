import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@unisson/partners';
import { parseOrThrow, UnissonError } from '@unisson/platform';
import { CHANNELS, LENGTHS, LOCALE_INFO, LOCALES, TEMPLATE_KEYS, TONES, isTemplateKey } from '../domain/catalogue';
import { renderQuery } from './template-review.schemas';
import { TemplateLibrary, TemplateRenderError, type RenderedMessage } from '../library/template-library';
import { TemplateCatalogue, TemplatePreview } from './templates.openapi';

const previewQuery = renderQuery(true);

/**
 * The shared template catalogue and a preview of any template x variant x locale x channel with
 * sample data, so partners can review the texts they co-sign. Sample data only: no personal data,
 * hence public like the texts themselves.
 */
@ApiTags('templates')
@Public()
@Controller('v1/templates')
export class TemplatesController {
  constructor(@Inject(TemplateLibrary) private readonly library: TemplateLibrary) {}

  @Get()
  @ApiOperation({ summary: 'Catalogue des modèles : objet, étape, canaux, variables, versions par langue' })
  @TemplateCatalogue()
  catalogue() {
    return {
      channels: CHANNELS,
      tones: TONES,
      lengths: LENGTHS,
      locales: LOCALES.map((l) => ({ locale: l, label: LOCALE_INFO[l].label, direction: LOCALE_INFO[l].direction })),
      templates: TEMPLATE_KEYS.map((key) => {
        const def = this.library.definition(key);
        return {
          key,
          version: def.version,
          title: def.title,
          stage: def.stage,
          purpose: def.purpose,
          channels: def.channels,
          variables: def.variables,
          versions: Object.fromEntries(LOCALES.map((l) => [l, this.library.version(key, l).hash])),
        };
      }),
    };
  }

  @Get(':key/preview')
  @ApiOperation({ summary: 'Rendu d’un modèle avec des données d’exemple (canal, langue, ton, longueur, pictogrammes)' })
  @TemplatePreview()
  async preview(
    @Param('key') key: string,
    @Query() query: Record<string, unknown>,
  ): Promise<RenderedMessage & { sample: Record<string, unknown> }> {
    if (!isTemplateKey(key)) throw UnissonError.notFound();
    const q = parseOrThrow(previewQuery, query);
    const sample = this.library.definition(key).sample;
    try {
      const rendered = await this.library.render({
        templateKey: key,
        channel: q.channel,
        locale: q.locale,
        variant: { tone: q.tone, length: q.length, pictograms: q.pictograms },
        variables: sample,
      });
      return { ...rendered, sample };
    } catch (e) {
      if (e instanceof TemplateRenderError) throw new UnissonError(`TEMPLATE_${e.code.toUpperCase()}`, e.message, 422);
      throw e;
    }
  }
}
