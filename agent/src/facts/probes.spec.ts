import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { canReflink, installedVersions } from './probes.js';

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
