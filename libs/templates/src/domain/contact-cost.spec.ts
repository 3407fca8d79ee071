import { TemplateLibrary } from '../library/template-library';
import { callMinutes, planCost } from './contact-cost';
import { purposeIndex } from './wording-facts';

const lib = TemplateLibrary.load();
const index = purposeIndex(lib.sources.definitions.values());

describe('what a plan costs', () => {
  const prices = { smsPerPart: 0.05, postage: { lettre_simple: 1.39, lettre_suivie: 1.99 }, visitMinutes: 90 };

  it('adds SMS parts at the price per part, letters by postage class, call minutes, visits and served acts', () => {
    const cost = planCost(
      [
        { purpose: 'rappelImpaye', channel: 'sms', count: 10 },
        { purpose: 'rappelImpaye', channel: 'letter', count: 4 },
        { purpose: 'rappelImpaye', channel: 'call', count: 2 },
        { purpose: 'saisineCcapexInformation', channel: 'homeVisit', count: 3 },
        { purpose: 'commandementDePayer', channel: 'servedAct', count: 5 },
        { purpose: 'purposeNobodyWrote', channel: 'sms', count: 1 },
        { purpose: 'rappelAudience', channel: 'letter', count: 3 },
      ],
      {
        templateOf: (p) => index.get(p),
        unitCost: (key, locale) => lib.unitCost(key, locale),
        prices,
        postageClassOf: (key) => (key === 'hearing_reminder' ? 'lettre_suivie' : 'lettre_simple'),
      },
    );
    const unit = lib.unitCost('first_arrears_information', 'fr');
    expect(unit.smsParts).toBeLessThanOrEqual(2);
    expect(cost.sms).toEqual({ messages: 10, parts: 10 * unit.smsParts, euros: Math.round(10 * unit.smsParts * 0.05 * 100) / 100 });
    expect(cost).toMatchObject({ letters: 7, homeVisits: 3, visitMinutes: 270, servedActs: 5, unworded: 1 });
    expect(cost.postage).toEqual({ lettre_simple: { letters: 4, euros: 5.56 }, lettre_suivie: { letters: 3, euros: 5.97 } });
    expect(cost.euros).toBeCloseTo(cost.sms.euros + 5.56 + 5.97, 2);
    expect(cost.calls.tasks).toBe(2);
    expect(cost.calls.minutes).toBe(Math.round(2 * unit.callMinutes));
  });

  it('counts a call as its script read aloud plus dialling and notes', () => {
    expect(callMinutes('mot '.repeat(130))).toBe(4);
    expect(callMinutes('')).toBe(3);
  });

  it('counts an Arabic household’s SMS at its UCS-2 parts when asked in Arabic', () => {
    const counts = [{ purpose: 'rappelImpaye', channel: 'sms', count: 1 }];
    const inputs = { templateOf: (p: string) => index.get(p), unitCost: lib.unitCost.bind(lib), prices };
    expect(planCost(counts, { ...inputs, locale: 'ar' }).sms.parts).toBeGreaterThan(planCost(counts, inputs).sms.parts);
  });

  it('prices an Arabic SMS at its UCS-2 parts', () => {
    expect(lib.unitCost('first_arrears_information', 'ar').smsParts).toBeGreaterThan(
      lib.unitCost('first_arrears_information', 'fr').smsParts,
    );
  });
});
