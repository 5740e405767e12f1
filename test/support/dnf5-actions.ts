// Test support: libdnf5's actions plugin, as far as the agent's actions file needs it,
// following its documentation (libdnf5-actions(8)): each line is
// callback:package_filter:direction:options:command; the command is split at spaces
// not escaped by a backslash, ${...} variables are substituted, then \t, \n and
// friends are unescaped. dnf 5 is not packaged for Debian, so this stands in for it.
import { spawnSync } from 'node:child_process';

export const CALLBACKS = [
  'pre_base_setup',
  'post_base_setup',
  'repos_configured',
  'repos_loaded',
  'pre_add_cmdline_packages',
  'post_add_cmdline_packages',
  'goal_resolved',
  'pre_transaction',
  'post_transaction',
];
const PKG_ATTRIBUTES = [
  'name',
  'arch',
  'version',
  'release',
  'epoch',
  'na',
  'evr',
  'nevra',
  'full_nevra',
  'repo_id',
  'license',
  'location',
  'vendor',
  'action',
];

export interface Action {
  line: number;
  callback: string;
  packageFilter: string;
  direction: string;
  options: string[];
  command: string;
  args: string[];
}

/** Splits at spaces that no backslash escapes, as the plugin does. */
function split(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let escape = false;
  for (const char of text) {
    if (char === ' ' && !escape) {
      if (current) parts.push(current);
      current = '';
    } else {
      current += char;
    }
    escape = !escape && char === '\\';
  }
  if (current) parts.push(current);
  return parts;
}

/** Parses an actions file; throws naming the line of a mistake the plugin would refuse. */
export function parseActions(text: string): Action[] {
  const actions: Action[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const fields: string[] = [];
    let rest = line;
    for (let f = 0; f < 4; f++) {
      const colon = rest.indexOf(':');
      if (colon < 0)
        throw new Error(`line ${i + 1}: HOOK:PKG_FILTER:DIRECTION:OPTIONS:CMD expected`);
      fields.push(rest.slice(0, colon));
      rest = rest.slice(colon + 1);
    }
    const [callback, packageFilter, direction, options] = fields as [
      string,
      string,
      string,
      string,
    ];
    if (!CALLBACKS.includes(callback))
      throw new Error(`line ${i + 1}: unknown callback ${callback}`);
    if (
      packageFilter &&
      !['goal_resolved', 'pre_transaction', 'post_transaction'].includes(callback)
    ) {
      throw new Error(`line ${i + 1}: a package filter only goes with transaction callbacks`);
    }
    if (direction && (!packageFilter || !['in', 'out'].includes(direction))) {
      throw new Error(`line ${i + 1}: direction must be in or out, with a package filter`);
    }
    const parsedOptions = split(options);
    for (const option of parsedOptions) {
      if (!/^(enabled=(1|host-only|installroot-only)|raise_error=[01])$/.test(option)) {
        throw new Error(`line ${i + 1}: unknown option ${option}`);
      }
    }
    const [command, ...args] = split(rest);
    if (!command?.startsWith('/')) throw new Error(`line ${i + 1}: the command must be a path`);
    for (const part of [command, ...args]) {
      for (const [, name] of part.matchAll(/\$\{([^}]*)\}/g)) {
        const known =
          name === 'pid' ||
          name === 'plugin.version' ||
          /^(conf|var|tmp)\.[A-Za-z0-9_.*=-]+$/.test(name!) ||
          (name!.startsWith('pkg.') && PKG_ATTRIBUTES.includes(name!.slice(4)));
        if (!known) throw new Error(`line ${i + 1}: unknown variable \${${name}}`);
        if (name!.startsWith('pkg.') && !packageFilter) {
          throw new Error(`line ${i + 1}: \${${name}} needs a package filter`);
        }
      }
    }
    actions.push({
      line: i + 1,
      callback,
      packageFilter,
      direction,
      options: parsedOptions,
      command,
      args,
    });
  });
  return actions;
}

function unescape(text: string): string {
  const map: Record<string, string> = {
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
  };
  return text.replace(/\\(.)/g, (_, c: string) => map[c] ?? c);
}

export function substitute(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`no value for \${${name}}`);
    return value;
  });
}

/** A package of the transaction, as the plugin offers it to `${pkg.*}`. */
export interface ActionPackage {
  direction: 'in' | 'out';
  variables: Record<string, string>;
}

/**
 * Runs the actions of one callback as the plugin would, in file order: a line with no
 * filter once, a line with a filter once per matching package (duplicates once).
 * `command` maps the command and its arguments to what to run here (test paths).
 */
export function runCallback(
  actions: Action[],
  callback: string,
  variables: Record<string, string>,
  packages: ActionPackage[],
  command: (command: string, args: string[]) => [string, string[]],
): { stdout: string; stderr: string; status: number | null }[] {
  const runs: { stdout: string; stderr: string; status: number | null }[] = [];
  const done = new Set<string>();
  for (const action of actions.filter((a) => a.callback === callback)) {
    const contexts = action.packageFilter
      ? packages
          .filter((p) => !action.direction || p.direction === action.direction)
          .map((p) => ({ ...variables, ...p.variables }))
      : [variables];
    for (const context of contexts) {
      const args = action.args.map((arg) => unescape(substitute(arg, context)));
      const key = JSON.stringify([action.command, args]);
      if (done.has(key)) continue;
      done.add(key);
      const [file, argv] = command(action.command, args);
      const result = spawnSync(file, argv, { encoding: 'utf8' });
      runs.push({ stdout: result.stdout, stderr: result.stderr, status: result.status });
    }
  }
  return runs;
}
