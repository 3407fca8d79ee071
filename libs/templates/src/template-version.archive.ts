import { Inject, Injectable } from '@nestjs/common';
import { TemplateLibrary } from './library/template-library';
import { TemplateVersionRepository, type TemplateVersionSnapshot } from './template-version.repository';

/**
 * Keeps in the database the content of every template version the running code can send. Called
 * at start-up by the worker (idempotent): any message's `template_version` then resolves to its text.
 */
@Injectable()
export class TemplateVersionArchive {
  constructor(
    @Inject(TemplateLibrary) private readonly library: TemplateLibrary,
    private readonly repository: TemplateVersionRepository,
  ) {}

  snapshots(): TemplateVersionSnapshot[] {
    return this.library.allVersions().map((v) => {
      const { sample: _sample, ...definition } = v.definition;
      void _sample;
      return {
        hash: v.hash,
        templateKey: v.key,
        version: v.version,
        locale: v.locale,
        content: { definition, resources: v.resources, common: v.common, layouts: this.library.sources.layouts },
      };
    });
  }

  /** Returns how many versions were archived for the first time. */
  archiveCurrentVersions(): Promise<number> {
    return this.repository.archiveMissingVersions(this.snapshots());
  }
}
