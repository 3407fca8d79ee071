import { z } from 'zod';

/**
 * The years a date given to Unisson can fall in: a person's birth, a lease, a procedure, an
 * outcome, a report's period, a call-back. Anything else is a typing error (year 0000, 20226), and
 * PostgreSQL refuses year 0000 outright. One definition for every public input.
 */
export const FIRST_ACCEPTED_YEAR = 1900;
export const LAST_ACCEPTED_YEAR = 2100;

/** The range said to the person who sent a date outside it. */
export const ACCEPTED_YEARS_RULE = `doit tomber entre le ${FIRST_ACCEPTED_YEAR}-01-01 et le ${LAST_ACCEPTED_YEAR}-12-31`;

/** The year as written (AAAA-…), the civil year the sender means whatever its offset. */
export function isWithinAcceptedYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return Number.isInteger(year) && year >= FIRST_ACCEPTED_YEAR && year <= LAST_ACCEPTED_YEAR;
}

/** A calendar day written AAAA-MM-JJ, between 1900 and 2100. */
export function isoDay(error = 'doit être une date écrite AAAA-MM-JJ, ex. 2026-12-01') {
  return z.iso.date({ error }).refine(isWithinAcceptedYears, ACCEPTED_YEARS_RULE);
}

/** An ISO 8601 instant with its offset (2026-12-01T10:00:00+01:00), between 1900 and 2100. */
export function isoInstant(error = 'doit être un instant ISO 8601 avec son décalage horaire, ex. 2026-12-01T10:00:00+01:00') {
  return z.iso.datetime({ offset: true, error }).refine(isWithinAcceptedYears, ACCEPTED_YEARS_RULE);
}
