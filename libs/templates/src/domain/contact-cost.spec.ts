import { TemplateLibrary } from '../library/template-library';
import { callMinutes, planCost } from './contact-cost';
import { purposeIndex } from './wording-facts';

const lib = TemplateLibrary.load();
const index = purposeIndex(lib.sources.definitions.values());

describe('what a plan costs', () => {
  it('adds SMS parts at the price per part, letters, call minutes, visits and served acts', () => {
    const cost = planCost(
      [
        { purpose: 'rappelImpaye', channel: 'sms', count: 10 },
        { purpose: 'rappelImpaye', channel: 'letter', count: 4 },
        { purpose: 'rappelImpaye', channel: 'call', count: 2 },
        { purpose: 'saisineCcapexInformation', channel: 'homeVisit', count: 3 },
        { purpose: 'commandementDePayer', channel: 'servedAct', count: 5 },
        { purpose: 'purposeNobodyWrote', channel: 'sms', count: 1 },
      ],
      (p) => index.get(p),
      (key, locale) => lib.unitCost(key, locale),
      0.05,
    );
    const unit = lib.unitCost('first_arrears_information', 'fr');
    expect(unit.smsParts).toBeLessThanOrEqual(2);
    expect(cost.sms).toEqual({ messages: 10, parts: 10 * unit.smsParts, euros: Math.round(10 * unit.smsParts * 0.05 * 100) / 100 });
    expect(cost).toMatchObject({ letters: 4, homeVisits: 3, servedActs: 5, unworded: 1 });
    expect(cost.calls.tasks).toBe(2);
    expect(cost.calls.minutes).toBe(Math.round(2 * unit.callMinutes));
  });

  it('counts a call as its script read aloud plus dialling and notes', () => {
    expect(callMinutes('mot '.repeat(130))).toBe(4);
    expect(callMinutes('')).toBe(3);
  });

  it('prices an Arabic SMS at its UCS-2 parts', () => {
    expect(lib.unitCost('first_arrears_information', 'ar').smsParts).toBeGreaterThan(
      lib.unitCost('first_arrears_information', 'fr').smsParts,
    );
  });
});
