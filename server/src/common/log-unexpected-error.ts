/**
 * Logs an error nobody raised on purpose (a bug, a failed query) by its stack alone:
 * its other properties are left out, a failed query's parameters (token hashes,
 * names, whatever a caller sent) among them.
 */
export function logUnexpectedError(error: unknown): void {
  console.error(
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error),
  );
}
