import type { MixedList } from 'typeorm';
import { TemplateVersionRow } from './entities/template-version.entity';
import { Templates1790000300000 } from './migrations/1790000300000-templates';
import { TemplateVersionsImmutable1814000000000 } from './migrations/1814000000000-template-versions-immutable';

/** Tables owned by the template library. */
export const templatesEntities: MixedList<Function> = [TemplateVersionRow];
export const templatesMigrations: MixedList<Function> = [Templates1790000300000, TemplateVersionsImmutable1814000000000];
