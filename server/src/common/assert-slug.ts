import { slugProblem } from '@fleetlab/shared';
import { badInput } from './graphql-errors.js';

/** Rejects a malformed slug argument before it reaches the database. */
export function assertSlug(value: string, what: string, field = 'slug'): void {
  const problem = slugProblem(value, what);
  if (problem) throw badInput(problem, { field });
}
