import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Parser, type Node } from 'commonmark';
import { parse as parseCsv } from 'csv-parse/sync';
import pg from 'pg';
import { agentCli } from '../support/agent-cli.js';
import { hasPandoc, parseMediaWiki, type PandocTable } from '../support/pandoc.js';
import {
  REPORT_METRICS,
  REPORT_SLUG,
  REPORT_TITLE,
  startReportServer,
} from '../support/report-fleet.js';
import { expectShows, expectShowsInterval } from '../support/report-numbers.js';
import { errorCode, type TestServer } from '../support/test-server.js';

// The exports of a simulated fleet, read back by independent parsers (pandoc for the
// wiki page, commonmark for the Discourse post, csv-parse for the CSV) and checked
// against the comparison API.

const REPORT = `query($slug: String!, $format: ReportFormat!) {
  experimentReport(experimentSlug: $slug, format: $format) {
    format fileName contentType content downloadPath figures { fileName caption downloadPath }
  }
}`;

const COMPARISON = `query($metric: String!, $segment: SegmentInput) {
  comparison(experimentSlug: "${REPORT_SLUG}", metric: $metric, segment: $segment) {
    arms { armKey baseline hosts samples mean median p90 p99 }
    comparisons { armKey absoluteDiff relativeDiff ciLow ciHigh welchP adjustedP mannWhitneyP verdict hostsNeeded }
  }
}`;

interface ArmSummary {
  armKey: string;
  baseline: boolean;
  hosts: number;
  samples: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  p99: number | null;
}
interface ArmComparison {
  armKey: string;
  absoluteDiff: number | null;
  relativeDiff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  welchP: number | null;
  adjustedP: number | null;
  mannWhitneyP: number | null;
  verdict: string;
}
interface Comparison {
  arms: ArmSummary[];
  comparisons: ArmComparison[];
}

/** A root filesystem no spreadsheet should run, reported by one host. */
const FORMULA_FS = '=HYPERLINK("http://evil.example","x")';
const EXTENSIONS = { MEDIAWIKI: 'wiki', MARKDOWN: 'md', CSV: 'csv', JSON: 'json' } as const;

let server: TestServer;
let work: string;
const agent = agentCli(() => work);

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-export-'));
  server = await startReportServer();
  const db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
  try {
    await db.query(
      `UPDATE host SET facts = jsonb_set(facts, '{rootFsType}', to_jsonb($1::text))
        WHERE id = (SELECT host_id FROM enrollment ORDER BY host_id LIMIT 1)`,
      [FORMULA_FS],
    );
  } finally {
    await db.end();
  }
}, 180_000);
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function compare(metric: string, segment?: { dimension: string; value: string }) {
  const result = await server.gql(COMPARISON, { metric, segment });
  if (result.errors) throw new Error(result.errors[0]!.message);
  return result.data!.comparison as Comparison;
}

async function download(file: string) {
  const response = await fetch(`${server.url}/reports/${file}`);
  return { response, text: await response.text() };
}

/** Lines of two exports that differ: the generated-at line only. */
function differingLines(a: string, b: string): string[] {
  const [linesA, linesB] = [a.split('\n'), b.split('\n')];
  expect(linesA).toHaveLength(linesB.length);
  return linesA.filter((line, i) => line !== linesB[i]);
}

describe('report downloads', () => {
  it.each(Object.entries(EXTENSIONS))(
    'serve %s as /reports/<slug>.%s with its type and file name, as the GraphQL query does',
    async (format, extension) => {
      const { response, text } = await download(`${REPORT_SLUG}.${extension}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${REPORT_SLUG}-fleet-evidence.${extension}"`,
      );
      const query = await server.gql(REPORT, { slug: REPORT_SLUG, format });
      expect(query.errors).toBeUndefined();
      const report = query.data!.experimentReport;
      expect(report).toMatchObject({
        format,
        fileName: `${REPORT_SLUG}-fleet-evidence.${extension}`,
        downloadPath: `/reports/${REPORT_SLUG}.${extension}`,
      });
      expect(response.headers.get('content-type')).toBe(report.contentType);
      expect(differingLines(report.content, text).length).toBeLessThanOrEqual(1);
    },
  );

  it('give each format its content type', async () => {
    const types = await Promise.all(
      Object.values(EXTENSIONS).map(async (ext) =>
        (await download(`${REPORT_SLUG}.${ext}`)).response.headers.get('content-type'),
      ),
    );
    expect(types).toEqual([
      'text/x-wiki; charset=utf-8',
      'text/markdown; charset=utf-8',
      'text/csv; charset=utf-8',
      'application/json; charset=utf-8',
    ]);
  });

  it.each(Object.values(EXTENSIONS))(
    'are the same bytes for the same data, apart from the generated-at line (.%s)',
    async (extension) => {
      const first = (await download(`${REPORT_SLUG}.${extension}`)).text;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = (await download(`${REPORT_SLUG}.${extension}`)).text;
      const differing = differingLines(first, second);
      if (extension === 'csv') expect(differing).toEqual([]);
      else {
        expect(differing).toHaveLength(1);
        expect(differing[0]).toMatch(/Generated by Fleetlab at|"generatedAt"/);
      }
    },
  );
});

