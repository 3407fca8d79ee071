import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'unisson:audited';

/** Where the audited resource's id is found on the request or in the response. */
export interface AuditedOptions {
  /** "household.plan.read", "alert.submit"… */
  action: string;
  subjectType: string;
  /** Route parameter holding the subject's id, or a dotted path in the response body (`response.submissionId`). */
  subjectId: string;
  /** Route parameter or response path holding the household id, when the subject is one or belongs to one. */
  householdId?: string;
  /** Field names the route reads or changes (for the entry; never values). */
  fields?: readonly string[];
}

/** Records one audit entry per call of the route, after it answered (success) or failed (its outcome). */
export const Audited = (options: AuditedOptions) => SetMetadata(AUDITED, options);
