import { CHANNEL_LABELS, CHANNELS, CONTACT_CHANNELS, MESSAGE_CHANNELS, PROCEDURE_STAGES, STAGE_LABELS, stageRank } from './index';

describe('vocabulary', () => {
  it('names every channel and every stage in French, and each sub-list is drawn from the one list of channels', () => {
    expect(Object.keys(CHANNEL_LABELS).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(STAGE_LABELS)).toEqual([...PROCEDURE_STAGES]);
    for (const channel of [...CONTACT_CHANNELS, ...MESSAGE_CHANNELS]) expect(CHANNELS).toContain(channel);
  });

  it('orders stages as the procedure runs', () => {
    expect(stageRank('commandement_de_payer')).toBeLessThan(stageRank('assignation'));
    expect(stageRank('concours_force_publique')).toBeLessThan(stageRank('expulsion'));
  });
});
