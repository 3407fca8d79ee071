/**
 * What the policy needs to know about the thing acted on. Identifiers only: the policy never
 * sees personal data. Fields a rule does not use may be left out.
 */
export interface Resource {
  /** Territory (département code) of a household, a campaign's target, a review queue. */
  territory?: string;
  /** Organisation that owns it (a submission, an import, a webhook endpoint, a campaign). */
  ownerPartnerId?: string;
  /** Household: organisations holding a record of it (landlord, CAF, commissaire who served an act…). */
  recordHolderPartnerIds?: readonly string[];
  /** Who created it (`identityOf`), for the four-eyes rule. */
  createdBy?: string;
}

/** No resource: a route-level decision (may this principal use this action at all?). */
export const NO_RESOURCE: Resource = {};
