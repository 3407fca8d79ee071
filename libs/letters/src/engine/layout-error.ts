/** A letter the layout refused (its address does not fit the window) or could not lay out. */
export class LetterLayoutError extends Error {
  constructor(
    readonly code: 'ADDRESS_OVERFLOW' | 'LAYOUT_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'LetterLayoutError';
  }
}
