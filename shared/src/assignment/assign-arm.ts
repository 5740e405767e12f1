import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export const BUCKET_COUNT = 10_000;

export interface WeightedArm {
  key: string;
  weight: number;
}

export interface BucketRange {
  key: string;
  /** First bucket of the arm. */
  from: number;
  /** One past the last bucket of the arm. */
  to: number;
}

/**
 * The host's bucket in an experiment, 0..9999. The salt is per experiment, so a host's
 * bucket in one experiment says nothing about its bucket in another. Defined by bytes
 * (sha256 of `salt:hostId`, first 4 bytes big-endian) so anything that can hash can
 * reproduce it, SQL included.
 */
export function bucketOf(salt: string, hostId: string): number {
  const digest = sha256(utf8ToBytes(`${salt}:${hostId}`));
  const word = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  return Math.floor((word * BUCKET_COUNT) / 2 ** 32);
}

/**
 * bucketOf in SQL, for a salt and a host id given as SQL expressions (text and uuid):
 * used where a selector opts many hosts in at once; test/api/bulk-enrollment.test.ts
 * holds the two to each other.
 */
export const BUCKET_SQL = (salt: string, hostId: string): string => {
  const digest = `sha256(convert_to(${salt} || ':' || ${hostId}::text, 'UTF8'))`;
  const word = `((get_byte(${digest}, 0)::bigint << 24) | (get_byte(${digest}, 1)::bigint << 16) | (get_byte(${digest}, 2)::bigint << 8) | get_byte(${digest}, 3)::bigint)`;
  return `((${word} * ${BUCKET_COUNT}) >> 32)::int`;
};

/**
 * Splits the buckets among arms in arm order, in proportion to their weights. Largest
 * remainder: each arm gets the whole part of its share, and the buckets left over go
 * to the largest fractions (the earlier arm on a tie), so the split is as close to the
 * weights as whole buckets allow and always covers every bucket.
 */
export function bucketRanges(arms: readonly WeightedArm[]): BucketRange[] {
  if (arms.length === 0)
    throw new RangeError('an experiment needs at least one arm to assign hosts to');
  for (const arm of arms) {
    if (!Number.isSafeInteger(arm.weight) || arm.weight < 1) {
      throw new RangeError(
        `weight of arm "${arm.key}" must be a positive whole number, got ${arm.weight}`,
      );
    }
  }
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  // Integer arithmetic throughout: remainders compare exactly, no float ties.
  const shares = arms.map((arm, index) => ({
    index,
    buckets: Math.floor((arm.weight * BUCKET_COUNT) / total),
    remainder: (arm.weight * BUCKET_COUNT) % total,
  }));
  let left = BUCKET_COUNT - shares.reduce((sum, share) => sum + share.buckets, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const share of byRemainder) {
    if (left === 0) break;
    share.buckets++;
    left--;
  }
  let from = 0;
  return arms.map((arm, index) => {
    const to = from + shares[index]!.buckets;
    const range = { key: arm.key, from, to };
    from = to;
    return range;
  });
}

/**
 * The arm a host belongs to under the current weights. Changing weights moves the
 * boundaries, so for a host already enrolled the stored arm is the truth, not this.
 */
export function assignArm(salt: string, hostId: string, arms: readonly WeightedArm[]): string {
  const bucket = bucketOf(salt, hostId);
  const range = bucketRanges(arms).find((r) => bucket >= r.from && bucket < r.to);
  // Unreachable: the ranges cover every bucket.
  if (!range) throw new Error(`bucket ${bucket} is outside every arm range`);
  return range.key;
}
