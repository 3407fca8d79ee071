/**
 * A letter the layout refused (its address does not fit the window) or could not lay out;
 * ENGINE_UNAVAILABLE: the worker process laying it out died (the letter is not at fault: retry).
 */
export class LetterLayoutError extends Error {
  constructor(
    readonly code: 'ADDRESS_OVERFLOW' | 'LAYOUT_FAILED' | 'ENGINE_UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'LetterLayoutError';
  }
}
