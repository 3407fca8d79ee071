/**
 * Every table of Unisson: the entities and migrations each capability owns. Imported by the
 * apps and the scripts, never by a capability (that would make a cycle).
 */
import type { MixedList } from 'typeorm';
import { coordinationEntities, coordinationMigrations } from '../../coordination/src/schema';
import { linkageEntities, linkageMigrations } from '../../linkage/src/schema';
import { templatesEntities, templatesMigrations } from '../../templates/src/schema';
import { partnersEntities, partnersMigrations } from '../../partners/src/schema';
import { auditEntities, auditMigrations } from '../../audit/src/schema';
import { webhooksEntities, webhooksMigrations } from '../../webhooks/src/schema';
import { bulkImportEntities, bulkImportMigrations } from '../../bulk-import/src/schema';
import { campaignsEntities, campaignsMigrations } from '../../campaigns/src/schema';
import { responsesEntities, responsesMigrations } from '../../responses/src/schema';
import { messagingEntities, messagingMigrations } from '../../messaging/src/schema';
import { responsePageEntities, responsePageMigrations } from '../../response-page/src/schema';
import { experimentsEntities, experimentsMigrations } from '../../experiments/src/schema';
import { analyticsEntities, analyticsMigrations } from '../../analytics/src/schema';
import { lettersEntities, lettersMigrations } from '../../letters/src/schema';
import { tasksEntities, tasksMigrations } from '../../tasks/src/schema';
import { householdsEntities, householdsMigrations } from '../../households/src/schema';
import { foundationEntities, foundationMigrations } from './foundation-schema';
import type { SchemaParts } from './data-source-options';

const asArray = (list: MixedList<Function>): Function[] => (Array.isArray(list) ? list : Object.values(list as Record<string, Function>));

export const unissonSchema: SchemaParts = {
  entities: [
    foundationEntities,
    linkageEntities,
    coordinationEntities,
    templatesEntities,
    // Issue 11: access, audit trail, integrations.
    partnersEntities,
    auditEntities,
    webhooksEntities,
    bulkImportEntities,
    campaignsEntities,
    responsesEntities,
    messagingEntities,
    // Issue 9: the household's response page.
    responsePageEntities,
    // Issue 12: experiments and analytics' read model.
    experimentsEntities,
    analyticsEntities,
    // Issue 9: letters.
    lettersEntities,
    tasksEntities,
    // Issue 11 part B: retention (and the households' later columns).
    householdsEntities,
  ].flatMap(asArray),
  migrations: [
    foundationMigrations,
    linkageMigrations,
    coordinationMigrations,
    templatesMigrations,
    partnersMigrations,
    auditMigrations,
    webhooksMigrations,
    bulkImportMigrations,
    campaignsMigrations,
    responsesMigrations,
    messagingMigrations,
    responsePageMigrations,
    experimentsMigrations,
    analyticsMigrations,
    lettersMigrations,
    tasksMigrations,
    householdsMigrations,
  ].flatMap(asArray),
};
