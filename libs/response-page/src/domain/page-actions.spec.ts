import { LOCALES } from '@unisson/templates';
import { parisDay, parsePageForm, responseEventsFor } from './page-actions';
import type { ResponseLinkView } from './response-link';

const link: ResponseLinkView = {
  id: 'a7a0c3e2-0000-4000-8000-000000000001',
  householdId: 'a7a0c3e2-0000-4000-8000-000000000002',
  messageId: 'a7a0c3e2-0000-4000-8000-000000000003',
  plannedContactKey: 'contact-key-1',
  purpose: 'rappelImpaye',
  locale: 'fr',
  stage: null,
  territory: null,
  partnerId: null,
  shortCode: '3M7KQ2XDA',
  expiresAt: new Date('2027-04-01T00:00:00Z'),
  createdAt: new Date('2026-12-01T00:00:00Z'),
  viaNotice: false,
};
const at = new Date('2026-12-02T22:30:00Z'); // 23:30 in Paris, still 2 December
/** The slots of the national call hours (@unisson/tasks derives them from the playbook). */
const SLOTS = ['soonest', '10:00-13:00', '14:00-20:00'];

describe('the forms of the response page', () => {
  it('reads a callback, a situation and preferences', () => {
    expect(parsePageForm('rappel', { creneau: '14:00-20:00' }, LOCALES, SLOTS)).toEqual({
      ok: true,
      action: { type: 'callback', slot: '14:00-20:00' },
    });
    expect(parsePageForm('situation', { situation: 'plan' }, LOCALES, SLOTS)).toEqual({
      ok: true,
      action: { type: 'situation', situation: 'plan' },
    });
    expect(parsePageForm('preferences', { canal: 'letter', langue: '' }, LOCALES, SLOTS)).toEqual({
      ok: true,
      action: { type: 'preferences', channel: 'letter', locale: null },
    });
    expect(parsePageForm('preferences', { langue: 'ar' }, LOCALES, SLOTS)).toEqual({
      ok: true,
      action: { type: 'preferences', channel: null, locale: 'ar' },
    });
  });

  it('names the field of a wrong or missing answer', () => {
    const field = (action: string, form: Record<string, unknown>) => {
      const r = parsePageForm(action, form, LOCALES, SLOTS);
      return r.ok ? null : r.problems.map((p) => p.field);
    };
    expect(field('rappel', {})).toEqual(['creneau']);
    expect(field('rappel', { creneau: ['10:00-13:00', 'x'] })).toEqual(['creneau']);
    // A slot outside the call hours is not offered, so not accepted (the old Saturday morning, 9 h – 12 h).
    expect(field('rappel', { creneau: 'saturday_morning' })).toEqual(['creneau']);
    expect(field('rappel', { creneau: '09:00-12:00' })).toEqual(['creneau']);
    expect(field('situation', { situation: 'debt_cleared' })).toEqual(['situation']);
    expect(field('preferences', { canal: 'pigeon', langue: 'xx' })).toEqual(['canal', 'langue']);
    expect(field('preferences', {})).toEqual(['canal']);
    expect(field('supprimer', {})).toEqual(['action']);
  });
});

describe('the response events of the page', () => {
  it('counts a visit once a Paris day, attributed to the message and its planned contact', () => {
    expect(parisDay(at)).toBe('2026-12-02');
    const [visit] = responseEventsFor(link, { type: 'visit' }, at);
    expect(visit).toMatchObject({
      kind: 'link_visited',
      source: 'response_page',
      householdId: link.householdId,
      messageId: link.messageId,
      plannedContactKey: 'contact-key-1',
      idempotencyKey: `response-page:${link.id}:visit:2026-12-02`,
    });
    const nextDay = responseEventsFor(link, { type: 'visit' }, new Date('2026-12-02T23:30:00Z'))[0];
    expect(nextDay.idempotencyKey).not.toBe(visit.idempotencyKey);
  });

  it('gives each action its kind, and a preference change one event per choice', () => {
    expect(responseEventsFor(link, { type: 'callback', slot: 'saturday_morning' }, at)[0]).toMatchObject({
      kind: 'callback_requested',
      details: { slot: 'saturday_morning', linkId: link.id },
    });
    expect(responseEventsFor(link, { type: 'situation', situation: 'paid' }, at)[0].kind).toBe('said_paid');
    expect(responseEventsFor(link, { type: 'situation', situation: 'plan' }, at)[0].kind).toBe('said_repayment_plan');
    const prefs = responseEventsFor(link, { type: 'preferences', channel: 'sms', locale: 'ar' }, at);
    expect(prefs.map((e) => [e.kind, e.details])).toEqual([
      ['channel_chosen', { linkId: link.id, channel: 'sms' }],
      ['language_chosen', { linkId: link.id, locale: 'ar' }],
    ]);
    // No name, phone or address in what is recorded.
    expect(JSON.stringify(prefs)).not.toMatch(/@|\+33/);
  });

  it("attributes a shared notice's visits to the notice, and records nothing for an anonymous notice", () => {
    const notice = {
      ...link,
      messageId: null,
      plannedContactKey: null,
      purpose: 'notice',
      viaNotice: true,
      stage: 'assignation',
      territory: '93',
      partnerId: 'a7a0c3e2-0000-4000-8000-000000000009',
    };
    expect(responseEventsFor(notice, { type: 'visit' }, at)[0]).toMatchObject({
      source: 'notice',
      partnerId: notice.partnerId,
      details: { via: 'notice', stage: 'assignation', territory: '93' },
    });
    expect(responseEventsFor({ ...notice, householdId: null }, { type: 'visit' }, at)).toEqual([]);
  });
});
