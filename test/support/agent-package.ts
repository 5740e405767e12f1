// Test support: the agent as a host gets it, the single-file bundle and its RPM, and
// running that bundle as a process of its own (plain `node`, no node_modules).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
function check(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Builds the single-file agent into `outDir` as `npm run bundle -w agent` does; answers outDir. */
export function buildBundle(outDir: string): string {
  check(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/rolldown/bin/cli.mjs'),
      '-c',
      path.join(REPO_ROOT, 'agent/rolldown.config.mjs'),
    ],
    { FLEETLAB_AGENT_BUNDLE_DIR: outDir },
  );
  return outDir;
}

/** Builds the RPM from the bundle in `bundleDir` into `outDir` with rpmbuild; answers its path. */
export function buildRpm(bundleDir: string, outDir: string): string {
  return check(process.execPath, [
    path.join(REPO_ROOT, 'agent/packaging/build-rpm.mjs'),
    '--bundle',
    bundleDir,
    '--out',
    outDir,
  ]).trim();
}

export interface ProcessRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs a command without blocking this process (the test server answers from it).
 * `env` is added to a clean environment: PATH and LC_ALL only.
 */
export function runAsync(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, out: out.trim(), err: err.trim() }));
  });
}

/** A package that only provides what the agent's RPM requires and Debian's dnf cannot install. */
export function stubSpec(
  name: string,
  version: string,
  extra: string,
  files: Record<string, string>,
): string {
  return `Name: ${name}
Version: ${version}
Release: 1
Summary: Stand-in for ${name} in the agent's package tests
License: MIT
BuildArch: noarch
${extra}
%description
A stand-in package of the fleetlab agent's tests.

%install
${Object.entries(files)
  .map(
    ([file, text]) =>
      `mkdir -p %{buildroot}${path.dirname(file)}\necho '${text}' > %{buildroot}${file}`,
  )
  .join('\n')}

%files
${Object.keys(files).join('\n')}
`;
}
