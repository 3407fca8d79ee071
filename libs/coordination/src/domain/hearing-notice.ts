/**
 * A hearing set sooner after the summons than the law's notice to the préfet (6 weeks since
 * 27 July 2023, 2 months before; loi n° 89-462, art. 24 III) happens: the summons was notified
 * late, or the hearing was set "à bref délai". Unisson does not judge whether the claim is
 * admissible (the judge does), so it plans as usual; but the plan says it, because such a plan
 * keeps the legal acts and drops the reminders that can no longer go out before the hearing.
 */
import { dayOfIsoDate, isoDateOfDay } from './calendar';
import { frenchDate } from './french-text';
import type { PlanningContext } from './planning-context';
import { legalDeadline } from './send-window';
import type { TraceEntry } from './types';

const UNIT_LABELS = {
  days: ['jour', 'jours'],
  weeks: ['semaine', 'semaines'],
  months: ['mois', 'mois'],
  workingDays: ['jour ouvré', 'jours ouvrés'],
};

/** The local civil date of a procedure date ('YYYY-MM-DD' or an instant), in the household's time zone. */
function localDate(ctx: PlanningContext, value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : isoDateOfDay(ctx.calendar.clock.localDay(ms));
}

/** The trace line for a summons whose hearing comes sooner than the préfet's notice delay; null otherwise. */
export function shortHearingNotice(ctx: PlanningContext): TraceEntry | null {
  const { procedure, playbook } = ctx.input;
  const hearing = procedure.stage === 'assignation' && procedure.dates.hearingDate ? localDate(ctx, procedure.dates.hearingDate) : null;
  if (!hearing) return null;
  const legalCase = { leaseSignedOn: procedure.leaseSignedOn, landlordKind: procedure.landlordKind };
  // The delay in force on the summons' date, counted back from the hearing.
  const notice = legalDeadline(
    playbook.legalDelays,
    'prefetNoticeBeforeHearing',
    procedure.stageEventOn,
    legalCase,
    ctx.calendar.territory,
  );
  if (!notice) return null;
  const latest = legalDeadline([notice.delay], notice.delay.id, hearing, legalCase, ctx.calendar.territory, 'before');
  if (!latest || dayOfIsoDate(procedure.stageEventOn) <= dayOfIsoDate(latest.date)) return null;
  const { amount, unit, source } = notice.delay;
  const delay = `${amount} ${UNIT_LABELS[unit][amount > 1 ? 1 : 0]}`;
  return {
    code: 'shortHearingNotice',
    message:
      `L’audience du ${frenchDate(hearing)} a lieu moins de ${delay} après l’assignation du ${frenchDate(procedure.stageEventOn)}, ` +
      `délai de notification de l’assignation au préfet avant l’audience (${source}) : c’est au juge d’en tirer les conséquences. ` +
      `Le plan garde les actes légaux ; les rappels qui ne peuvent plus partir avant l’audience sont écartés.`,
    intentIds: [],
    contactKey: null,
  };
}
