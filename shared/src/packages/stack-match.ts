import { compareEvr } from '../facts/version-compare.js';
import { parsePackageNvr } from './nevra.js';

/**
 * Whether a host runs an arm's stack: every package of the arm is installed at the
 * arm's version-release. Undefined when the host reported none of those packages,
 * so that "unknown" is not mistaken for "not exposed". An arm without packages
 * (a stock baseline described only by its repos) matches every host.
 */
export function stackMatches(
  armPackages: readonly string[],
  hostPackages: Readonly<Record<string, string>> | undefined,
): boolean | undefined {
  const wanted = armPackages.map(parsePackageNvr).filter((p) => p !== null);
  if (wanted.length === 0) return true;
  const installed = hostPackages ?? {};
  if (!wanted.some((p) => Object.hasOwn(installed, p.name))) return undefined;
  return wanted.every(
    (p) =>
      Object.hasOwn(installed, p.name) &&
      compareEvr(installed[p.name]!, `${p.version}-${p.release}`) === 0,
  );
}
