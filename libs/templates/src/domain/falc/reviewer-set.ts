import type { FalcRuleId } from './rules';

/**
 * A FALC reviewer's verdicts, written for this library: messages (one or two sentences, as they
 * appear in a letter, an SMS or a call script) a reviewer sent back, each with the reason they
 * gave, and messages a reviewer signed. The FALC rules are measured on it (lint:templates prints
 * the figures; the unit test holds them): at least 9 in 10 rejected messages caught, at most 1 in
 * 10 signed messages flagged.
 */
export interface RejectedMessage {
  text: string;
  /** The rule that should catch it (the reviewer's reason). */
  rule: FalcRuleId;
}

export const REVIEWER_REJECTED: readonly RejectedMessage[] = [
  // jargon, in and out of the first list, in any case
  { text: 'Vous avez reçu une assignation.', rule: 'jargon' },
  { text: 'La Caf va étudier votre dossier.', rule: 'jargon' },
  { text: 'Demandez une aide au fsl.', rule: 'jargon' },
  { text: 'Le juge peut prononcer la résiliation de votre bail.', rule: 'jargon' },
  { text: 'La clause résolutoire peut jouer.', rule: 'jargon' },
  { text: 'Respectez votre échéancier.', rule: 'jargon' },
  { text: 'Votre bailleur a saisi le juge.', rule: 'jargon' },
  { text: 'Envoyez vos justificatifs de ressources.', rule: 'jargon' },
  { text: 'Le préfet va décider.', rule: 'jargon' },
  // sham explanations: a label, not what the thing is or does
  { text: "Vous avez reçu un commandement de payer.\nC'est une lettre officielle.", rule: 'jargon' },
  { text: "Vous avez une audience.\nL'audience est le rendez-vous.", rule: 'jargon' },
  { text: 'La CCAPEX est une commission.', rule: 'jargon' },
  { text: 'Vous avez une assignation.\nCette assignation est importante.', rule: 'jargon' },
  { text: "La date de l'audience est écrite sur le papier.", rule: 'jargon' },
  // acronyms and abbreviations outside the lists
  { text: 'Appelez la DDETS demain.', rule: 'no-abbreviations' },
  { text: 'Le RDV est lundi.', rule: 'no-abbreviations' },
  { text: 'Apportez vos papiers, etc.', rule: 'no-abbreviations' },
  { text: 'Mme Diallo doit venir.', rule: 'no-abbreviations' },
  { text: 'Appelez le service, svp.', rule: 'no-abbreviations' },
  { text: 'Votre dossier n° 12 est prêt.', rule: 'no-abbreviations' },
  // metaphors and idioms
  { text: 'Nous allons faire le point avec vous.', rule: 'idioms' },
  { text: 'Vous risquez de vous retrouver à la rue.', rule: 'idioms' },
  { text: 'Le fonds peut vous donner un coup de pouce.', rule: 'idioms' },
  { text: 'Ne baissez pas les bras.', rule: 'idioms' },
  // third-person address
  { text: 'Le locataire doit payer son loyer.', rule: 'third-person' },
  { text: "L'allocataire doit déclarer ses revenus.", rule: 'third-person' },
  { text: 'Le ménage peut demander une aide.', rule: 'third-person' },
  // nominalisations
  { text: 'Le versement de l’aide continue.', rule: 'nominalisation' },
  { text: 'Nous attendons la régularisation de votre situation.', rule: 'nominalisation' },
  { text: 'La transmission de votre dossier est faite.', rule: 'nominalisation' },
  { text: "Merci pour l'accompagnement.", rule: 'nominalisation' },
  // numbers in words
  { text: 'Vous avez deux mois pour payer.', rule: 'numbers-in-digits' },
  { text: 'Vous avez six semaines.', rule: 'numbers-in-digits' },
  { text: 'C’est la troisième lettre.', rule: 'numbers-in-digits' },
  // length, ideas, voice, negation, percentages
  { text: 'Vous devez payer votre loyer chaque mois à votre propriétaire avant le 5 du mois suivant.', rule: 'sentence-length' },
  { text: 'Vous payez le loyer et vous appelez le service qui vous aide.', rule: 'one-idea' },
  { text: 'Vous êtes convoqué au tribunal.', rule: 'active-voice' },
  { text: 'La décision a été rendue par le juge.', rule: 'active-voice' },
  { text: "Il n'est pas impossible de payer.", rule: 'double-negation' },
  { text: 'Vous payez 30 % de la dette.', rule: 'no-percentages' },
];

/** Messages a FALC reviewer signed: none of them may be flagged. */
export const REVIEWER_SIGNED: readonly string[] = [
  'Vous avez une dette de loyer.',
  'Appelez-nous au 01 48 95 00 00.',
  'Le tribunal est fermé le dimanche.',
  'Vous ne devez plus rien.',
  'Vous ne recevrez plus jamais ces SMS.',
  'Vous avez 2 mois pour payer.',
  'Pour ne plus recevoir de SMS, répondez STOP.',
  'Vous êtes venu au rendez-vous.',
  'Ce rendez-vous est gratuit.',
  'Le loyer et les charges font 650 €.',
  'Que devez-vous faire ?',
  'Qui peut vous aider ?',
  'Payez le loyer de ce mois, si vous pouvez.',
  'Votre propriétaire a demandé au juge de vous faire partir.',
  'Un travailleur social peut vous aider.',
  'Vous le trouvez à la mairie.',
  'Cet appel est gratuit.',
  'Gardez bien ce papier.',
  'Vous êtes marié ?',
  'Le bureau est ouvert le lundi.',
  'Une audience est un rendez-vous avec le juge au tribunal.',
  "Vous avez un rendez-vous avec le juge.\nCe rendez-vous s'appelle une audience.",
  'Le commissaire de justice est un agent officiel de la justice.',
  "Vous avez reçu un commandement de payer.\nC'est un papier officiel qui vous demande de payer votre dette.",
  "L'ADIL est un service gratuit qui explique vos droits.",
  'Le préfet représente l’État.\nLe préfet est la personne qui décide avec la police.',
  'Vous pouvez demander un avocat gratuit.',
  'Nous cherchons une solution avec vous.',
  'Votre situation a changé ?',
  'Alors dites-le à la Caisse d’allocations familiales.',
  'Vous avez une question ?',
  'En hiver, personne ne peut vous faire partir.',
  'Vous devez partir avant le 10 mai 2027.',
  'Nous pouvons venir chez vous.',
  'Apportez vos fiches de salaire.',
  'Le juge peut vous donner du temps pour payer.',
  'Faites un plan avec votre propriétaire.',
  'Cette aide est gratuite.',
  'Vous pouvez venir avec une personne de confiance.',
  'Rappelez-nous demain à 10 h.',
];
