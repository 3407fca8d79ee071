import { parseOrThrow, UnissonError } from '@unisson/platform';
import { alertSchema, intentSchema, stageEventSchema } from './submission.schemas';
import { refusalOf } from '../../../../test/support/refusal';

const alert = {
  partnerRef: 'SSDH-2026-0042',
  tenant: { lastName: 'Nguyen', firstName: 'Thi' },
  address: { street: '12 bis avenue Jean Jaurès', postalCode: '93200', city: 'Saint-Denis' },
  contacts: { phone: '06 12 34 56 78', email: 'Thi.Nguyen@example.org' },
  lease: { housingSector: 'social', monthlyRent: 512.4 },
  arrears: { amount: 1024.8, firstUnpaidOn: '2026-10-05' },
};

describe('alert validation', () => {
  it('accepts a complete alert and normalises the e-mail', () => {
    const parsed = alertSchema.parse(alert);
    expect(parsed.contacts.email).toBe('thi.nguyen@example.org');
    expect(parsed.preferredLocale).toBe('fr');
  });

  it.each([
    [{ ...alert, address: { ...alert.address, postalCode: '9320' } }, 'address.postalCode'],
    [{ ...alert, arrears: { amount: 0, firstUnpaidOn: '2026-10-05' } }, 'arrears.amount'],
    [{ ...alert, arrears: { amount: 10, firstUnpaidOn: '2026-02-30' } }, 'arrears.firstUnpaidOn'],
    [{ ...alert, unexpected: true }, ''],
    [{ ...alert, lease: { housingSector: 'hlm', monthlyRent: 500 } }, 'lease.housingSector'],
    [{ ...alert, arrears: { amount: 10, firstUnpaidOn: '0000-01-01' } }, 'arrears.firstUnpaidOn'],
    [{ ...alert, tenant: { ...alert.tenant, birthDate: '2999-01-01' } }, 'tenant.birthDate'],
    [{ ...alert, lease: { housingSector: 'social', monthlyRent: 1e308 } }, 'lease.monthlyRent'],
    [{ ...alert, contacts: { phone: 'appelez-moi' } }, 'contacts.phone'],
    [{ ...alert, dependentChildren: -1 }, 'dependentChildren'],
    [{ ...alert, dependentChildren: 1.5 }, 'dependentChildren'],
    [{ ...alert, dependentChildren: '2' }, 'dependentChildren'],
    [{ ...alert, readsWithDifficulty: 'oui' }, 'readsWithDifficulty'],
  ])('names the wrong field (%#)', (input, field) => {
    const result = alertSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('carries what the partner states about the household: dependent children, reading with difficulty', () => {
    expect(alertSchema.parse({ ...alert, dependentChildren: 2, readsWithDifficulty: true })).toMatchObject({
      dependentChildren: 2,
      readsWithDifficulty: true,
    });
    const parsed = alertSchema.parse(alert);
    expect(parsed.dependentChildren).toBeUndefined();
    expect(parsed.readsWithDifficulty).toBeUndefined();
    expect(
      stageEventSchema.parse({ partnerRef: 'X-1', type: 'signalement_caf', occurredOn: '2026-11-02', dependentChildren: 0 }),
    ).toMatchObject({
      dependentChildren: 0,
    });
  });

  it.each([
    ['97500', 'Saint-Pierre-et-Miquelon'],
    ['97133', 'Saint-Barthélemy'],
    ['97150', 'Saint-Martin'],
    ['98800', 'Nouméa'],
  ])('refuses a household at %p (%s), a collectivité Unisson does not cover, naming the postcode and saying why', (postalCode) => {
    const error = refusalOf(() => parseOrThrow(alertSchema, { ...alert, address: { ...alert.address, postalCode } }));
    expect(error.fields).toEqual([{ field: 'address.postalCode', message: expect.stringContaining('n’est pas celui d’un département') }]);
  });

  it.each(['97600', '97110', '20000', '20200', '13001'])('takes a household at %p, in a département', (postalCode) => {
    expect(alertSchema.safeParse({ ...alert, address: { ...alert.address, postalCode } }).success).toBe(true);
  });

  it('names a postcode that is no French commune’s once, with that reason only', () => {
    const error = refusalOf(() => parseOrThrow(alertSchema, { ...alert, address: { ...alert.address, postalCode: '9320' } }));
    expect(error.fields).toEqual([{ field: 'address.postalCode', message: 'doit être le code postal français d’une commune, 5 chiffres' }]);
  });

  it('requires the hearing for an assignation', () => {
    const result = stageEventSchema.safeParse({ partnerRef: 'X-1', type: 'assignation', occurredOn: '2026-11-02' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['hearing']);
  });

  it.each([
    ['a NUL character', 'Ngu\u0000yen', 'caractère de contrôle'],
    ['a lone surrogate', 'Ngu\uD800yen', 'demi-paire de substitution'],
    ['a right-to-left override', 'Ngu\u202Eyen', 'caractère de contrôle du sens de lecture'],
    ['an unpaired isolate', 'Nguyen\u2069', 'caractère de contrôle du sens de lecture'],
  ])('refuses %s with a 400 naming the field, before the schema', (_label, lastName, message) => {
    let error: unknown;
    try {
      parseOrThrow(alertSchema, { ...alert, tenant: { ...alert.tenant, lastName } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnissonError);
    expect((error as UnissonError).statusCode).toBe(400);
    expect((error as UnissonError).fields).toEqual([{ field: 'tenant.lastName', message: expect.stringContaining(message) }]);
  });

  it('accepts an emoji and accented text (surrogate pairs are fine)', () => {
    expect(() => parseOrThrow(alertSchema, { ...alert, tenant: { lastName: 'Ngô 👍', firstName: 'Thị' } })).not.toThrow();
  });
});

describe('dates in the future: refused where the fact has happened, bounded where it is set ahead', () => {
  // 3 December 2026, 23:00 in Paris: already 4 December in UTC+1, 5 December nowhere.
  beforeAll(() => jest.useFakeTimers({ now: new Date('2026-12-03T22:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] }));
  afterAll(() => jest.useRealTimers());
  const event = { partnerRef: 'SSDH-2026-0042', type: 'commandement_de_payer', occurredOn: '2026-11-20' };
  const hearing = (at: string) => ({ ...event, type: 'assignation', hearing: { at, place: 'Tribunal de proximité de Saint-Denis' } });
  const held = (at: string) => ({ ...event, type: 'audience', hearing: { at, place: 'Tribunal de proximité de Saint-Denis' } });
  const fieldsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      if (error instanceof UnissonError) return error.fields.map((f) => f.field);
      throw error;
    }
    return [];
  };

  it.each([
    [
      'a first unpaid rent in 2099',
      () => parseOrThrow(alertSchema, { ...alert, arrears: { amount: 10, firstUnpaidOn: '2099-11-05' } }),
      'arrears.firstUnpaidOn',
    ],
    [
      'a first unpaid rent the day after tomorrow',
      () => parseOrThrow(alertSchema, { ...alert, arrears: { amount: 10, firstUnpaidOn: '2026-12-05' } }),
      'arrears.firstUnpaidOn',
    ],
    [
      'a lease signed in 2099',
      () => parseOrThrow(alertSchema, { ...alert, lease: { ...alert.lease, signedOn: '2099-01-01' } }),
      'lease.signedOn',
    ],
    ['a stage reached in 2099', () => parseOrThrow(stageEventSchema, { ...event, occurredOn: '2099-11-20' }), 'occurredOn'],
    [
      'a hearing held in 2099, reported as occurred',
      () => parseOrThrow(stageEventSchema, { ...event, type: 'audience', occurredOn: '2099-11-20' }),
      'occurredOn',
    ],
    ['a hearing set three years ahead', () => parseOrThrow(stageEventSchema, hearing('2029-12-10T09:00:00+01:00')), 'hearing.at'],
    [
      'a hearing before the summons that sets it',
      () => parseOrThrow(stageEventSchema, { ...hearing('2026-11-20T09:00:00+01:00'), occurredOn: '2026-12-01' }),
      'hearing.at',
    ],
    [
      'a hearing on the very day of the summons',
      () => parseOrThrow(stageEventSchema, { ...hearing('2026-12-01T14:00:00+01:00'), occurredOn: '2026-12-01' }),
      'hearing.at',
    ],
    [
      'a hearing reported as held two months ago (older than 30 days)',
      () => parseOrThrow(stageEventSchema, { ...held('2026-10-01T09:00:00+02:00'), occurredOn: '2026-10-01' }),
      'hearing.at',
    ],
    [
      'a hearing before the event that reports it (an audience of 2 December naming one of 20 November)',
      () => parseOrThrow(stageEventSchema, { ...held('2026-11-20T09:00:00+01:00'), occurredOn: '2026-12-02' }),
      'hearing.at',
    ],
    [
      'an intent with a deadline in 2099',
      () => parseOrThrow(intentSchema, { partnerRef: 'A-1', purpose: 'rappelImpaye', deadline: '2099-01-01' }),
      'deadline',
    ],
  ])('refuses %s, naming the field', (_, run, field) => {
    expect(fieldsOf(run)).toEqual([field]);
  });

  it('refuses a hearing of 2020 reported on 2 December 2026, naming hearing.at in French', () => {
    const run = () => parseOrThrow(stageEventSchema, { ...held('2020-01-01T09:00:00Z'), occurredOn: '2026-12-02' });
    expect([...new Set(fieldsOf(run))]).toEqual(['hearing.at']);
    expect(run).toThrow(/ne peut pas être passée de plus de 30 jours/);
  });

  it.each([
    ['a hearing held yesterday, reported as an audience', held('2026-12-02T09:30:00+01:00'), '2026-12-02'],
    [
      'a hearing held late yesterday evening, the audience dated today (a day of tolerance)',
      held('2026-12-02T19:00:00+01:00'),
      '2026-12-03',
    ],
    ['a judgment that sets a new hearing ahead', { ...held('2027-01-20T09:00:00+01:00'), type: 'jugement' }, '2026-12-01'],
  ])('takes %s', (_, body, occurredOn) => {
    expect(() => parseOrThrow(stageEventSchema, { ...body, occurredOn })).not.toThrow();
  });

  it.each([
    [
      'a first unpaid rent dated tomorrow (a partner in Nouméa writes its own today)',
      () => parseOrThrow(alertSchema, { ...alert, arrears: { amount: 10, firstUnpaidOn: '2026-12-04' } }),
    ],
    [
      'a summons today whose hearing is in two months',
      () => parseOrThrow(stageEventSchema, { ...hearing('2027-02-08T09:00:00+01:00'), occurredOn: '2026-12-03' }),
    ],
    ['a hearing 23 months ahead', () => parseOrThrow(stageEventSchema, hearing('2028-11-01T09:00:00+01:00'))],
    [
      'a hearing 3 weeks after the summons (notice to the préfet late or "à bref délai": the judge decides)',
      () => parseOrThrow(stageEventSchema, { ...hearing('2026-12-22T09:00:00+01:00'), occurredOn: '2026-12-01' }),
    ],
    [
      'a hearing the day after the summons, at 00:30 in Paris (still 1 December in UTC)',
      () => parseOrThrow(stageEventSchema, { ...hearing('2026-12-02T00:30:00+01:00'), occurredOn: '2026-12-01' }),
    ],
    [
      'an intent with a deadline next month',
      () => parseOrThrow(intentSchema, { partnerRef: 'A-1', purpose: 'rappelImpaye', deadline: '2027-01-15' }),
    ],
  ])('takes %s', (_, run) => {
    expect(fieldsOf(run)).toEqual([]);
  });
});

describe('an amount too large to be a rent or a debt', () => {
  it.each([
    [{ ...alert, lease: { housingSector: 'social', monthlyRent: 2_000_000 } }, 'lease.monthlyRent'],
    [{ ...alert, arrears: { amount: 10_000_000, firstUnpaidOn: '2026-10-05' } }, 'arrears.amount'],
  ])('is refused in French, naming the bound and the likely slip (%#)', (input, field) => {
    const error = refusalOf(() => parseOrThrow(alertSchema, input));
    expect(error.fields).toEqual([
      { field, message: 'trop élevé : au plus 1\u202f000\u202f000 € ; vérifiez le montant, en euros et non en centimes (ex. 1234.56)' },
    ]);
  });
});
