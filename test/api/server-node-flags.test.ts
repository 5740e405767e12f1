import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { SERVER_NODE_FLAGS } from '../support/server-node-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const startScript = (file: string): string =>
  (JSON.parse(read(file)) as { scripts: Record<string, string> }).scripts.start!;

describe('the server’s Node flags', () => {
  it('are the same wherever the server is started', () => {
    const flags = SERVER_NODE_FLAGS.join(' ');
    expect(startScript('package.json')).toContain(`node ${flags} server/dist/main.js`);
    expect(startScript('server/package.json')).toContain(`node ${flags} dist/main.js`);
    const cmd = `CMD ${JSON.stringify(['node', ...SERVER_NODE_FLAGS, 'server/dist/main.js'])}`;
    expect(read('Dockerfile').replaceAll('", "', '","')).toContain(cmd);
  });
});
