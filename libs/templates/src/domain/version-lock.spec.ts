import { checkVersionLock, extendLock, type CurrentVersion } from './version-lock';

const v = (hash: string, version = 1): CurrentVersion => ({ key: 'hearing_reminder', version, locale: 'fr', hash });

describe('version lock', () => {
  it('accepts content that matches its locked hash', () => {
    expect(checkVersionLock([v('aaa')], { hearing_reminder: { '1': { fr: 'aaa' } } })).toEqual([]);
  });
  it('refuses a locked version whose text changed, and says to bump the version', () => {
    const [f] = checkVersionLock([v('bbb')], { hearing_reminder: { '1': { fr: 'aaa' } } });
    expect(f.rule).toBe('locked-version-changed');
    expect(f.detail).toContain('"version" à 2');
  });
  it('reports a version that was never locked', () => {
    expect(checkVersionLock([v('bbb', 2)], { hearing_reminder: { '1': { fr: 'aaa' } } })[0].rule).toBe('version-not-locked');
  });
  it('adds new versions without rewriting locked ones', () => {
    const { lock, added } = extendLock({ hearing_reminder: { '1': { fr: 'aaa' } } }, [v('zzz', 1), v('bbb', 2)]);
    expect(added).toBe(1);
    expect(lock).toEqual({ hearing_reminder: { '1': { fr: 'aaa' }, '2': { fr: 'bbb' } } });
  });
});
