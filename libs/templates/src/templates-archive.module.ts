import { Module } from '@nestjs/common';
import { TemplatesModule } from './templates.module';
import { TemplateVersionArchive } from './template-version.archive';
import { TemplateVersionRepository } from './template-version.repository';

/** Database side of the library (needs TypeORM configured by the app): the version archive. */
@Module({
  imports: [TemplatesModule],
  providers: [TemplateVersionRepository, TemplateVersionArchive],
  exports: [TemplateVersionArchive, TemplateVersionRepository],
})
export class TemplatesArchiveModule {}
