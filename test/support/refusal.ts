import { UnissonError } from '@unisson/platform';

/** The UnissonError `run` throws (a test of a refusal); any other error, or none, fails the test. */
export function refusalOf(run: () => unknown): UnissonError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnissonError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
