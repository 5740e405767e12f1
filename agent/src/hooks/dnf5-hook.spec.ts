import { describe, expect, it } from '@jest/globals';
import { parsePackageLines, parseStartFile } from './dnf5-hook.js';
import { cpuTicks } from './proc-stat.js';

describe(parseStartFile.name, () => {
  it('reads the nanoseconds and the free blocks the shell wrote', () => {
    expect(parseStartFile('1796083200123456789 1000 4096\n')).toEqual({
      startedAt: 1796083200123,
      freeBytes: 4_096_000,
    });
    expect(parseStartFile('')).toBeNull();
    expect(parseStartFile('%N 12 4096')).toBeNull();
  });
});

describe(parsePackageLines.name, () => {
  it('reads action, NEVRA and location, skipping torn lines', () => {
    expect(
      parsePackageLines(
        'I\tvim-2:9.1-1.fc41.x86_64\tPackages/v/vim-9.1-1.fc41.x86_64.rpm\nE\tvim-2:9.0-1.fc41.x86_64\t\nU\tbash',
      ),
    ).toEqual([
      {
        action: 'I',
        nevra: 'vim-2:9.1-1.fc41.x86_64',
        location: 'Packages/v/vim-9.1-1.fc41.x86_64.rpm',
      },
      { action: 'E', nevra: 'vim-2:9.0-1.fc41.x86_64', location: '' },
    ]);
  });
});

describe(cpuTicks.name, () => {
  it('adds utime and stime, whatever the command name holds', () => {
    const stat =
      '4242 (dnf5 (x) y) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 56 0 0 20 0 1 0 100 0 0';
    expect(cpuTicks(stat)).toBe(1290);
    expect(cpuTicks('garbage')).toBeNull();
  });
});
