/** What a person may do: read (VIEWER), run their own experiments (OWNER), everything (ADMIN). */
export const ROLES = ['VIEWER', 'OWNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who sends a request. In local mode a request without a token is the local admin,
 * a real person row, so that what they create has an owner.
 */
export type Principal =
  | {
      kind: 'PERSON';
      id: string;
      name: string;
      role: Role;
      local: boolean;
      /** The API token or session it came with (none for the local admin). */
      tokenId?: string;
    }
  | { kind: 'HOST'; id: string; name: string | null }
  | { kind: 'ANONYMOUS' };

/**
 * The access rule of an operation: PUBLIC (anyone; enrollHost checks its enroll
 * secret itself), HOST (a host token), or the least role a person needs.
 */
export type AccessRule = 'PUBLIC' | 'HOST' | Role;

const RANK: Record<Role, number> = { VIEWER: 1, OWNER: 2, ADMIN: 3 };

/** Why `principal` may not do what `rule` guards, or null when it may. */
export function denialOf(
  rule: AccessRule,
  principal: Principal,
): { code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string } | null {
  if (rule === 'PUBLIC') return null;
  if (rule === 'HOST') {
    if (principal.kind === 'HOST') return null;
    // In local mode a request without a token is the local admin: it sent no host token.
    return principal.kind === 'ANONYMOUS' || (principal.kind === 'PERSON' && principal.local)
      ? {
          code: 'UNAUTHENTICATED',
          message:
            'This operation needs a host token: send the one from `fleetlab-agent enroll` as `Authorization: Bearer <token>`.',
        }
      : {
          code: 'FORBIDDEN',
          message:
            'Only a host may do this, with its own host token; people act on hosts with optInHosts and optOutHosts.',
        };
  }
  if (principal.kind === 'ANONYMOUS')
    return {
      code: 'UNAUTHENTICATED',
      message:
        'Sign in first: send an API token as `Authorization: Bearer <token>` (an admin creates one with createApiToken), or sign in on the dashboard.',
    };
  if (principal.kind === 'HOST')
    return {
      code: 'FORBIDDEN',
      message: 'A host token may only report for its host; this needs a person’s API token.',
    };
  if (RANK[principal.role] >= RANK[rule]) return null;
  return {
    code: 'FORBIDDEN',
    message: `This needs the ${rule} role; ${principal.name} is ${principal.role}. An admin can change roles with setPersonRole.`,
  };
}
