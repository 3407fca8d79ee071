import { countPlanContacts } from './plan-cost';

describe('countPlanContacts', () => {
  it('counts the contacts made and to come by purpose and channel; a cancelled one costs nothing', () => {
    expect(
      countPlanContacts([
        { purpose: 'rappelImpaye', channel: 'sms', status: 'handedOff' },
        { purpose: 'rappelImpaye', channel: 'sms', status: 'planned' },
        { purpose: 'rappelImpaye', channel: 'letter', status: 'planned' },
        { purpose: 'rappelImpaye', channel: 'call', status: 'cancelled' },
      ]),
    ).toEqual([
      { purpose: 'rappelImpaye', channel: 'sms', count: 2 },
      { purpose: 'rappelImpaye', channel: 'letter', count: 1 },
    ]);
  });
});
