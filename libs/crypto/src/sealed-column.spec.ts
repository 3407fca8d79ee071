import { randomBytes } from 'node:crypto';
import { blindIndex, blockKeyHash } from './blind-indexes';
import { installPersonalDataKeys } from './personal-data-keys';
import { openJson, openValue, sealedJsonColumn, sealedText, sealJson, sealValue } from './sealed-column';

describe('sealed columns', () => {
  beforeAll(() => installPersonalDataKeys({ masterKeys: `t1:${randomBytes(32).toString('base64')}`, blindIndexKey: 'x'.repeat(32) }));

  it('seal on write and open on read, nulls staying null', () => {
    const phone = sealedText('partner_record.phone');
    const stored = phone.to('+33612345678') as string;
    expect(stored).toMatch(/^pii1\.t1\./);
    expect(phone.from(stored)).toBe('+33612345678');
    expect(phone.to(null)).toBeNull();
    expect(phone.from(null)).toBeNull();
  });

  it('read the erasure marker as it is, and refuse to be searched by value', () => {
    expect(sealedText('partner_record.city').from('[effacé]')).toBe('[effacé]');
    expect(() => sealedText('partner_record.phone').to({ _type: 'equal', _value: '+33612345678' })).toThrow(/blind index/);
  });

  it('seal JSON documents whole (linkage normalised records)', () => {
    const column = sealedJsonColumn('linkage_record.normalised');
    const stored = column.to({ lastName: 'MARTIN' }) as string;
    expect(stored).not.toContain('MARTIN');
    expect(column.from(stored)).toEqual({ lastName: 'MARTIN' });
    expect(openJson(sealJson([1, 2], 'x'), 'x')).toEqual([1, 2]);
  });

  it('index equal canonical values equally, and leave absent values unindexed', () => {
    expect(blindIndex('phone', '+33612345678')).toBe(blindIndex('phone', '+33612345678'));
    expect(blindIndex('phone', null)).toBeNull();
    expect(blindIndex('email', '')).toBeNull();
    expect(blockKeyHash('p:+33612345678')).toBe(blockKeyHash('p:+33612345678'));
  });

  it('deflate a long HTML before sealing it: a sixth of the size at rest, read back the same, plain values still read', () => {
    const html =
      `<table><tr><td style="font-family:Arial, Helvetica, sans-serif;font-size:16px">Loyer impayé : مرحبا</td></tr></table>\n`.repeat(150);
    const column = sealedText('outbound_message.body_html', { deflate: true });
    const deflated = column.to(html) as string;
    const plain = sealValue(html, 'outbound_message.body_html');
    expect(deflated).toMatch(/^pii1\.t1\./);
    expect(deflated.length).toBeLessThan(plain.length / 6);
    expect(column.from(deflated)).toBe(html);
    // Written before deflating, or by another column: the same reader opens both.
    expect(column.from(plain)).toBe(html);
    expect(openValue(deflated, 'outbound_message.body_html')).toBe(html);
    expect(() => openValue(deflated, 'outbound_message.body')).toThrow(/does not open/);
  });
});
