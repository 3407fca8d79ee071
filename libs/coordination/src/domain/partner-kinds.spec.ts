import { PARTNER_KINDS as DIRECTORY_KINDS } from '@unisson/partners';
import { PARTNER_KINDS } from './types';

// The planner keeps its own copy so that it depends on nothing; this keeps the copy honest.
it("knows exactly the partner kinds of the partners' directory", () => {
  expect([...PARTNER_KINDS].sort()).toEqual([...DIRECTORY_KINDS].sort());
});
