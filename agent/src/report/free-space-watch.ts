import { freeBytes } from './disk-usage.js';

export interface FreeSpaceWatch {
  /** Stops watching; answers the free bytes at the start and the lowest seen. */
  stop(): { start: number; low: number };
}

/**
 * Samples the free space of the filesystem holding `dir` every `intervalMs` until
 * stopped, keeping the lowest: an update needs room for downloads and for old and new
 * files side by side, and hands it back only at the end, so the low point is what
 * decides whether it fits on a full disk. It runs on a timer, so the process must
 * not block meanwhile.
 */
export function watchFreeSpace(dir: string, intervalMs = 200): FreeSpaceWatch {
  const start = freeBytes(dir);
  let low = start;
  const sample = () => {
    try {
      low = Math.min(low, freeBytes(dir));
    } catch {
      // The filesystem went away (an installroot removed): keep what was seen.
    }
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { start, low };
    },
  };
}
