import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TemplateLibrary, TemplateVersionArchive } from '@unisson/templates';

/**
 * Before the worker takes jobs: every template version it may send is archived (what exactly was
 * sent stays readable) and the e-mail layouts are compiled once (MJML is slow).
 */
@Injectable()
export class WorkerStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkerStartup');

  constructor(
    private readonly archive: TemplateVersionArchive,
    private readonly library: TemplateLibrary,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const archived = await this.archive.archiveCurrentVersions();
    const compiled = await this.library.prepareAllEmails();
    this.logger.log({ archived, compiled }, 'templates archived and e-mail layouts compiled');
  }
}
