import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The packages whose versions decide which stack a host runs (RPM CoW and friends). */
export const STACK_PACKAGES = [
  'rpm',
  'dnf',
  'dnf5',
  'librepo',
  'systemd',
  'rpm-plugin-reflink',
  'python3-dnf-plugin-cow',
  'dnf-plugin-cow',
];

/**
 * Whether the filesystem under `dir` can reflink: `cp --reflink=always` of a small
 * file succeeds only where it can (btrfs, XFS with reflink=1).
 */
export function canReflink(dir: string): boolean | undefined {
  let probe: string;
  try {
    probe = fs.mkdtempSync(path.join(dir, '.fleetlab-reflink-'));
  } catch {
    return undefined;
  }
  try {
    fs.writeFileSync(path.join(probe, 'a'), 'fleetlab reflink probe\n');
    execFileSync('cp', ['--reflink=always', path.join(probe, 'a'), path.join(probe, 'b')], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

/** Installed versions (version-release) of `names`, by `rpm -q`; packages not installed are left out. */
export function installedVersions(names: readonly string[], root = '/'): Record<string, string> {
  let output: string;
  try {
    output = execFileSync(
      'rpm',
      ['--root', root, '-q', '--qf', '%{NAME} %{VERSION}-%{RELEASE}\\n', ...names],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
  } catch (error) {
    // rpm exits non-zero when some package is not installed, and still prints the rest.
    output = (error as { stdout?: string }).stdout ?? '';
  }
  const versions: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const match = /^(\S+) (\S+-\S+)$/.exec(line.trim());
    if (match && names.includes(match[1]!)) versions[match[1]!] = match[2]!;
  }
  return versions;
}
