import { procedureAfter } from './procedure-stage';

describe('procedureAfter', () => {
  it.each([
    [null, 'premier_impaye', { stage: 'premier_impaye', closed: false, advanced: true }],
    ['premier_impaye', 'commandement_de_payer', { stage: 'commandement_de_payer', closed: false, advanced: true }],
    ['assignation', 'commandement_de_payer', { stage: 'assignation', closed: false, advanced: false }],
    ['assignation', 'dette_soldee', { stage: 'assignation', closed: true, advanced: false }],
    ['jugement', 'cfp_demande', { stage: 'concours_force_publique', closed: false, advanced: true }],
    ['concours_force_publique', 'cfp_accorde', { stage: 'expulsion', closed: false, advanced: true }],
    ['commandement_de_payer', 'plan_apurement', { stage: 'commandement_de_payer', closed: false, advanced: false }],
    ['saisine_ccapex', 'depart_du_logement', { stage: 'saisine_ccapex', closed: true, advanced: false }],
  ] as const)('from %p, event %p gives %p', (current, event, expected) => {
    expect(procedureAfter(current, event)).toEqual(expected);
  });
});
