import fs from 'node:fs';

/** Where the RPM puts the agent's settings. */
export const DEFAULT_CONFIG_FILE = '/etc/fleetlab/agent.conf';

/** The settings of /etc/fleetlab/agent.conf. */
export interface AgentConfig {
  server?: string;
  /** A file holding the enroll secret, so that it is never on a command line. */
  enrollSecretFile?: string;
  stateDir?: string;
  region?: string;
  labels?: string[];
}

const KEYS: Record<string, keyof AgentConfig> = {
  server: 'server',
  enroll_secret_file: 'enrollSecretFile',
  state_dir: 'stateDir',
  region: 'region',
  labels: 'labels',
};

/** Parses `key = value` lines (`#` starts a comment); names the file and line of a mistake. */
export function parseConfig(text: string, file: string): AgentConfig {
  const config: AgentConfig = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
    const key = match ? KEYS[match[1]!] : undefined;
    if (!match || !key) {
      throw new Error(
        `${file} line ${i + 1}: expected one of ${Object.keys(KEYS).join(', ')} as "key = value", got "${line}"`,
      );
    }
    const value = match[2]!.trim();
    if (value === '') return;
    if (key === 'labels') config.labels = value.split(/[\s,]+/).filter(Boolean);
    else config[key] = value;
  });
  return config;
}

/**
 * The agent's settings: from `file` when given (it must exist), else from the default
 * file when there is one; none otherwise.
 */
export function loadConfig(file?: string): AgentConfig {
  const path = file ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    if (file === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`Cannot read the agent configuration ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseConfig(text, path);
}

/** The enroll secret from its file: the first line, trimmed. */
export function readSecretFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the enroll secret file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const secret = text.split('\n')[0]!.trim();
  if (!secret) throw new Error(`The enroll secret file ${file} is empty.`);
  return secret;
}
