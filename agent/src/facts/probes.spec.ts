import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  canReflink,
  canReflinkBetween,
  cowPluginPackages,
  dnfCacheDir,
  installedVersions,
} from './probes.js';

describe(canReflink.name, () => {
  it('answers true or false for a folder it can write, and cleans up after itself', () => {
    const dir = fs.mkdtempSync(`${os.tmpdir()}/reflink-`);
    expect(typeof canReflink(dir)).toBe('boolean');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('answers undefined where it cannot probe', () => {
    expect(canReflink('/nonexistent/fleetlab')).toBeUndefined();
  });
});

describe(installedVersions.name, () => {
  it('leaves out packages that are not installed', () => {
    expect(
      installedVersions(['fleetlab-no-such-package'], fs.mkdtempSync(`${os.tmpdir()}/rpmroot-`)),
    ).toEqual({});
  });
});

describe(canReflinkBetween.name, () => {
  it('probes from one folder into another and cleans up both', () => {
    const a = fs.mkdtempSync(`${os.tmpdir()}/reflink-a-`);
    const b = fs.mkdtempSync(`${os.tmpdir()}/reflink-b-`);
    expect(typeof canReflinkBetween(a, b)).toBe('boolean');
    expect([...fs.readdirSync(a), ...fs.readdirSync(b)]).toEqual([]);
  });

  it('answers undefined when it cannot write the target (a read-only /usr)', () => {
    const a = fs.mkdtempSync(`${os.tmpdir()}/reflink-a-`);
    expect(canReflinkBetween(a, '/nonexistent/usr')).toBeUndefined();
    expect(fs.readdirSync(a)).toEqual([]);
  });
});

describe(dnfCacheDir.name, () => {
  it("prefers dnf 5's cache, then dnf 4's, then /var/cache", () => {
    const root = fs.mkdtempSync(`${os.tmpdir()}/cache-root-`);
    expect(dnfCacheDir(root)).toBe(path.join(root, 'var/cache'));
    fs.mkdirSync(path.join(root, 'var/cache/dnf'), { recursive: true });
    expect(dnfCacheDir(root)).toBe(path.join(root, 'var/cache/dnf'));
    fs.mkdirSync(path.join(root, 'var/cache/libdnf5'), { recursive: true });
    expect(dnfCacheDir(root)).toBe(path.join(root, 'var/cache/libdnf5'));
  });
});

describe(cowPluginPackages.name, () => {
  it('answers nothing when no CoW plugin is there, or none is owned by a package', () => {
    const root = fs.mkdtempSync(`${os.tmpdir()}/cow-root-`);
    expect(cowPluginPackages(root)).toEqual({});
    fs.mkdirSync(path.join(root, 'usr/lib64/libdnf5/plugins'), { recursive: true });
    fs.writeFileSync(path.join(root, 'usr/lib64/libdnf5/plugins/reflink.so'), '');
    expect(cowPluginPackages(root)).toEqual({});
  });
});
