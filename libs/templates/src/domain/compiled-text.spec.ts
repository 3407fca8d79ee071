import { compileDocument, fill, toHtmlSource, toTextSource, variablesOf, hasUnsupportedSyntax } from './compiled-text';

describe('resource text language', () => {
  it('lists variables once, in order', () => {
    expect(variablesOf('{{a}} et {{ b }} puis {{a}}')).toEqual(['a', 'b']);
  });
  it('rejects i18next formats and nesting', () => {
    expect(hasUnsupportedSyntax('{{amount, currency}}')).toBe(true);
    expect(hasUnsupportedSyntax('$t(other)')).toBe(true);
    expect(hasUnsupportedSyntax('{{amount}}')).toBe(false);
  });
  it('compiles once and fills literals and values', () => {
    const c = compileDocument(toTextSource('Payez **{{amount}}** avant le {{date}}.'));
    expect(c.vars).toEqual(['amount', 'date']);
    expect(fill(c, { amount: '10 €', date: 'lundi' })).toBe('Payez 10 € avant le lundi.');
  });
  it('turns bold, lines and lists into escaped HTML', () => {
    expect(toHtmlSource('A & **B**\nApportez :\n- papiers <1>\n- reçus\nFin')).toBe(
      'A &amp; <strong>B</strong><br />Apportez :<br /><ul><li>papiers &lt;1&gt;</li><li>reçus</li></ul><br />Fin',
    );
  });
});
