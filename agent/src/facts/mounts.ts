/** The filesystem type mounted at `/`, from /proc/mounts; the last mount of `/` wins. */
export function rootFsType(procMounts: string): string | undefined {
  let type: string | undefined;
  for (const line of procMounts.split('\n')) {
    const [, mountPoint, fsType] = line.split(' ');
    if (mountPoint === '/' && fsType && fsType !== 'rootfs') type = fsType;
  }
  return type;
}