describe('the MediaWiki export, read by pandoc', () => {
  const skip = !hasPandoc() && !process.env.CI;
  if (skip)
    console.warn(
      'reports.test: MediaWiki checks skipped, pandoc not found (apt-get install pandoc)',
    );
  let doc: ReturnType<typeof parseMediaWiki>;
  let figures: { fileName: string; downloadPath: string }[];
  beforeAll(async () => {
    if (skip) return;
    const result = await server.gql(REPORT, { slug: REPORT_SLUG, format: 'MEDIAWIKI' });
    doc = parseMediaWiki(result.data!.experimentReport.content as string);
    figures = result.data!.experimentReport.figures;
  });
  const test = skip ? it.skip : it;

  test('has the sections of a Fedora Change proposal, in order', () => {
    expect(doc.headings.filter((h) => h.level <= 2).map((h) => h.text)).toEqual([
      'RPM copy-on-write',
      'Summary',
      'Owner',
      'Current status',
      'Detailed Description',
      'Feedback',
      'Benefit to Fedora',
      'Scope',
      'Upgrade/compatibility impact',
      'How To Test',
      'User Experience',
      'Dependencies',
      'Contingency Plan',
      'Documentation',
      'Release Notes',
    ]);
    expect(doc.headings).toContainEqual({ level: 3, text: 'Fleet evidence' });
  });

  test('states the headline effect in the Summary, with the title as it is', async () => {
    const summary = doc.blocks[doc.blocks.findIndex((b) => b.text === 'Summary') + 2]!;
    expect(summary.text).toContain(`"${REPORT_TITLE}"`);
    const cow = (await compare('install_duration_ms')).comparisons[0]!;
    const match = /changed install time by (\S+) \(95% anytime-valid interval (.+?);/.exec(
      summary.text,
    )!;
    expectShows(match[1]!, cow.relativeDiff);
    expectShowsInterval(match[2]!, cow.ciLow, cow.ciHigh);
  });

  test('gives per metric the numbers the comparison API gives', async () => {
    for (const metric of REPORT_METRICS) {
      const table = doc.tables.find((t) => t.caption.includes(`(${metric};`))!;
      expect(table.header).toEqual([
        'Arm',
        'Hosts (n)',
        'Samples',
        'Mean',
        'Median',
        'p90',
        'p99',
        'Difference',
        'Relative difference',
        '95% interval (anytime-valid)',
        'p (Welch)',
        'p (Holm)',
        'p (Mann-Whitney)',
        'Verdict',
      ]);
      const api = await compare(metric);
      expect(table.rows).toHaveLength(api.arms.length);
      table.rows.forEach((row, i) => {
        const arm = api.arms[i]!;
        expect(row[0]!.split(' ')[0]).toBe(arm.armKey);
        expect(row.slice(1, 3)).toEqual([String(arm.hosts), arm.samples.toLocaleString('en-US')]);
        expectShows(row[3]!, arm.mean);
        expectShows(row[4]!, arm.median);
        expectShows(row[5]!, arm.p90);
        expectShows(row[6]!, arm.p99);
        const c = api.comparisons.find((x) => x.armKey === arm.armKey);
        if (!c) return expect(row.slice(7)).toEqual([...Array(6).fill('—'), 'baseline']);
        expectShows(row[7]!, c.absoluteDiff);
        expectShows(row[8]!, c.relativeDiff);
        expectShowsInterval(row[9]!, c.ciLow, c.ciHigh);
        expectShows(row[10]!, c.welchP);
        expectShows(row[11]!, c.adjustedP);
        expectShows(row[12]!, c.mannWhitneyP);
        expect(row[13]!.startsWith(c.verdict.toLowerCase().replace('_', ' '))).toBe(true);
      });
    }
  });

  test('gives by root filesystem and arch the numbers of the segment comparisons', async () => {
    for (const [caption, dimension] of [
      ['By root filesystem', 'ROOT_FS_TYPE'],
      ['By arch', 'ARCH'],
    ] as const) {
      const table: PandocTable = doc.tables.find((t) => t.caption === caption)!;
      const values = [...new Set(table.rows.map((r) => r[0]!))];
      expect(values.length).toBeGreaterThan(1);
      for (const row of table.rows) {
        const metric = REPORT_METRICS.find((m) => row[1] === titleOf(m))!;
        const api = await compare(metric, { dimension, value: row[0]! });
        const [baseline, cow] = api.arms;
        const c = api.comparisons[0]!;
        expect(row[3]).toBe(`${baseline!.hosts} / ${cow!.hosts}`);
        expectShows(row[4]!, baseline!.mean);
        expectShows(row[5]!, cow!.mean);
        expectShows(row[6]!, c.relativeDiff);
        expectShowsInterval(row[7]!, c.ciLow, c.ciHigh);
        expectShows(row[8]!, c.welchP);
      }
      if (dimension === 'ROOT_FS_TYPE') expect(values).toContain(FORMULA_FS);
    }
  });

  test('refers to figures that download as SVG under their names', async () => {
    expect(doc.images.map((i) => i.target)).toEqual(figures.map((f) => f.fileName));
    expect(figures.map((f) => f.fileName)).toEqual([
      `Fleetlab-${REPORT_SLUG}-effects.svg`,
      ...REPORT_METRICS.map((m) => `Fleetlab-${REPORT_SLUG}-${m}.svg`),
    ]);
    for (const figure of figures) {
      const response = await fetch(`${server.url}${figure.downloadPath}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(await response.text()).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>\n$/,
      );
    }
  });

  test('tells how to test from the definition and lists exact versions per arm', () => {
    const code = doc.blocks.filter((b) => b.kind === 'code').map((b) => b.text);
    expect(code).toContain(
      'dnf config-manager addrepo --id=fleetlab-cow --set=baseurl=https://mirror.example.org/hyperscale/9/\ndnf install -y rpm-4.16.1.3-34.hs.el9 python3-dnf-plugin-cow-0.3-1.hs.el9',
    );
    expect(code.join('\n')).toContain(`fleetlab-agent opt-in ${REPORT_SLUG}`);
    expect(doc.blocks.map((b) => b.text)).toContain(
      "Hosts that match the experiment's targeting: osId = centos. " +
        `The fleet evidence covers root filesystems ${FORMULA_FS}, btrfs, ext4, xfs and arches aarch64, x86_64.`,
    );
    const versions = doc.tables.find((t) => t.caption.startsWith('Package versions'))!;
    expect(versions.rows).toEqual([
      ['python3-dnf-plugin-cow', '—', '0.3-1.hs.el9'],
      ['rpm', '4.16.1.3-34.el9', '4.16.1.3-34.hs.el9'],
    ]);
  });

  test('links back to the dashboard view and the data files', () => {
    const targets = doc.links.map((l) => l.target);
    expect(targets).toContain(`${server.url}/experiments/${REPORT_SLUG}`);
    for (const ext of Object.values(EXTENSIONS)) {
      expect(targets).toContain(`${server.url}/reports/${REPORT_SLUG}.${ext}`);
    }
  });
});

const titleOf = (metric: string): string =>
  ({
    install_duration_ms: 'Install time',
    download_bytes: 'Downloaded',
    disk_used_delta_bytes: 'Disk used change',
  })[metric]!;

describe('the Markdown export, read by commonmark', () => {
  let markdown: string;
  let root: Node;
  beforeAll(async () => {
    markdown = (await download(`${REPORT_SLUG}.md`)).text;
    root = new Parser().parse(markdown);
  });

  function nodes(type: string): Node[] {
    const found: Node[] = [];
    const walker = root.walker();
    for (let step = walker.next(); step; step = walker.next()) {
      if (step.entering && step.node.type === type) found.push(step.node);
    }
    return found;
  }
  const text = (node: Node): string => {
    let out = '';
    const walker = node.walker();
    for (let step = walker.next(); step; step = walker.next()) {
      if (step.entering && (step.node.type === 'text' || step.node.type === 'code'))
        out += step.node.literal;
      if (step.node.type === 'softbreak') out += '\n';
    }
    return out;
  };

  it('is a post whose headings are the evidence sections, the title shown as it is', () => {
    const headings = nodes('heading');
    expect(text(headings[0]!)).toBe(`Fleet evidence: ${REPORT_TITLE}`);
    expect(headings.filter((h) => h.level === 2).map(text)).toEqual([
      'Fleet evidence',
      'Benefit',
      'Upgrade/compatibility impact',
      'How To Test',
      'Dependencies',
      'Data',
    ]);
    // Nothing in the title became markup: the one emphasis is the generated-at line.
    const stamp = /^_Generated by Fleetlab at (\S+)\._$/m.exec(markdown)![1];
    expect(nodes('emph').concat(nodes('html_inline'), nodes('code')).map(text)).toEqual([
      `Generated by Fleetlab at ${stamp}.`,
    ]);
  });

  it('shows the figures from the server and links the data files', () => {
    const images = nodes('image').map((n) => n.destination);
    expect(images).toEqual([
      `${server.url}/reports/figures/Fleetlab-${REPORT_SLUG}-effects.svg`,
      ...REPORT_METRICS.map(
        (m) => `${server.url}/reports/figures/Fleetlab-${REPORT_SLUG}-${m}.svg`,
      ),
    ]);
    const links = nodes('link').map((n) => n.destination);
    expect(links).toContain(`${server.url}/experiments/${REPORT_SLUG}`);
    expect(links).toContain(`${server.url}/reports/${REPORT_SLUG}.json`);
  });

  it('carries per metric a pipe table with the numbers of the comparison API', async () => {
    const api = await compare('install_duration_ms');
    // Without the GFM extension a pipe table is a paragraph of lines; split them on pipes.
    const table = nodes('paragraph')
      .map(text)
      .find((t) => t.startsWith('| Arm | Hosts (n) |'))!;
    const rows = table
      .split('\n')
      .slice(2)
      .map((line) => line.slice(2, -2).split(' | '));
    expect(rows).toHaveLength(api.arms.length);
    rows.forEach((row, i) => {
      expect(row[0]!.split(' ')[0]).toBe(api.arms[i]!.armKey);
      expectShows(row[3]!, api.arms[i]!.mean);
    });
    expectShows(rows[1]![8]!, api.comparisons[0]!.relativeDiff);
    expectShowsInterval(rows[1]![9]!, api.comparisons[0]!.ciLow, api.comparisons[0]!.ciHigh);
  });
});

describe('the CSV export, read by csv-parse', () => {
  let records: Record<string, string>[];
  beforeAll(async () => {
    records = parseCsv<Record<string, string>>((await download(`${REPORT_SLUG}.csv`)).text, {
      columns: true,
    });
  });

  it('has per-arm summaries with the numbers of the comparison API', async () => {
    for (const metric of REPORT_METRICS) {
      const api = await compare(metric);
      const arms = records.filter((r) => r.section === 'arm' && r.metric === metric);
      expect(arms.map((r) => r.arm)).toEqual(api.arms.map((a) => a.armKey));
      arms.forEach((row, i) => {
        const arm = api.arms[i]!;
        expect([Number(row.hosts), Number(row.samples)]).toEqual([arm.hosts, arm.samples]);
        expect(Number(row.mean)).toBeCloseTo(arm.mean!, 6);
        expect(Number(row.p99)).toBe(arm.p99);
        const c = api.comparisons.find((x) => x.armKey === arm.armKey);
        if (!c) return expect(row.relative_diff).toBe('');
        expect(Number(row.relative_diff)).toBeCloseTo(c.relativeDiff!, 12);
        expect(Number(row.adjusted_p)).toBeCloseTo(c.adjustedP!, 12);
        expect(row.verdict).toBe(c.verdict);
      });
    }
  });

  it('has a row per host and metric, and per arm within each segment', async () => {
    for (const metric of REPORT_METRICS) {
      const api = await compare(metric);
      const hosts = records.filter((r) => r.section === 'host' && r.metric === metric);
      expect(hosts).toHaveLength(api.arms.reduce((sum, a) => sum + a.hosts, 0));
      expect(new Set(hosts.map((r) => r.host_id)).size).toBe(hosts.length);
    }
    const segments = new Set(records.filter((r) => r.section === 'segment').map((r) => r.segment));
    expect(segments).toContain('root_fs_type=btrfs');
    expect(segments).toContain('arch=aarch64');
  });

  it('escapes text a spreadsheet would run and keeps negative numbers numbers', () => {
    const fs = records.filter((r) => r.section === 'host').map((r) => r.root_fs_type);
    expect(fs).toContain(`'${FORMULA_FS}`);
    expect(fs).not.toContain(FORMULA_FS);
    // CoW makes installs faster: negative differences, which must stay numbers.
    const faster = records.find(
      (r) => r.section === 'arm' && r.metric === 'install_duration_ms' && r.arm === 'cow',
    )!;
    for (const cell of [faster.absolute_diff, faster.relative_diff, faster.ci_low]) {
      expect(cell).toMatch(/^-\d/);
      expect(Number(cell)).toBeLessThan(0);
    }
    for (const r of records) {
      for (const cell of Object.values(r)) {
        if (/^[=+@\t\r]/.test(cell) || (cell.startsWith('-') && !Number.isFinite(Number(cell)))) {
          throw new Error(`A cell a spreadsheet would run: ${cell}`);
        }
      }
    }
  });
});

describe('bad input', () => {
  it('gets NOT_FOUND for an unknown experiment, BAD_USER_INPUT for an unknown format', async () => {
    const missing = await server.gql(REPORT, { slug: 'no-such-experiment', format: 'CSV' });
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(missing.errors![0]!.message).toContain('No experiment with slug "no-such-experiment"');
    const format = await server.gql(REPORT, { slug: REPORT_SLUG, format: 'PDF' });
    expect(errorCode(format)).toBe('BAD_USER_INPUT');
    expect(format.errors![0]!.message).toContain('"PDF"');
  });

  it.each([
    ['no-such-experiment.csv', 404, 'No experiment with slug "no-such-experiment"'],
    [`${REPORT_SLUG}.xls`, 400, 'Unknown report format ".xls"'],
    [`${REPORT_SLUG}`, 400, 'names no format'],
    ['Bad_Slug.csv', 400, 'slug "Bad_Slug" is not valid'],
    [`${REPORT_SLUG}.csv?from=yesterday`, 400, 'from must be a date'],
    ['figures/Fleetlab-evidence-boot_duration_ms.svg', 404, 'No figure named'],
    ['figures/other.svg', 404, 'No figure named "other.svg"'],
  ])(
    'answers /reports/%s with %i and a message naming what is wrong',
    async (file, status, message) => {
      const { response, text } = await download(file);
      expect(response.status).toBe(status);
      expect((JSON.parse(text) as { message: string }).message).toContain(message);
    },
  );
});

describe('fleetlab-agent export', () => {
  it('writes the download to a file', async () => {
    const output = path.join(work, 'evidence.csv');
    const run = await agent(
      'export',
      '--server',
      server.url,
      '--experiment',
      REPORT_SLUG,
      '--format',
      'csv',
      '--output',
      output,
    );
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/^Wrote .*evidence\.csv \(\d+ bytes\)\.$/);
    expect(fs.readFileSync(output, 'utf8')).toBe((await download(`${REPORT_SLUG}.csv`)).text);
  });

  it.each(['mediawiki', 'markdown', 'json'])('exports %s', async (format) => {
    const output = path.join(work, `evidence.${format}`);
    const run = await agent(
      'export',
      '--server',
      server.url,
      '--experiment',
      REPORT_SLUG,
      '--format',
      format,
      '-o',
      output,
    );
    expect(run.code).toBe(0);
    const extension = EXTENSIONS[format.toUpperCase() as keyof typeof EXTENSIONS];
    const served = (await download(`${REPORT_SLUG}.${extension}`)).text;
    expect(differingLines(fs.readFileSync(output, 'utf8'), served)).toHaveLength(1);
  });

  it('writes to standard output without --output', async () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let run: Awaited<ReturnType<typeof agent>>;
    try {
      run = await agent(
        'export',
        '--server',
        server.url,
        '--experiment',
        REPORT_SLUG,
        '--format',
        'csv',
      );
    } finally {
      write.mockRestore();
    }
    expect(run).toMatchObject({ code: 0, out: '', err: '' });
    expect(written.join('')).toBe((await download(`${REPORT_SLUG}.csv`)).text);
  });

  it("fails with the server's message for an unknown experiment", async () => {
    const run = await agent(
      'export',
      '--server',
      server.url,
      '--experiment',
      'no-such-experiment',
      '--format',
      'json',
    );
    expect(run.code).toBe(1);
    expect(run.err).toContain('No experiment with slug "no-such-experiment"');
    expect(run.err).toContain('[NOT_FOUND]');
  });
});
