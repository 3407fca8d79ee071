import fc from 'fast-check';
import { countSmsSegments, segmentSms, type SmsSegmentation } from './sms-segments';

describe('segmentSms', () => {
  it.each([
    ['empty body still costs one SMS', '', 'GSM-7', 0, 1],
    ['160 GSM-7 characters fit in one SMS', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 GSM-7 characters need two parts of 153', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['306 GSM-7 characters fill exactly two parts', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['307 GSM-7 characters need three parts', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['é è à ù É Ç stay in GSM-7', 'Réunion à l’étape'.replace('’', "'") + ' Ç É ù è', 'GSM-7', 25, 1],
    ['the euro sign takes two septets', '€'.repeat(80), 'GSM-7', 160, 1],
    ['81 euro signs overflow one SMS', '€'.repeat(81), 'GSM-7', 162, 2],
    ['ê switches to UCS-2', 'Vous êtes', 'UCS-2', 9, 1],
    ['ç switches to UCS-2', 'reçu', 'UCS-2', 4, 1],
    ['70 UCS-2 units fit in one SMS', 'ê'.repeat(70), 'UCS-2', 70, 1],
    ['71 UCS-2 units need two parts of 67', 'ê'.repeat(71), 'UCS-2', 71, 2],
    ['an emoji counts two UTF-16 units', '👍', 'UCS-2', 2, 1],
    ['typographic apostrophe is not GSM-7', 'l’huissier', 'UCS-2', 10, 1],
  ])('%s', (_label, body, encoding, units, segments) => {
    expect(segmentSms(body)).toEqual({ encoding, units, segments });
  });

  it('never counts fewer parts than the body needs at the multipart size', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1600 }), (body) => {
        const { encoding, units, segments } = segmentSms(body);
        const perPart = encoding === 'GSM-7' ? 153 : 67;
        const single = encoding === 'GSM-7' ? 160 : 70;
        if (units <= single) expect(segments).toBe(1);
        else expect(segments * perPart).toBeGreaterThanOrEqual(units);
        expect(countSmsSegments(body)).toBe(segments);
      }),
    );
  });

  describe('GSM-7 septets, as 3GPP TS 23.038 lists the alphabet', () => {
    // The alphabet written out again, character by character: the counting's table must agree with it.
    const basic = new Set(
      Array.from(
        '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
          '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
      ),
    );
    const extension = new Set(Array.from('\f^{}\\[~]|€'));
    const reference = (body: string): SmsSegmentation['units'] | null => {
      let septets = 0;
      for (const char of body) {
        if (basic.has(char)) septets += 1;
        else if (extension.has(char)) septets += 2;
        else return null;
      }
      return septets;
    };
    const expected = (body: string) => {
      const septets = reference(body);
      return septets === null ? { encoding: 'UCS-2', units: body.length } : { encoding: 'GSM-7', units: septets };
    };

    it('classes every UTF-16 code unit as the alphabet does', () => {
      for (let code = 0; code <= 0xffff; code++) {
        const char = String.fromCharCode(code);
        expect({ code, ...pick(segmentSms(char)) }).toEqual({ code, ...expected(char) });
      }
    });

    it('counts any text as the alphabet does, GSM-7 or not', () => {
      const gsm = fc.constantFrom(...basic, ...extension);
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: gsm, maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (body) => {
          expect(pick(segmentSms(body))).toEqual(expected(body));
        }),
      );
    });
  });
});

function pick({ encoding, units }: SmsSegmentation): { encoding: string; units: number } {
  return { encoding, units };
}
