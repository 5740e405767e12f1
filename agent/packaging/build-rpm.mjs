// Builds the fleetlab-agent RPM from the bundle (run `npm run build -w agent` first, or
// `npm run rpm -w agent`, which does both):
//   node packaging/build-rpm.mjs [--out DIR] [--bundle DIR]
// Prints the path of the .rpm. Needs rpmbuild (Fedora/EL: rpm-build; Debian: rpm).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const packaging = path.dirname(fileURLToPath(import.meta.url));
const agent = path.dirname(packaging);

/** Builds the RPM from the bundle in `bundle` into `outDir`; answers its path. */
export function buildRpm(outDir, bundle = path.join(agent, 'dist/bundle')) {
  for (const file of ['fleetlab-agent.mjs', 'sql-wasm.wasm']) {
    if (!fs.existsSync(path.join(bundle, file))) {
      throw new Error(`${path.join(bundle, file)} is missing: run npm run build -w agent first`);
    }
  }
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-rpmbuild-'));
  try {
    const sources = path.join(top, 'SOURCES');
    fs.mkdirSync(sources);
    for (const dir of [bundle, packaging]) {
      for (const file of fs.readdirSync(dir))
        fs.copyFileSync(path.join(dir, file), path.join(sources, file));
    }
    const { version } = JSON.parse(fs.readFileSync(path.join(agent, 'package.json'), 'utf8'));
    execFileSync(
      'rpmbuild',
      [
        '-bb',
        '--quiet',
        '--define',
        `_topdir ${top}`,
        '--define',
        `agent_version ${version}`,
        path.join(packaging, 'fleetlab-agent.spec'),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const built = path.join(top, 'RPMS', 'noarch');
    const [rpm] = fs.readdirSync(built).filter((f) => f.endsWith('.rpm'));
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(path.join(built, rpm), path.join(outDir, rpm));
    return path.join(outDir, rpm);
  } finally {
    fs.rmSync(top, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, bundle: { type: 'string' } },
  });
  const outDir = values.out ? path.resolve(values.out) : path.join(agent, 'dist/rpm');
  console.log(buildRpm(outDir, values.bundle ? path.resolve(values.bundle) : undefined));
}
