import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Flushes the filesystem holding `dir` (`sync -f`, the syncfs call), so that what
 * statfs says about it includes writes still held in memory: XFS and btrfs allocate
 * blocks for delayed writes only when they are flushed. Where sync cannot run, the
 * figures are read unflushed.
 */
export function syncFilesystem(dir: string): void {
  try {
    execFileSync('sync', ['-f', dir], { stdio: 'ignore', timeout: 60_000 });
  } catch {
    // Read without the flush rather than not at all.
  }
}

/** Bytes used on the filesystem holding `dir`, as df counts them, after flushing it. */
export function usedBytes(dir: string, options: { sync?: boolean } = {}): number {
  if (options.sync !== false) syncFilesystem(dir);
  const stats = fs.statfsSync(dir);
  return (stats.blocks - stats.bfree) * stats.bsize;
}

/** Bytes free on the filesystem holding `dir` (for root, as df's "Avail" plus the reserve). */
export function freeBytes(dir: string): number {
  const stats = fs.statfsSync(dir);
  return stats.bfree * stats.bsize;
}

/**
 * Bytes allocated to the regular files under `dir` (0 when it does not exist): the
 * blocks they hold on disk, not their apparent sizes, which count holes and miss
 * what a filesystem's block rounding costs.
 */
export function treeBytes(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(full);
    else if (entry.isFile()) total += fs.lstatSync(full).blocks * 512;
  }
  return total;
}
