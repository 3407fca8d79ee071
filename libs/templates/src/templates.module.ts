import { Global, Module } from '@nestjs/common';
import { TemplatePreviewPageController } from './http/preview-page.controller';
import { TemplatesController } from './http/templates.controller';
import { TemplateLibrary } from './library/template-library';

/** One TemplateLibrary loaded from templates/ and locales/ at start, for every module of the app. */
@Global()
@Module({
  providers: [{ provide: TemplateLibrary, useFactory: () => TemplateLibrary.load() }],
  exports: [TemplateLibrary],
})
export class TemplateLibraryModule {}

/** The catalogue/preview API and the preview page (apps/api). */
@Module({
  imports: [TemplateLibraryModule],
  controllers: [TemplatesController, TemplatePreviewPageController],
})
export class TemplatesModule {}
