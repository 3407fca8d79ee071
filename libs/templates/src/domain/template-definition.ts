import type { Channel, TemplateKey, VariableType, Variables } from './catalogue';
import type { PictogramId } from './pictograms';

/** Sections of a message, in reading order ("Que se passe-t-il ?" first). */
export const SECTIONS = ['what', 'todo', 'help', 'details'] as const;
export type Section = (typeof SECTIONS)[number];

/** templates/<key>/template.json */
export interface TemplateDefinition {
  key: TemplateKey;
  /** Bumped by hand when the text of a locked version must change (see versions.lock.json). */
  version: number;
  /** Short French title shown to partners in the catalogue and the preview. */
  title: string;
  /** Procedure stage the coordination engine attaches this purpose to. */
  stage: string;
  /** What the message is for, in French, for partners reviewing the catalogue. */
  purpose: string;
  channels: Channel[];
  variables: Record<string, VariableType>;
  /** Plural-aware phrases: phrase name -> the `count` variable choosing its CLDR form. */
  phrases: Record<string, string>;
  /** The template's main pictogram (SMS) and one per section. */
  pictogram: PictogramId;
  sectionPictograms: Record<Section, PictogramId>;
  /** Sample data used by the preview, the linter and the benchmark. */
  sample: Variables;
  /**
   * Playbook purposes (libs/coordination/playbooks) this template words. One template may word
   * several purposes: a declared reuse, checked by lint:templates against every playbook.
   */
  purposes: string[];
  /** Variable -> common key written instead when the fact is unknown ("the address on your summons"). */
  fallbacks: Record<string, string>;
}

/** Flat i18next resources (nested keys joined with "."), one namespace. */
export type Resources = Readonly<Record<string, string>>;

/** Keys every template namespace must define (tone overrides `<key>_<tone>` are optional). */
export const TEMPLATE_RESOURCE_KEYS = [
  'subject',
  'what',
  'todo',
  'help',
  'details',
  'sms_short',
  'sms_detailed',
  'voice',
  'call_opening',
  'call_questions',
] as const;

/** Keys of the shared `common` namespace. */
export const COMMON_RESOURCE_KEYS = [
  'greeting',
  'heading_what',
  'heading_todo',
  'heading_help',
  'heading_details',
  'tone_reassuring',
  'tone_neutral',
  'tone_firm',
  'closing_reassuring',
  'closing_neutral',
  'closing_firm',
  'signoff',
  'footer',
  'sms_tone_reassuring',
  'sms_tone_neutral',
  'sms_tone_firm',
  'sms_stop',
  'voice_intro',
  'voice_outro',
  'call_heading_opening',
  'call_heading_explain',
  'call_heading_questions',
  'call_heading_help',
  'call_heading_closing',
  'call_closing',
  'visit_heading_opening',
  'visit_heading_explain',
  'visit_heading_questions',
  'visit_heading_help',
  'visit_heading_closing',
  'visit_opening',
  'visit_closing',
  'court_address_unknown',
] as const;

/** Optional keys of a template: its own opening of the home-visit note (else the common `visit_opening`). */
export const VISIT_RESOURCE_KEYS = ['visit_opening'] as const;

/** Variables the common namespace uses, so every template must declare them. */
export const COMMON_VARIABLES = ['fullName', 'partnerName', 'partnerPhone'] as const;

/** Keys that may legitimately be empty (a neutral tone adds nothing). */
export const MAY_BE_EMPTY = new Set(['tone_neutral', 'sms_tone_neutral']);
