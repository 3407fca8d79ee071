import { territoryRefusal } from './analyst-territory';

describe('territoryRefusal: an organisation reads and experiments on its own territories only', () => {
  const caf93 = { partnerId: 'caf-93', territories: ['93'] };

  it('lets an organisation work on its territory', () => {
    expect(territoryRefusal(caf93, '93')).toBeNull();
  });

  it('refuses another territory, naming it', () => {
    expect(territoryRefusal(caf93, '38')).toBe('Votre organisation ne travaille pas sur le territoire 38.');
  });

  it('lets Unisson’s own staff see every territory', () => {
    expect(territoryRefusal({ partnerId: null, territories: [] }, '38')).toBeNull();
  });
});
