import fs from 'node:fs';
import path from 'node:path';

export const DNF4_PERSISTDIR = '/var/lib/dnf';
export const DNF5_TRANSACTION_HISTORY_DIR = '/usr/lib/sysimage/libdnf5';

/** The `[main]` options of an INI file of dnf's (later keys win); {} when there is none. */
export function mainOptions(text: string): Record<string, string> {
  const options: Record<string, string> = {};
  let inMain = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      inMain = section[1]!.trim() === 'main';
      continue;
    }
    const option = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (inMain && option) options[option[1]!] = option[2]!.trim();
  }
  return options;
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function confFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.conf'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/**
 * The options dnf 5 reads for the host under `root`: the distribution's drop-ins, then
 * /etc/dnf/dnf.conf, then the administrator's drop-ins, later ones winning.
 */
export function dnf5Options(root: string): Record<string, string> {
  const files = [
    ...confFiles(path.join(root, 'usr/share/dnf5/libdnf.conf.d')),
    path.join(root, 'etc/dnf/dnf.conf'),
    ...confFiles(path.join(root, 'etc/dnf/libdnf5.conf.d')),
  ];
  return Object.assign({}, ...files.map((file) => mainOptions(read(file)))) as Record<
    string,
    string
  >;
}

/**
 * Where the two dnf generations keep their history under `root`: dnf 4 in
 * `persistdir`/history.sqlite, dnf 5 in `transaction_history_dir`/transaction_history.sqlite,
 * both configurable in /etc/dnf/dnf.conf. Configured paths are inside the root, as
 * dnf's --installroot takes them.
 */
export function dnfHistoryLocations(root = '/'): { dnf4: string; dnf5: string } {
  const dnf4 = mainOptions(read(path.join(root, 'etc/dnf/dnf.conf'))).persistdir || DNF4_PERSISTDIR;
  const dnf5 = dnf5Options(root).transaction_history_dir || DNF5_TRANSACTION_HISTORY_DIR;
  return {
    dnf4: path.join(root, dnf4, 'history.sqlite'),
    dnf5: path.join(root, dnf5, 'transaction_history.sqlite'),
  };
}
