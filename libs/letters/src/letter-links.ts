/**
 * The port to the household's response page (implemented by `@unisson/response-page`, which
 * imports letters, not the reverse): a letter's or a notice's link, QR code and tracking code.
 */
export interface LetterLinkRequest {
  householdId: string | null;
  messageId?: string | null;
  plannedContactKey?: string | null;
  /** The playbook purpose, or `notice` for the shared notice. */
  purpose: string;
  locale: string;
  stage?: string | null;
  territory?: string | null;
  partnerId?: string | null;
}

export interface LetterLink {
  url: string;
  /** Canonical tracking code (no hyphens). */
  shortCode: string;
  /** As printed: `XXXX-XXXX-C`. */
  shortCodeDisplay: string;
}

export const NOTICE_LINK_PURPOSE = 'notice';

export abstract class LetterLinks {
  abstract issue(request: LetterLinkRequest): Promise<LetterLink>;
  /**
   * A fresh tracking code that opens no response page: printed on a letter to someone other than
   * the household (its private landlord), so that a returned letter is still found by its code.
   */
  abstract trackingCodeOnly(): Pick<LetterLink, 'shortCode' | 'shortCodeDisplay'>;
  /** A tracking code as typed or scanned (any case, hyphens, O for 0…) in canonical form; null when it is none. */
  abstract normalise(typed: string): string | null;
}
