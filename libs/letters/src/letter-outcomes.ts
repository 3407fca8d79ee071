/**
 * What the letters capability tells messaging about its letters (implemented by messaging: the
 * message's status moves on, the plan hears of it). A port, so that letters never reads nor
 * writes messaging's tables.
 */
export abstract class LetterOutcomes {
  /** The provider has the letters: printed and posted. */
  abstract posted(messageIds: string[]): Promise<void>;
  /** Delivery confirmed (tracked or registered letters). */
  abstract delivered(messageId: string): Promise<void>;
  /** Returned to sender (NPAI): the message is undelivered; the plan hears it through the response recorded. */
  abstract returned(messageId: string): Promise<void>;
}
