import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// Browser tests drive Debian's Chromium (apt-get install chromium), never a
// downloaded browser: playwright-core only speaks the DevTools protocol.
export const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(REPO_ROOT, 'test/artifacts/screenshots');

/** True (with a note) where Chromium is missing; on CI a missing browser fails instead. */
export function skipWithoutChromium(testName: string): boolean {
  const skip = !fs.existsSync(CHROMIUM) && !process.env.CI;
  if (skip) console.warn(`${testName}: skipped, ${CHROMIUM} not found (apt-get install chromium)`);
  return skip;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** Builds the dashboard with Vite into a fresh temporary folder, and answers it. */
export function buildClient(): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-client-'));
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: path.join(REPO_ROOT, 'client'), stdio: 'inherit' },
  );
  return outDir;
}

/** A full-page screenshot as a test artifact (test/artifacts/screenshots/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
}
