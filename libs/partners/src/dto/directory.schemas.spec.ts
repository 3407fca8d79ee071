import { parseOrThrow } from '@unisson/platform';
import { accountChangesSchema, partnerChangesSchema } from './directory.schemas';
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
