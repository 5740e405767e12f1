import type { Role } from '../access/roles.js';

/** True when `person` may change an experiment owned by `ownerId`: its owner, or an admin. */
export function mayChangeExperiment(
  person: { id: string; role: Role },
  ownerId: string | null,
): boolean {
  return person.role === 'ADMIN' || (person.role === 'OWNER' && ownerId === person.id);
}
