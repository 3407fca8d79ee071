import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@unisson/partners';
import { PREVIEW_PAGE_HTML } from './preview-page';

/** GET /templates/preview: the partners' review page (French UI, sample data only). */
@ApiExcludeController()
@Public()
@Controller('templates')
export class TemplatePreviewPageController {
  @Get('preview')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PREVIEW_PAGE_HTML;
  }
}
