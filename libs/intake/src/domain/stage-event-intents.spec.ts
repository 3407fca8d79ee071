import { PlaybookCatalog, TerritoryPartner } from '@unisson/coordination';
import { stageEventIntents, StageEventFacts } from './stage-event-intents';

const playbook = PlaybookCatalog.load().forTerritory('93', '2026-11-23');
const partners: TerritoryPartner[] = [
  { id: 'bailleur-a', kind: 'bailleur_social', publicPhone: '+33148000001' },
  { id: 'bailleur-b', kind: 'bailleur_social', publicPhone: '+33148000002' },
  { id: 'caf-93', kind: 'caf', publicPhone: '+33148000003' },
  { id: 'adil-93', kind: 'adil', publicPhone: '+33148000004' },
];
const alert: StageEventFacts = {
  submissionId: 'sub-1',
  reportingPartnerId: 'bailleur-b',
  recordHolderIds: ['bailleur-b'],
  stage: 'premier_impaye',
  advanced: true,
  occurredOn: '2026-11-02',
};

describe('intents of a stage event', () => {
  it('lets the reporting landlord lead its own reminder, with its own number', () => {
    const reminder = stageEventIntents(alert, playbook, partners).find((i) => i.purpose === 'rappelImpaye');
    expect(reminder).toMatchObject({
      partnerId: 'bailleur-b',
      callbackPhone: '+33148000002',
      legal: false,
      idempotencyKey: 'sub-1.rappelImpaye',
    });
  });

  it('brings in the other partners the playbook names at the stage', () => {
    const leads = new Set(stageEventIntents(alert, playbook, partners).map((i) => i.partnerId));
    expect(leads).toContain('adil-93');
  });

  it('creates nothing for a late-reported earlier event, a closed procedure or a territory without playbook', () => {
    expect(stageEventIntents({ ...alert, advanced: false }, playbook, partners)).toEqual([]);
    expect(stageEventIntents({ ...alert, stage: null }, playbook, partners)).toEqual([]);
    expect(stageEventIntents(alert, null, partners)).toEqual([]);
  });

  it('gives the same keys twice, so a retried job posts nothing new', () => {
    expect(stageEventIntents(alert, playbook, partners)).toEqual(stageEventIntents(alert, playbook, partners));
  });
});
