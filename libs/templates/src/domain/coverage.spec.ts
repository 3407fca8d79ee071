import { TemplateLibrary } from '../library/template-library';
import { shippedPurposes } from '../lint/playbook-purposes';
import { checkCoverage, type PlannedPurpose } from './coverage';
import type { TemplateDefinition } from './template-definition';

const lib = TemplateLibrary.load();
const shipped = [...lib.sources.definitions.values()];

function template(overrides: Partial<TemplateDefinition>): TemplateDefinition {
  return {
    key: 'first_arrears_information',
    version: 1,
    title: 't',
    stage: 'premier_impaye',
    purpose: 'p',
    channels: ['sms', 'email', 'letter', 'voice', 'call'],
    variables: { fullName: 'text', partnerName: 'text', partnerPhone: 'phone' },
    phrases: {},
    pictogram: 'info',
    sectionPictograms: { what: 'info', todo: 'info', help: 'info', details: 'info' },
    sample: {},
    purposes: ['rappelImpaye'],
    fallbacks: {},
    ...overrides,
  };
}
const planned = (p: Partial<PlannedPurpose>): PlannedPurpose => ({
  id: 'rappelImpaye',
  stage: 'premier_impaye',
  channels: ['sms'],
  playbooks: ['FR'],
  ...p,
});

describe('coverage of the playbooks by the library', () => {
  it('words every purpose of every shipped playbook, in every channel it is planned in, with facts known at its stage', () => {
    const purposes = shippedPurposes();
    expect(purposes.length).toBeGreaterThanOrEqual(33);
    expect(checkCoverage(shipped, purposes)).toEqual([]);
  });

  it('fails on a purpose no template words', () => {
    const findings = checkCoverage([template({})], [planned({}), planned({ id: 'protocoleTripartite', stage: 'signalement_caf' })]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'unworded-purpose', purpose: 'protocoleTripartite' })]);
  });

  it('fails on a channel the playbook plans and the template does not offer (a home visit without a visit note)', () => {
    const findings = checkCoverage([template({})], [planned({ channels: ['sms', 'homeVisit'] })]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'unworded-purpose', channel: 'homeVisit' })]);
  });

  it('words a served act with its companion notice (the letter channel)', () => {
    expect(
      checkCoverage([template({ purposes: ['commandementDePayer'] })], [planned({ id: 'commandementDePayer', channels: ['servedAct'] })]),
    ).toEqual([]);
    expect(checkCoverage([template({ channels: ['sms'], purposes: ['x'] })], [planned({ id: 'x', channels: ['servedAct'] })])).toEqual([
      expect.objectContaining({ rule: 'unworded-purpose', channel: 'servedAct' }),
    ]);
  });

  it('fails on a fact the planner cannot supply at the purpose stage (a payment deadline at the first unpaid rent)', () => {
    const def = template({ variables: { fullName: 'text', partnerName: 'text', partnerPhone: 'phone', paymentDeadline: 'date' } });
    expect(checkCoverage([def], [planned({})])).toEqual([expect.objectContaining({ rule: 'unknown-fact', templateKey: def.key })]);
    expect(checkCoverage([def], [planned({ stage: 'commandement_de_payer' })])).toEqual([]);
  });

  it('fails on a variable that is no fact at all (an appointment date nobody plans)', () => {
    const def = template({ variables: { fullName: 'text', partnerName: 'text', partnerPhone: 'phone', appointmentDate: 'date' } });
    expect(checkCoverage([def], [planned({})])[0]).toMatchObject({ rule: 'unknown-fact' });
  });

  it('accepts an unknown fact that has a fallback text', () => {
    const def = template({
      variables: { fullName: 'text', partnerName: 'text', partnerPhone: 'phone', courtAddress: 'address' },
      fallbacks: { courtAddress: 'court_address_unknown' },
    });
    expect(checkCoverage([def], [planned({})])).toEqual([]);
  });

  it('fails on a template no playbook uses', () => {
    const findings = checkCoverage([template({}), template({ key: 'hearing_reminder', purposes: ['gone'] })], [planned({})]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'unused-template', templateKey: 'hearing_reminder' })]);
  });
});
