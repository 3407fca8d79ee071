import { Module } from '@nestjs/common';
import { TemplatePreviewPageController } from './http/preview-page.controller';
import { TemplatesController } from './http/templates.controller';
import { TemplateLibrary } from './library/template-library';

/**
 * The template library for apps: one TemplateLibrary loaded from templates/ and locales/ at start
 * (exported for messaging and coordination), the catalogue/preview API and the preview page.
 */
@Module({
  controllers: [TemplatesController, TemplatePreviewPageController],
  providers: [{ provide: TemplateLibrary, useFactory: () => TemplateLibrary.load() }],
  exports: [TemplateLibrary],
})
export class TemplatesModule {}
