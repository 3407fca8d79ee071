import { parseOrThrow } from '@unisson/platform';
import { accountChangesSchema, agreementSchema, newPartnerSchema, partnerChangesSchema } from './directory.schemas';
import { refusalOf as refusal } from '../../../../test/support/refusal';

describe('an administrator’s change of a partner or an account', () => {
  it.each([
    ['partner', partnerChangesSchema, 'name, territories, publicPhone, disabled'],
    ['account', accountChangesSchema, 'password, disabled, unlock'],
  ])('of the %s, empty ({}), is a 400 saying that one field at least is required, and naming them', (_, schema, fields) => {
    const error = refusal(() => parseOrThrow(schema, {}));
    expect(error.statusCode).toBe(400);
    expect(error.fields).toEqual([{ field: '(body)', message: `au moins un champ à modifier est requis (${fields})` }]);
  });

  it('with one field, is taken as it was', () => {
    expect(parseOrThrow(partnerChangesSchema, { publicPhone: null })).toEqual({ publicPhone: null });
    expect(parseOrThrow(accountChangesSchema, { unlock: false })).toEqual({ unlock: false });
  });
});

describe('the territories of a partner', () => {
  const partner = (territories: string[]) => ({ slug: 'bailleur-multi', name: 'Bailleur', kind: 'bailleur_social', territories });

  it('takes every département, metropolitan, Corsican and overseas', () => {
    const territories = ['57', '67', '68', '971', '972', '973', '974', '976', '2A', '2B', '13'];
    expect(parseOrThrow(newPartnerSchema, partner(territories)).territories).toEqual(territories);
  });

  it.each([
    ['975', 'Saint-Pierre-et-Miquelon'],
    ['977', 'Saint-Barthélemy'],
    ['978', 'Saint-Martin'],
    ['988', 'Nouvelle-Calédonie'],
    ['20', 'Corse before 1976'],
  ])('refuses %p (%s), naming the field and saying why', (code) => {
    const error = refusal(() => parseOrThrow(newPartnerSchema, partner(['57', code])));
    expect(error.statusCode).toBe(400);
    expect(error.fields).toEqual([
      { field: 'territories.1', message: expect.stringContaining('collectivités d’outre-mer qu’Unisson ne couvre pas') },
    ]);
  });
});

describe('agreementSchema: an analysts’ organisation reads aggregates only', () => {
  it('refuses an agreement giving analysts a personal field, naming fields and the fields to take out', () => {
    const parsed = agreementSchema.safeParse({ territory: '93', partnerKind: 'analyste', fields: ['identity', 'stage', 'phone'] });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'fields',
        'un organisme d’analyse ne lit que des chiffres agrégés : aucun champ personnel ne peut lui être ouvert (retirez identity, phone)',
      ],
    ]);
  });

  it('still takes non-personal fields for analysts, and personal ones for a Département', () => {
    expect(agreementSchema.safeParse({ territory: '93', partnerKind: 'analyste', fields: ['stage', 'debtAmount'] }).success).toBe(true);
    expect(agreementSchema.safeParse({ territory: '93', partnerKind: 'departement', fields: ['identity', 'phone'] }).success).toBe(true);
  });
});
