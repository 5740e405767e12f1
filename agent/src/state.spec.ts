import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadState, saveState } from './state.js';

describe(saveState.name, () => {
  it('keeps the token readable by its owner only', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agent-state-')), 'state');
    const state = {
      server: 'http://x',
      hostId: 'h',
      token: 'flh_secret',
      enrolledAt: '2026-11-24T00:00:00Z',
      machineIdHash: 'ab'.repeat(32),
    };
    saveState(dir, state);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'state.json')).mode & 0o777).toBe(0o600);
    expect(loadState(dir)).toEqual(state);
    fs.rmSync(path.dirname(dir), { recursive: true });
  });

  it('tells how to enroll when there is no state', () => {
    expect(() => loadState('/nonexistent/fleetlab')).toThrow(/fleetlab-agent enroll/);
  });
});
