/** Public surface of the template library (issue 5). */
export * from './domain/catalogue';
export { PICTOGRAMS, type PictogramId } from './domain/pictograms';
export type { TemplateDefinition, Resources } from './domain/template-definition';
export { measureSms, type SmsEncoding, type SmsSize } from './domain/sms';
export { formatMoney, formatDate, formatTime, formatPhone, escapeHtml, asciiHtml } from './domain/formatting';
export { checkFalc, DEFAULT_FALC_OPTIONS, FALC_RULES, type FalcFinding, type FalcOptions, type FalcRuleId } from './domain/falc/rules';
export { kandelMoles, type ReadabilityScore } from './domain/falc/readability';
export {
  TemplateLibrary,
  TemplateRenderError,
  type RenderRequest,
  type RenderedMessage,
  type TemplateVersion,
} from './library/template-library';
export { loadTemplateSources, type TemplateSources } from './library/template-source';
export { TemplatesModule, TemplateLibraryModule } from './templates.module';
export { lintLibrary, type LintFinding, type LintReport } from './lint/library-linter';
export { TemplatesArchiveModule, TemplateReviewModule } from './templates-archive.module';
export { TemplateReviewService, type VersionComparison } from './review/template-review.service';
export { buildReviewList, filterReviewList, type ReviewRow, type ReviewFinding, type ReviewPage } from './review/review-list';
export { wordDiff, type WordDiff, type DiffRun } from './domain/word-diff';
export { TemplateVersionArchive } from './template-version.archive';
export { TemplateVersionRepository, type TemplateVersionSnapshot } from './template-version.repository';
export { TemplateVersionRow } from './entities/template-version.entity';
export {
  WORDING_FACTS,
  DEADLINE_FACTS,
  NATIONAL_HELPLINE,
  factProblem,
  monthsUnpaid,
  purposeIndex,
  wordPurpose,
  wordingChannel,
  type DeadlineFact,
  type PurposeWording,
  type WordingFacts,
} from './domain/wording-facts';
export {
  planCost,
  emptyPlanCost,
  callMinutes,
  type CostPrices,
  type PlanCost,
  type PlanCostInputs,
  type PlannedContactCount,
  type UnitCost,
} from './domain/contact-cost';
export { smsCosts, type SmsCost } from './lint/library-linter';
export { measureFalcRules, type FalcMeasure } from './domain/falc/measure';
export { REVIEWER_REJECTED, REVIEWER_SIGNED } from './domain/falc/reviewer-set';
export {
  checkLandlordLetter,
  composeLandlordLetter,
  renderLandlordLetter,
  HOUSEHOLD_RESPONSE_VARIABLES,
  type ComposedLandlordLetter,
  type LandlordLetter,
  type RenderedLandlordLetter,
} from './domain/landlord-letter';
export { loadLandlordLetters } from './library/landlord-letter-source';
