import { measureSms } from './sms';

describe('SMS segments', () => {
  it.each([
    ['empty', '', 'GSM-7', 0],
    ['160 GSM-7 characters fit in one segment', 'a'.repeat(160), 'GSM-7', 1],
    ['161 need two (153 per concatenated segment)', 'a'.repeat(161), 'GSM-7', 2],
    ['306 fill exactly two', 'a'.repeat(306), 'GSM-7', 2],
    ['307 need three', 'a'.repeat(307), 'GSM-7', 3],
    ['French accents é è à ù are GSM-7', 'é'.repeat(160), 'GSM-7', 1],
    ['ê is not GSM-7', `${'a'.repeat(69)}ê`, 'UCS-2', 1],
    ['71 UCS-2 units need two segments (67 each)', 'ê'.repeat(71), 'UCS-2', 2],
    ['134 UCS-2 units fill exactly two', 'ê'.repeat(134), 'UCS-2', 2],
  ])('%s', (_label, text, encoding, segments) => {
    expect(measureSms(text)).toMatchObject({ encoding, segments });
  });

  it('counts € as two septets (extension table)', () => {
    expect(measureSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(measureSms('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', units: 162, segments: 2 });
  });

  it('never splits an extension character across segments', () => {
    // 152 plain + € (2 septets) does not fit in the 153 of the first segment: € opens the second one.
    expect(measureSms(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
  });

  it('never splits an emoji (surrogate pair) across segments', () => {
    expect(measureSms(`${'a'.repeat(66)}📅${'a'.repeat(66)}`).segments).toBe(3);
    expect(measureSms(`${'a'.repeat(65)}📅${'a'.repeat(67)}`).segments).toBe(2);
  });

  it('lists the characters that force UCS-2', () => {
    expect(measureSms('Répondez ça ; arrêtez').nonGsmCharacters).toEqual(['ç', 'ê']);
  });

  it('treats a narrow no-break space as UCS-2 (hence forSms before sending)', () => {
    expect(measureSms('1\u202f234 €').encoding).toBe('UCS-2');
  });
});
