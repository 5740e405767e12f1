/**
 * Per-request loaders (DataLoader), kept on the request object so that they live as
 * long as the request and no longer: fields resolved many times in one query (a
 * page of hosts, each with its enrollments) are then read in one batch.
 */
const LOADERS = Symbol('fleetlab loaders');

export function loaderOf<T>(request: object, name: string, create: () => T): T {
  const holder = request as { [LOADERS]?: Map<string, unknown> };
  const loaders = (holder[LOADERS] ??= new Map<string, unknown>());
  let loader = loaders.get(name) as T | undefined;
  if (!loader) {
    loader = create();
    loaders.set(name, loader);
  }
  return loader;
}
