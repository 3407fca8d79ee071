import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rolesTable } from './roles-table';

// Regenerate with: npm run docs:roles
it('docs/access-roles.md is the policy’s own table', () => {
  expect(readFileSync(join(__dirname, '../../../../docs/access-roles.md'), 'utf8')).toBe(rolesTable());
});
