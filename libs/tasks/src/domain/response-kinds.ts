import type { ResponseKind, ResponseSource } from '@unisson/vocabulary';
import type { TaskOutcome } from './outcomes';
import type { TaskChannel } from './task-channel';

const CALL_KINDS: Record<string, ResponseKind> = {
  reached: 'call_reached',
  no_answer: 'call_no_answer',
  voicemail: 'call_voicemail',
  wrong_number: 'call_wrong_number',
  callback_requested: 'callback_requested',
  refused: 'call_refused',
};
const VISIT_KINDS: Record<string, ResponseKind> = {
  met: 'visit_met',
  absent: 'visit_absent',
  moved: 'visit_moved',
  refused: 'visit_refused',
  note_left: 'visit_note_left',
};

/** The response event an outcome is (kinds defined once in @unisson/vocabulary). */
export function responseOf(channel: TaskChannel, outcome: TaskOutcome): { kind: ResponseKind; source: ResponseSource } {
  const kind = (channel === 'call' ? CALL_KINDS : VISIT_KINDS)[outcome];
  if (!kind) throw new Error(`outcome ${outcome} is not one of a ${channel}`);
  return { kind, source: channel === 'call' ? 'call_task' : 'visit_task' };
}
