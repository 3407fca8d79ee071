import { stageAfter } from './procedure-stage';

describe('stageAfter', () => {
  it.each([
    [null, 'premier_impaye', 'premier_impaye'],
    ['premier_impaye', 'commandement_de_payer', 'commandement_de_payer'],
    ['assignation', 'commandement_de_payer', 'assignation'],
    ['assignation', 'dette_soldee', 'close'],
    ['jugement', 'cfp_demande', 'concours_force_publique'],
    ['close', 'assignation', 'close'],
  ] as const)('from %p, event %p leads to %p', (current, event, expected) => {
    expect(stageAfter(current, event)).toBe(expected);
  });
});
