export type Comparison = -1 | 0 | 1;

// rpm's character classes are ASCII only: any other character is a separator.
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isSeparator = (c: string): boolean => !isDigit(c) && !isLetter(c) && c !== '~' && c !== '^';

function segmentEnd(s: string, from: number, belongs: (c: string) => boolean): number {
  let end = from;
  while (end < s.length && belongs(s[end]!)) end++;
  return end;
}

/**
 * rpm's rpmvercmp (rpmio/rpmvercmp.c), step for step, so that a version compared here
 * sorts exactly as `rpm` and `dnf` sort it on the host: `~` sorts before anything
 * (pre-releases), `^` after the base version but before the next one (snapshots).
 */
export function compareVersions(a: string, b: string): Comparison {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && isSeparator(a[i]!)) i++;
    while (j < b.length && isSeparator(b[j]!)) j++;
    const ca = a[i];
    const cb = b[j];

    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // Like `~`, except that a version which ends here is older than one that goes on
    // with `^`.
    if (ca === '^' || cb === '^') {
      if (ca === undefined) return -1;
      if (cb === undefined) return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === undefined || cb === undefined) break;

    const numeric = isDigit(ca);
    const endA = segmentEnd(a, i, numeric ? isDigit : isLetter);
    const endB = segmentEnd(b, j, numeric ? isDigit : isLetter);
    // Segments of different types: a number is newer than letters.
    if (endB === j) return numeric ? 1 : -1;

    let segmentA = a.slice(i, endA);
    let segmentB = b.slice(j, endB);
    if (numeric) {
      // Compared as digit strings so that no segment is too long for a number.
      segmentA = segmentA.replace(/^0+/, '');
      segmentB = segmentB.replace(/^0+/, '');
      if (segmentA.length !== segmentB.length) return segmentA.length > segmentB.length ? 1 : -1;
    }
    if (segmentA !== segmentB) return segmentA < segmentB ? -1 : 1;
    i = endA;
    j = endB;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

interface Evr {
  epoch: string;
  version: string;
  release: string | undefined;
}

function parseEvr(s: string): Evr {
  const epochMatch = /^(\d+):/.exec(s);
  const epoch = epochMatch?.[1] ?? '0';
  const rest = epochMatch ? s.slice(epochMatch[0].length) : s;
  const dash = rest.lastIndexOf('-');
  return dash < 0
    ? { epoch, version: rest, release: undefined }
    : { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

/**
 * Compares `[epoch:]version[-release]` the way rpm compares packages: epoch, then
 * version, then release, each with rpmvercmp. Comparing the whole string at once
 * would be wrong (`1.0-2` would sort after `1.0.1-1`). When either side has no
 * release, releases are not compared, as in `dnf install 'pkg >= 4.16'`, so a rule
 * value `4.16.1.3` equals every release of that version.
 */
export function compareEvr(a: string, b: string): Comparison {
  const left = parseEvr(a);
  const right = parseEvr(b);
  const byEpoch = compareVersions(left.epoch, right.epoch);
  if (byEpoch !== 0) return byEpoch;
  const byVersion = compareVersions(left.version, right.version);
  if (byVersion !== 0 || left.release === undefined || right.release === undefined)
    return byVersion;
  return compareVersions(left.release, right.release);
}
