import { isOptOutReply } from './opt-out-keywords';

describe('isOptOutReply', () => {
  it.each(['STOP', 'stop', ' Stop. ', 'ARRÊT', 'arret', 'Stop!'])('%p is an opt-out', (body) => {
    expect(isOptOutReply(body)).toBe(true);
  });

  it.each(['Je ne peux pas payer, stop aux relances ?', 'OK merci', 'Rappelez-moi', ''])('%p is a reply, not an opt-out', (body) => {
    expect(isOptOutReply(body)).toBe(false);
  });
});
