import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'unisson:audited';

/** Where a value is read: a route parameter name, `response.<path>`, `body.<path>`, or a function. */
export type AuditedValue =
  string | ((request: { params?: Record<string, string>; body?: unknown; actor?: unknown }, response: unknown) => unknown);

/** Where the audited resource's id is found on the request or in the response. */
export interface AuditedOptions {
  /** "household.plan.read", "alert.submit"… */
  action: string;
  subjectType: string;
  /**
   * Route parameter holding the subject's id, a dotted path in the response body
   * (`response.submissionId`) or in the request body (`body.leftRecordId`), or a function of both.
   */
  subjectId: AuditedValue;
  /** Same, for the household id, when the subject is one or belongs to one. */
  householdId?: AuditedValue;
  /** Field names the route reads or changes (for the entry; never values). */
  fields?: readonly string[];
}

/** Records one audit entry per call of the route, after it answered (success) or failed (its outcome). */
export const Audited = (options: AuditedOptions) => SetMetadata(AUDITED, options);
