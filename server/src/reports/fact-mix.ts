import type { FactMix } from './report-data.js';
import type { EnrolledHost } from './report-queries.js';

const FACTS: { fact: string; valueOf: (h: EnrolledHost) => string }[] = [
  { fact: 'rootFsType', valueOf: (h) => h.rootFsType ?? 'unknown' },
  {
    fact: 'reflink',
    valueOf: (h) => (h.reflink === 'true' ? 'yes' : h.reflink === 'false' ? 'no' : 'unknown'),
  },
  { fact: 'arch', valueOf: (h) => h.arch ?? 'unknown' },
  {
    fact: 'os',
    valueOf: (h) => [h.osId, h.osVersion].filter((part) => part !== null).join(' ') || 'unknown',
  },
];

/** How many opted-in hosts of each arm have each value of the facts a report shows. */
export function factMix(hosts: EnrolledHost[], armIds: string[]): FactMix[] {
  const optedIn = hosts.filter((h) => h.optedIn);
  return FACTS.map(({ fact, valueOf }) => ({
    fact,
    values: [...new Set(optedIn.map(valueOf))].sort().map((value) => ({
      value,
      hostsPerArm: armIds.map(
        (armId) => optedIn.filter((h) => h.armId === armId && valueOf(h) === value).length,
      ),
    })),
  }));
}
