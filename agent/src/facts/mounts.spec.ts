import { describe, expect, it } from '@jest/globals';
import { rootFsType } from './mounts.js';

describe(rootFsType.name, () => {
  it('finds the filesystem mounted at /, the last mount winning', () => {
    const mounts = [
      'rootfs / rootfs rw 0 0',
      '/dev/vda1 / xfs rw,relatime 0 0',
      'proc /proc proc rw 0 0',
      '/dev/vda2 / btrfs rw,subvol=/root 0 0',
      '/dev/vda3 /home ext4 rw 0 0',
    ].join('\n');
    expect(rootFsType(mounts)).toBe('btrfs');
  });

  it('answers undefined when / is not listed', () => {
    expect(rootFsType('proc /proc proc rw 0 0')).toBeUndefined();
  });
});
