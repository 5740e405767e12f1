import { CombinedGraphQLErrors } from '@apollo/client';

/** What the server said is wrong, by field: "arms[1].key" → "must be ...". */
export type Problems = Map<string, string>;

/** Problems from the server by field, or one message when none names a field. */
export function problemsOf(error: unknown): { problems: Problems; message: string | null } {
  const problems: Problems = new Map();
  if (CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) {
      const list = (e.extensions?.problems ?? []) as { field: string; message: string }[];
      for (const p of list) problems.set(p.field.replace(/^input\./, ''), p.message);
      if (list.length === 0 && typeof e.extensions?.field === 'string')
        problems.set(e.extensions.field.replace(/^input\./, ''), e.message);
    }
    return { problems, message: problems.size ? null : (error.errors[0]?.message ?? null) };
  }
  return { problems, message: error instanceof Error ? error.message : String(error) };
}
