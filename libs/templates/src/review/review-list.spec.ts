import { LOCALES, allVariants } from '../domain/catalogue';
import { TemplateLibrary } from '../library/template-library';
import { shippedPurposes } from '../lint/playbook-purposes';
import { buildReviewList, filterReviewList } from './review-list';

const library = TemplateLibrary.load();
const purposes = shippedPurposes();

/** The library with one FALC SMS rewritten the way a reviewer would reject it. */
function withFalcSms(text: string): TemplateLibrary {
  const resources = new Map(library.sources.resources);
  const falc = new Map(resources.get('fr-falc'));
  falc.set('hearing_reminder', { ...falc.get('hearing_reminder'), sms_short: text });
  resources.set('fr-falc', falc);
  return new TemplateLibrary({ ...library.sources, resources });
}

describe('the review list', () => {
  const rows = buildReviewList(library, purposes, 0.045);

  it('has one row per purpose × channel × locale × variant of the shipped playbooks', () => {
    const hearing = purposes.find((p) => p.id === 'rappelAudience')!;
    const ofPurpose = rows.filter((r) => r.purpose === hearing.id);
    const channels = new Set(ofPurpose.map((r) => r.channel));
    expect(ofPurpose).toHaveLength(channels.size * LOCALES.length * allVariants().length);
    // Letters to the private landlord are reviewed in templates/landlord/, not as household templates.
    expect(new Set(rows.map((r) => r.purpose)).size).toBe(purposes.filter((p) => p.addressee !== 'landlord').length);
    expect(rows.every((r) => r.hash !== null && r.findings.every((f) => f.severity === 'notice'))).toBe(true); // lint:templates passes
  });

  it('states the encoding, parts and price of every SMS, and flags the Arabic ones in UCS-2 as a cost to weigh', () => {
    const page = filterReviewList(rows, { locale: 'ar', channel: 'sms', findings: 'any', page: 1, perPage: 500 });
    expect(page.total).toBeGreaterThan(0);
    for (const r of page.rows) {
      expect(r.sms).toMatchObject({ encoding: 'UCS-2' });
      expect(r.sms!.euros).toBeCloseTo(r.sms!.parts * 0.045, 3);
      expect(r.findings.find((f) => f.rule === 'sms-cost')!.detail).toContain(`${r.sms!.parts} parties en UCS-2`);
    }
    const french = filterReviewList(rows, { locale: 'fr', channel: 'sms', findings: 'all', page: 1, perPage: 5000 });
    expect(french.rows.every((r) => r.sms!.encoding === 'GSM-7' && r.sms!.parts <= 2)).toBe(true);
  });

  it('shows a FALC fault on the rows that render it, with its sentence, and only there', () => {
    const broken = buildReviewList(withFalcSms("L'huissier a signifié l'assignation. Rdv au TJ le {{hearingDate}}."), purposes, 0.045);
    const errors = filterReviewList(broken, { findings: 'errors', page: 1, perPage: 1000 });
    expect(errors.total).toBeGreaterThan(0);
    expect(errors.rows.every((r) => r.templateKey === 'hearing_reminder' && r.locale === 'fr-falc' && r.channel === 'sms')).toBe(true);
    expect(errors.rows.every((r) => r.variant.includes('.short.'))).toBe(true);
    const falc = errors.rows[0].findings.filter((f) => f.label === 'FALC');
    expect(falc.length).toBeGreaterThan(0);
    expect(falc.some((f) => f.sentence && /huissier|Rdv|TJ/.test(f.sentence))).toBe(true);
    expect(errors.counts.withErrors).toBe(errors.total);
  });

  it('lists a planned purpose no template words, on each channel the playbooks plan it, as an error', () => {
    const extra = buildReviewList(
      library,
      [{ id: 'purposeWithoutWords', stage: 'assignation', channels: ['sms', 'servedAct'], playbooks: ['93'] }],
      0.045,
    );
    expect(extra.map((r) => r.channel)).toEqual([...LOCALES.map(() => 'sms'), ...LOCALES.map(() => 'letter')]);
    expect(extra[0].findings[0]).toMatchObject({ severity: 'error', label: 'Sans modèle' });
  });

  it('pages and filters without losing rows', () => {
    const all = filterReviewList(rows, { findings: 'all', page: 1, perPage: 100 });
    expect(all.total).toBe(rows.length);
    expect(all.pages).toBe(Math.ceil(rows.length / 100));
    const last = filterReviewList(rows, { findings: 'all', page: 10_000, perPage: 100 });
    expect(last.page).toBe(all.pages);
    expect(last.rows.length).toBe(rows.length - (all.pages - 1) * 100);
  });
});
