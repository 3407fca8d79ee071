import { barChart, OverviewFigures, publishOverview, renderOverview } from './operations-overview';

const figures: OverviewFigures<number> = {
  generatedAt: '2026-12-01T09:30:00.000Z',
  households: 3,
  proceduresByStage: [
    { label: 'Premier impayé', count: 2 },
    { label: 'Signalement CAF', count: 1 },
  ],
  messagesByStatus: [{ label: 'remis', count: 4 }],
  messagesByChannel: [{ label: 'SMS', count: 4 }],
  coordination: { intents: 10, plans: 2, contactsPlanned: 3, contactsHandedOff: 1, contactsCancelled: 2 },
  linkage: { records: 5, linked: 2, reviewsOpen: 1 },
};

describe('the operators overview', () => {
  it('shows what the coordinated plans cost the partners: SMS parts and euros, letters, call minutes, visits', () => {
    const html = renderOverview({
      ...figures,
      planCost: {
        sms: { messages: 12, parts: 20, euros: 0.9 },
        letters: 7,
        postage: { lettre_simple: { letters: 5, euros: 6.95 }, lettre_suivie: { letters: 2, euros: 3.98 } },
        emails: 3,
        calls: { tasks: 4, minutes: 26 },
        homeVisits: 2,
        visitMinutes: 180,
        servedActs: 1,
        unworded: 0,
        euros: 11.83,
        smsPricePerPart: 0.045,
      },
    });
    expect(html).toContain('Ce que coûtent les plans coordonnés');
    expect(html).toMatch(/12 SMS, 20 parties, 0,90\s€ à 0,045\s€ la partie/);
    expect(html).toMatch(/7 lettres à affranchir : 5 en lettre simple \(6,95\s€\), 2 en lettre suivie \(3,98\s€\)/);
    expect(html).toContain('environ 3 heures de travailleurs sociaux');
    expect(html).toMatch(/11,83\s€ de SMS et d’affranchissement/);
    expect(html).toContain('4 appels, environ 26 minutes de conseillers');
    expect(html).not.toContain('Sans modèle');
  });

  it('draws bars proportional to the counts, the largest full width', () => {
    const svg = barChart('Test', [
      { label: 'a', count: 10 },
      { label: 'b', count: 5 },
    ]);
    expect(svg).toContain('width="420"');
    expect(svg).toContain('width="210"');
  });

  it('says how many partner requests were gathered into how many plans', () => {
    const html = renderOverview(figures);
    expect(html).toMatch(/<strong>10<\/strong> demandes dans <strong>2<\/strong> plan\(s\) de contact/);
    expect(html).toMatch(/<strong>1<\/strong> contacts partis et <strong>3<\/strong> à venir/);
    expect(html).toContain('lang="fr"');
  });

  it('escapes labels and says so when there is nothing yet', () => {
    expect(barChart('Vide', [])).toContain('Rien pour l’instant.');
    expect(barChart('X', [{ label: '<script>', count: 1 }])).not.toContain('<script>');
  });

  it('shows no figure of 1 to 9 and rounds the others to 5, in the tiles, the bars and the plan cost', () => {
    const published = publishOverview(
      {
        ...figures,
        households: 461,
        proceduresByStage: [
          { label: 'Premier impayé', count: 458 },
          { label: 'Assignation', count: 1 },
          { label: 'Audience', count: 2 },
          { label: 'Expulsion', count: 0 },
        ],
        messagesByChannel: [{ label: 'Appel vocal', count: 1 }],
        planCost: {
          sms: { messages: 12, parts: 20, euros: 0.9 },
          letters: 7,
          postage: { lettre_simple: { letters: 6, euros: 8.34 }, lettre_suivie: { letters: 1, euros: 1.99 } },
          emails: 3,
          calls: { tasks: 4, minutes: 26 },
          homeVisits: 2,
          visitMinutes: 180,
          servedActs: 1,
          unworded: 0,
          euros: 11.23,
          smsPricePerPart: 0.045,
        },
      },
      'secret',
    );
    expect(published.proceduresByStage.map((c) => c.count)).toEqual([expect.any(Number), null, null, 0]);
    expect([455, 460]).toContain(published.proceduresByStage[0]!.count);
    expect(published.messagesByChannel[0]!.count).toBeNull();
    expect(published.planCost!.postage.lettre_suivie).toEqual({ letters: null, euros: null });
    const html = renderOverview(published);
    expect(html).not.toMatch(/>1<\/td>/);
    expect(html).toContain('<th scope="row">Assignation</th><td>&lt; 10</td>');
    expect(html).toContain('&lt; 10 en lettre suivie (montant masqué)');
    expect(html).not.toContain('1 en lettre suivie');
    expect(html).toContain('environ 10,00');
  });
});
