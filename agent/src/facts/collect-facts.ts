import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { HostFacts } from '@fleetlab/shared';
import { rootFsType } from './mounts.js';
import {
  canReflinkBetween,
  cowPluginPackages,
  dnfCacheDir,
  installedVersions,
  STACK_PACKAGES,
} from './probes.js';
import { parseOsRelease } from './os-release.js';

const ARCH: Record<string, string> = {
  x64: 'x86_64',
  arm64: 'aarch64',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

function read(path: string): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface CollectedFacts {
  hostname: string;
  machineIdHash: string;
  facts: HostFacts;
}

/**
 * What this machine says about itself. Only a hash of the machine-id leaves the host.
 * `root` lets tests point it at a fake tree.
 */
export function collectFacts(
  root = '',
  extra: Pick<HostFacts, 'region' | 'labels'> = {},
): CollectedFacts {
  const machineId = (
    read(`${root}/etc/machine-id`) ?? read(`${root}/var/lib/dbus/machine-id`)
  )?.trim();
  if (!machineId)
    throw new Error('Cannot read /etc/machine-id: this host has no machine id to enroll with.');
  const release = parseOsRelease(read(`${root}/etc/os-release`) ?? '');
  const fsType = rootFsType(read(`${root}/proc/mounts`) ?? '');
  // RPM CoW reflinks from dnf's cache into /usr: the probe does the same.
  const reflink = canReflinkBetween(dnfCacheDir(root || '/'), `${root}/usr`);
  const packages = {
    ...installedVersions(STACK_PACKAGES, root || '/'),
    ...cowPluginPackages(root || '/'),
  };
  const facts: HostFacts = {
    arch: ARCH[os.arch()] ?? os.arch(),
    ...(release.ID ? { osId: release.ID } : {}),
    ...(release.VERSION_ID ? { osVersion: release.VERSION_ID } : {}),
    kernel: os.release(),
    ...(fsType ? { rootFsType: fsType } : {}),
    ...(reflink !== undefined ? { reflink } : {}),
    cpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    ...(Object.keys(packages).length ? { packages } : {}),
    ...extra,
  };
  return {
    hostname: os.hostname(),
    machineIdHash: createHash('sha256').update(machineId).digest('hex'),
    facts,
  };
}
