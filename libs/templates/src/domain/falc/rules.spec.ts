import { checkFalc, DEFAULT_FALC_OPTIONS, type FalcRuleId } from './rules';

const noReadability = { ...DEFAULT_FALC_OPTIONS, minReadability: -Infinity };
const rulesOf = (text: string): FalcRuleId[] => checkFalc(text, noReadability).map((f) => f.rule);

describe('FALC rules: examples that must fail', () => {
  it.each<[FalcRuleId, string]>([
    ['sentence-length', 'Vous devez payer votre loyer chaque mois à votre propriétaire avant le cinq du mois suivant.'],
    ['one-idea', 'Vous payez le loyer et vous appelez le service qui vous aide.'],
    ['one-idea', 'Payez le loyer ; appelez-nous.'],
    ['jargon', 'La CCAPEX étudie votre dossier.'],
    ['jargon', 'Vous avez reçu une assignation.'],
    ['jargon', 'Le commandement de quitter les lieux arrive.'],
    ['numbers-in-digits', 'Vous avez deux mois pour payer.'],
    ['numbers-in-digits', 'Vous avez six semaines.'],
    ['no-percentages', 'Vous payez 30 % de la dette.'],
    ['no-percentages', 'Vous payez trente pour cent.'],
    ['no-abbreviations', 'Apportez vos papiers, etc.'],
    ['no-abbreviations', 'Le RDV est demain.'],
    ['no-abbreviations', 'Le chapitre XIV vous protège.'],
    ['no-abbreviations', 'Appelez la DDETS demain.'],
    ['double-negation', "Il n'est pas impossible de payer."],
    ['double-negation', 'Vous ne partez pas sans rien.'],
    ['active-voice', 'Vous êtes convoqué au tribunal.'],
    ['active-voice', 'La décision a été rendue par le juge.'],
  ])('%s: « %s »', (rule, text) => {
    expect(rulesOf(text)).toContain(rule);
  });
});

describe('FALC rules: examples that must pass', () => {
  it.each<string>([
    'Vous avez une dette de loyer.',
    'Appelez-nous au 01 48 95 00 00.',
    'Venez à l’audience, même si vous ne pouvez pas tout payer.\nUne audience est un rendez-vous avec le juge.',
    "Vous avez un commandement de payer.\nC'est un papier officiel qui vous demande de payer votre dette.",
    'La CCAPEX est une commission qui aide les locataires.',
    // more signed sentences: reviewer-set.ts (measured in reviewer-set.spec.ts)
    'Votre propriétaire a demandé au juge de régler le problème.',
  ])('« %s »', (text) => {
    expect(checkFalc(text, noReadability)).toEqual([]);
  });
});

describe('FALC findings', () => {
  it('name the rule and quote the sentence', () => {
    const [f] = checkFalc('Bonjour.\nVous avez deux mois.', noReadability);
    expect(f).toMatchObject({ rule: 'numbers-in-digits', sentence: 'Vous avez deux mois.' });
    expect(f.detail).toContain('deux');
  });
  it('flag a message whose readability score is below the minimum', () => {
    const text =
      "L'établissement administratif compétent procédera ultérieurement à l'instruction approfondie de votre réclamation indemnitaire.";
    expect(checkFalc(text, { ...DEFAULT_FALC_OPTIONS, maxWordsPerSentence: 99 }).map((f) => f.rule)).toContain('readability');
  });
  it('honour a configured sentence length', () => {
    expect(rulesOf('Un deux trois quatre.'.replace(/deux|trois|quatre/g, 'mot'))).toEqual([]);
    expect(checkFalc('Un mot mot mot.', { ...noReadability, maxWordsPerSentence: 3 }).map((f) => f.rule)).toEqual(['sentence-length']);
  });
});
