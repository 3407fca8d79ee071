import type { ContactChannel } from '@unisson/vocabulary';

/** The channels worked by people as tasks: a call, a home visit (their one definition is @unisson/vocabulary's). */
export const TASK_CHANNELS = ['call', 'homeVisit'] as const satisfies readonly ContactChannel[];
export type TaskChannel = (typeof TASK_CHANNELS)[number];

export function isTaskChannel(value: string): value is TaskChannel {
  return (TASK_CHANNELS as readonly string[]).includes(value);
}
