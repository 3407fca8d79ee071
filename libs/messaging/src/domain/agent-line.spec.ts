import { agentLine } from './agent-line';

describe('agentLine', () => {
  it.each([
    ['01 48 95 00 00', '+33148950000'],
    ['+33 1 48 95 00 00', '+33148950000'],
    ['0033148950000', '+33148950000'],
    ['05 56 00 00 00', '+33556000000'],
    ['06 12 34 56 78', '+33612345678'],
    ['07 58 12 34 56', '+33758123456'],
    ['09 70 12 34 56', '+33970123456'],
    ['0800 12 34 56', '+33800123456'],
    ['0809 10 00 00', '+33809100000'],
    ['0692 12 34 56', '+262692123456'],
    ['+262 692 12 34 56', '+262692123456'],
    ['0269 61 00 00', '+262269610000'],
    ['+262 269 61 00 00', '+262269610000'],
    ['0590 87 00 00', '+590590870000'],
    ['0690 12 34 56', '+590690123456'],
    ['+594 594 30 00 00', '+594594300000'],
    ['+596 596 60 00 00', '+596596600000'],
    ['+508 41 00 00', '+508410000'],
  ])('%p is an agent’s line, dialled as %p', (raw, e164) => {
    expect(agentLine(raw)).toEqual({ e164 });
  });

  it.each(['08 99 70 00 00', '0891 12 34 56', '0810 12 34 56', '0820 12 34 56', '0825 12 34 56'])('%p is refused as surcharged', (raw) => {
    expect(agentLine(raw).problem).toMatch(/surtaxé/);
    expect(agentLine(raw).e164).toBeUndefined();
  });

  it.each(['+882 1300 0000', '+1 900 555 0100', '+44 20 7946 0000', '+687 26 00 00'])('%p is refused as not French', (raw) => {
    expect(agentLine(raw)).toEqual({ problem: expect.stringMatching(/doit être un numéro français/) });
  });

  it.each(['abc', '0', '+33 7 00 00 00 00', '12345678'])('%p is refused as no phone number', (raw) => {
    expect(agentLine(raw)).toEqual({ problem: expect.stringMatching(/^doit être un numéro de téléphone, par exemple 01 48 95 00 00/) });
  });
});
