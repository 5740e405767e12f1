import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HistoryCursor } from './history/read-dnf-history.js';

/** What the agent keeps between runs: which server, and the host token it was given. */
export interface AgentState {
  server: string;
  hostId: string;
  token: string;
  enrolledAt: string;
  /** Samples carry ids derived from it, so a resent one is recognised. */
  machineIdHash: string;
  /** The newest dnf transaction already put in the spool, per history database (agents before cursors). */
  lastReported?: { dnf4?: number; dnf5?: number };
  /** The newest dnf transaction already put in the spool, per history database: its id and begin. */
  reported?: { dnf4?: HistoryCursor; dnf5?: HistoryCursor };
}

/** Where each history's next report starts; an older agent's bare ids are taken as they are. */
export function historyCursors(state: AgentState): { dnf4?: HistoryCursor; dnf5?: HistoryCursor } {
  const cursors: { dnf4?: HistoryCursor; dnf5?: HistoryCursor } = {};
  for (const tool of ['dnf4', 'dnf5'] as const) {
    const cursor =
      state.reported?.[tool] ??
      (state.lastReported?.[tool] !== undefined ? { id: state.lastReported[tool] } : undefined);
    if (cursor) cursors[tool] = cursor;
  }
  return cursors;
}

export function defaultStateDir(): string {
  if (process.env.FLEETLAB_AGENT_STATE_DIR) return process.env.FLEETLAB_AGENT_STATE_DIR;
  return os.userInfo().uid === 0
    ? '/var/lib/fleetlab-agent'
    : path.join(
        process.env.XDG_STATE_HOME ?? path.join(os.homedir(), '.local/state'),
        'fleetlab-agent',
      );
}

const stateFile = (dir: string): string => path.join(dir, 'state.json');

/** Saves the state readable by its owner only: the token lets anyone write as this host. */
export function saveState(dir: string, state: AgentState): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const temporary = `${stateFile(dir)}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, stateFile(dir));
}

export function loadState(dir: string): AgentState {
  let text: string;
  try {
    text = fs.readFileSync(stateFile(dir), 'utf8');
  } catch {
    throw new Error(
      `This host is not enrolled (no ${stateFile(dir)}): run \`fleetlab-agent enroll --server URL --secret SECRET\` first.`,
    );
  }
  return JSON.parse(text) as AgentState;
}

/** The saved state, or null when this host has not enrolled yet. */
export function loadStateIfAny(dir: string): AgentState | null {
  return fs.existsSync(stateFile(dir)) ? loadState(dir) : null;
}
