import { Module } from '@nestjs/common';
import { TemplateLibraryModule } from './templates.module';
import { TemplateVersionArchive } from './template-version.archive';
import { TemplateVersionRepository } from './template-version.repository';

/** Database side of the library (needs TypeORM configured by the app): the version archive. */
@Module({
  imports: [TemplateLibraryModule],
  providers: [TemplateVersionRepository, TemplateVersionArchive],
  exports: [TemplateVersionArchive, TemplateVersionRepository],
})
export class TemplatesArchiveModule {}
