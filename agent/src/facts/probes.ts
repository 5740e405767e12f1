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
 * Whether a file in `from` can be reflinked into `to`: `cp --reflink=always` succeeds
 * only where both are on one filesystem that can (btrfs, XFS with reflink=1). RPM CoW
 * reflinks from the dnf cache into /usr, so that is the pair to probe: a separate /usr
 * or /var mount defeats it even on btrfs. Undefined where it cannot probe (a folder it
 * cannot write, such as a read-only /usr).
 */
export function canReflinkBetween(from: string, to: string): boolean | undefined {
  let source: string | undefined;
  let target: string | undefined;
  try {
    source = fs.mkdtempSync(path.join(from, '.fleetlab-reflink-'));
    target = fs.mkdtempSync(path.join(to, '.fleetlab-reflink-'));
  } catch {
    for (const dir of [source, target]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  try {
    fs.writeFileSync(path.join(source, 'a'), 'fleetlab reflink probe\n');
    execFileSync('cp', ['--reflink=always', path.join(source, 'a'), path.join(target, 'b')], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(source, { recursive: true, force: true });
    fs.rmSync(target, { recursive: true, force: true });
  }
}

/** Whether the filesystem under `dir` can reflink (within `dir`). */
export function canReflink(dir: string): boolean | undefined {
  return canReflinkBetween(dir, dir);
}

/** The dnf cache of this host: dnf 5's or dnf 4's, whichever exists, else /var/cache. */
export function dnfCacheDir(root: string): string {
  for (const dir of ['var/cache/libdnf5', 'var/cache/dnf']) {
    if (fs.existsSync(path.join(root, dir))) return path.join(root, dir);
  }
  return path.join(root, 'var/cache');
}

/**
 * The copy-on-write plugins of both dnf generations, where they live: the libdnf5
 * plugin `reflink.so` (with its switch in /etc/dnf/libdnf5-plugins/reflink.conf) and
 * the dnf 4 Python plugin `cow.py`.
 */
const COW_PLUGIN_FILES = [
  'usr/lib64/libdnf5/plugins/reflink.so',
  'usr/lib/libdnf5/plugins/reflink.so',
  'usr/lib/python3*/site-packages/dnf-plugins/cow.py',
];

function expand(root: string, pattern: string): string[] {
  const [head, ...rest] = pattern.split('/');
  if (head === undefined) return [];
  const names = head.includes('*')
    ? (() => {
        try {
          const re = new RegExp(`^${head.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
          return fs.readdirSync(root).filter((name) => re.test(name));
        } catch {
          return [];
        }
      })()
    : [head];
  return names.flatMap((name) => {
    const next = path.join(root, name);
    if (rest.length === 0) return fs.existsSync(next) ? [next] : [];
    return expand(next, rest.join('/'));
  });
}

/** Whether a libdnf5 plugin is switched off in its configuration (`enabled = 0`). */
function libdnf5PluginDisabled(root: string, name: string): boolean {
  try {
    const text = fs.readFileSync(path.join(root, `etc/dnf/libdnf5-plugins/${name}.conf`), 'utf8');
    return /^\s*enabled\s*=\s*(0|false|no)\s*$/im.test(text);
  } catch {
    return false;
  }
}

/**
 * The packages (name to version-release, from `rpm -qf`) that own an installed and
 * enabled RPM copy-on-write plugin of dnf 4 or dnf 5, whatever their names: they tell
 * which arm's stack really runs.
 */
export function cowPluginPackages(root = '/'): Record<string, string> {
  const files = COW_PLUGIN_FILES.flatMap((pattern) => expand(root, pattern)).filter(
    (file) => !(file.endsWith('reflink.so') && libdnf5PluginDisabled(root, 'reflink')),
  );
  if (files.length === 0) return {};
  let output: string;
  try {
    output = execFileSync(
      'rpm',
      [
        '--root',
        root,
        '-qf',
        '--qf',
        '%{NAME} %{VERSION}-%{RELEASE}\\n',
        ...files.map((f) => '/' + path.relative(root, f)),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? '';
  }
  const versions: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const match = /^(\S+) (\S+-\S+)$/.exec(line.trim());
    if (match) versions[match[1]!] = match[2]!;
  }
  return versions;
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
