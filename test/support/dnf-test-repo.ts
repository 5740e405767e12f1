// Test support: real rpms built with rpmbuild, local repositories made with
// createrepo_c, and real dnf 4 transactions into an --installroot. CI installs the
// tools (Debian packages dnf, rpm for rpmbuild, createrepo-c).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const TOOLS = ['rpmbuild', 'createrepo_c', 'dnf'];
export const APT_PACKAGES = 'dnf rpm createrepo-c';

export function missingTools(): string[] {
  return TOOLS.filter((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0);
}

export function run(command: string, args: string[], options: { mayFail?: boolean } = {}): number {
  // dnf refuses to run as a user other than root; a user namespace makes one.
  const asRoot = command === 'dnf' && process.getuid?.() !== 0;
  const result = spawnSync(asRoot ? 'unshare' : command, asRoot ? ['-r', command, ...args] : args, {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && !options.mayFail) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.status ?? -1;
}

export function specFile(name: string, version: string, extra = ''): string {
  return `Name: ${name}
Version: ${version}
Release: 1
Summary: Fleetlab test package ${name}
License: MIT
BuildArch: noarch
${extra}
%description
A package of the fleetlab agent's tests.

%install
mkdir -p %{buildroot}/usr/share/fleetlab-demo
echo "${name} ${version}" > %{buildroot}/usr/share/fleetlab-demo/${name}.txt

%files
/usr/share/fleetlab-demo/${name}.txt
`;
}

// Its %pre fails (a Lua scriptlet, so it needs no /bin/sh in the installroot).
export const BROKEN_SPEC = `Name: fleetlab-demo-broken
Version: 1.0
Release: 1
Summary: Fleetlab test package whose install fails
License: MIT
BuildArch: noarch

%description
A package of the fleetlab agent's tests.

%pre -p <lua>
error("fleetlab-demo-broken fails on purpose")

%files
`;

/** Builds the packages and two repositories: v1 has the 1.0 versions, v2 has 1.1 too. */
export function buildRepos(dir: string): void {
  const specs = path.join(dir, 'specs');
  fs.mkdirSync(specs, { recursive: true });
  const write = (file: string, text: string) => fs.writeFileSync(path.join(specs, file), text);
  write('data-1.0.spec', specFile('fleetlab-demo-data', '1.0'));
  write('data-1.1.spec', specFile('fleetlab-demo-data', '1.1'));
  write('tool-1.0.spec', specFile('fleetlab-demo-tool', '1.0', 'Requires: fleetlab-demo-data'));
  write('tool-1.1.spec', specFile('fleetlab-demo-tool', '1.1', 'Requires: fleetlab-demo-data'));
  write('extra-1.0.spec', specFile('fleetlab-demo-extra', '1.0'));
  write('broken-1.0.spec', BROKEN_SPEC);
  const topdir = path.join(dir, 'rpmbuild');
  run('rpmbuild', [
    '-bb',
    '--quiet',
    '--define',
    `_topdir ${topdir}`,
    ...fs.readdirSync(specs).map((file) => path.join(specs, file)),
  ]);
  const built = path.join(topdir, 'RPMS', 'noarch');
  for (const repo of ['v1', 'v2']) {
    fs.mkdirSync(path.join(dir, repo));
    for (const rpm of fs.readdirSync(built)) {
      if (repo === 'v2' || rpm.includes('-1.0-')) {
        fs.copyFileSync(path.join(built, rpm), path.join(dir, repo, rpm));
      }
    }
    run('createrepo_c', ['--quiet', path.join(dir, repo)]);
  }
}

/** dnf's arguments for a transaction into `dir`/root from repository `repo`, before `args`. */
export function dnfArgs(dir: string, repo: 'v1' | 'v2'): string[] {
  return [
    `--config=${path.join(dir, 'dnf.conf')}`,
    `--setopt=reposdir=${path.join(dir, 'repos.d')}`,
    `--installroot=${path.join(dir, 'root')}`,
    `--repofrompath=${repo},file://${path.join(dir, repo)}`,
    `--repo=${repo}`,
    // Nothing in the installroot says which release it is.
    '--releasever=1',
    '--noplugins',
    '--assumeyes',
  ];
}

export function dnf(
  dir: string,
  repo: 'v1' | 'v2',
  args: string[],
  options?: { mayFail?: boolean },
): number {
  return run('dnf', [...dnfArgs(dir, repo), ...args], options);
}

/** The dnf.conf and empty repos.d the transactions use, so the host's own config does not count. */
export function prepareDnf(dir: string): void {
  fs.mkdirSync(path.join(dir, 'repos.d'), { recursive: true });
  // The packages are not signed; clean_requirements_on_remove is dnf's default, set so
  // that a host's own dnf.conf does not change what the test expects.
  fs.writeFileSync(
    path.join(dir, 'dnf.conf'),
    '[main]\ngpgcheck=False\nclean_requirements_on_remove=True\ninstall_weak_deps=False\n',
  );
}

/**
 * Whether a test that needs real dnf should be skipped: only where the tools are
 * missing and this is not CI (CI installs them, so there a missing tool fails).
 */
export function skipWithoutDnf(testName: string): boolean {
  const missing = missingTools();
  const skip = missing.length > 0 && !process.env.CI;
  if (skip) {
    console.warn(
      `${testName}: skipped, ${missing.join(', ')} not found (apt-get install ${APT_PACKAGES})`,
    );
  }
  return skip;
}
