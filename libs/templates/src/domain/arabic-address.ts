import { TEMPLATE_KEYS, type TemplateKey } from './catalogue';
import type { Resources } from './template-definition';

/**
 * The Arabic texts address the household in the plural (أنتم): a household is often a couple or a
 * family, and the plural spares guessing the reader's gender. Texts read by staff (call and visit
 * instructions, the caller's "[اسمك الأول]") stay in the singular. This rule flags unambiguous
 * second-person singular forms in the household's texts; ambiguous ones are left to the reviewer
 * (اتصل is also "he called", except in "اتصل بنا"; أرسل also "I send"; تريد also "she wants").
 */
const SINGULAR_FORMS = new Set([
  'ادفع',
  'احضر',
  'اطلب',
  'يمكنك',
  'لديك',
  'عليك',
  'إليك',
  'منك',
  'بك',
  'لك',
  'معك',
  'وضعك',
  'حقوقك',
  'دخلك',
  'حسابك',
  'مسكنك',
  'جلستك',
  'حضورك',
  'ميزانيتك',
  'بياناتك',
  'هويتك',
  'إسكانك',
  'ساعدك',
  'يساعدك',
  'تساعدك',
  'يرافقك',
  'ترافقك',
  'مساعدتك',
]);

/** Keys written for the caller or the visiting social worker, not for the household. */
const STAFF_KEYS = /^(call_closing|visit_closing|call_heading_|visit_heading_)/;

export interface AddressFinding {
  rule: 'ar/singular-address';
  templateKey?: TemplateKey;
  key: string;
  word: string;
  detail: string;
}

export function singularForms(text: string): string[] {
  const household = text.replace(/\[[^\]]*\]/g, ' ').replace(/\{\{[^}]*\}\}/g, ' ');
  const words = household.split(/[^\p{L}\p{M}]+/u).filter(Boolean);
  // A leading و or ف ("and", "so") is written joined to the word.
  const found = words.filter((w) => SINGULAR_FORMS.has(w) || (/^[وف]/.test(w) && SINGULAR_FORMS.has(w.slice(1))));
  // "Call us": the imperative, whereas "هل اتصل بكم" (has someone called you) is not.
  for (const m of household.matchAll(/(?<![\p{L}\p{M}])[وف]?اتصل بنا/gu)) found.push(m[0].replace(' بنا', ''));
  return found;
}

export function checkArabicAddress(arabic: ReadonlyMap<string, Resources> | undefined): AddressFinding[] {
  const findings: AddressFinding[] = [];
  if (!arabic) return findings;
  // Every file the household reads: the templates, their common lines, the letter, the shared
  // notice, the response page and the phone menu.
  for (const [ns, res] of arabic) {
    for (const [key, text] of Object.entries(res)) {
      if (STAFF_KEYS.test(key)) continue;
      for (const word of singularForms(text))
        findings.push({
          rule: 'ar/singular-address',
          templateKey: (TEMPLATE_KEYS as readonly string[]).includes(ns) ? (ns as TemplateKey) : undefined,
          key,
          word,
          detail: `« ${word} » s'adresse au foyer au singulier (locales/ar/${ns}.json) : écrivez au pluriel (أنتم : اتصلوا، يمكنكم، لديكم…), comme les autres modèles.`,
        });
    }
  }
  return findings;
}
