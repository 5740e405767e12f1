import { describe, it, expect } from '@jest/globals';
import type { ExperimentDefinition } from './experiment-definition.js';
import { validateExperimentDefinition } from './validate-experiment.js';

const valid = (): ExperimentDefinition => ({
  changeSlug: 'rpm-cow',
  slug: 'rpm-cow-el9-btrfs',
  title: '  RPM copy-on-write on btrfs hosts  ',
  hypothesis: 'Installs get faster where reflinks work.\nDownloads stay the same.',
  arms: [
    { key: 'baseline', weight: 1, baseline: true },
    {
      key: 'cow',
      name: 'RPM CoW',
      weight: 1,
      baseline: false,
      packages: ['rpm-4.16.1.3-29.hs.el9', 'python3-dnf-plugin-cow-0.1-2.hs.el9'],
      repos: ['centos-hyperscale-experimental'],
    },
  ],
  targeting: [
    { fact: 'rootFsType', op: 'IN', values: ['btrfs', 'xfs'] },
    { fact: 'osVersion', op: 'GTE', values: ['9'] },
  ],
  metrics: [
    { metric: 'install_duration_ms', role: 'PRIMARY' },
    { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0.02 },
  ],
});

const fieldsOf = (def: ExperimentDefinition) =>
  validateExperimentDefinition(def).map((p) => p.field);

describe(validateExperimentDefinition.name, () => {
  it('accepts a sound experiment, with or without the optional parts', () => {
    expect(validateExperimentDefinition(valid())).toEqual([]);
    expect(validateExperimentDefinition({ ...valid(), hypothesis: null, targeting: null })).toEqual(
      [],
    );
    expect(
      validateExperimentDefinition({ ...valid(), hypothesis: undefined, targeting: [] }),
    ).toEqual([]);
  });

  it('takes a plan of whole hosts per arm, from 2 to 100 million', () => {
    expect(fieldsOf({ ...valid(), plannedHostsPerArm: 2 })).toEqual([]);
    expect(fieldsOf({ ...valid(), plannedHostsPerArm: 100_000_000 })).toEqual([]);
    expect(fieldsOf({ ...valid(), plannedHostsPerArm: null })).toEqual([]);
    for (const planned of [1, 0, -5, 2.5, 100_000_001, NaN]) {
      expect(fieldsOf({ ...valid(), plannedHostsPerArm: planned })).toEqual(['plannedHostsPerArm']);
    }
  });

  it('reports malformed slugs with what to use instead', () => {
    expect(validateExperimentDefinition({ ...valid(), changeSlug: 'Bad Slug', slug: 'x' })).toEqual(
      [
        {
          field: 'changeSlug',
          message:
            'change slug "Bad Slug" is not valid: use 2-64 lowercase letters, digits and single hyphens, e.g. "rpm-cow"',
        },
        {
          field: 'slug',
          message:
            'experiment slug "x" is not valid: use 2-64 lowercase letters, digits and single hyphens, e.g. "rpm-cow"',
        },
      ],
    );
  });

  it.each([
    ['', 'title must not be empty'],
    ['   ', 'title must not be empty'],
    ['x'.repeat(201), 'title is 201 characters long; keep it to 200 or fewer'],
    ['two\nlines', 'title must be one line without control characters'],
  ])('checks the title %j', (title, message) => {
    expect(validateExperimentDefinition({ ...valid(), title })).toEqual([
      { field: 'title', message },
    ]);
  });

  it('allows 200 characters of title after trimming', () => {
    expect(validateExperimentDefinition({ ...valid(), title: ` ${'x'.repeat(200)} ` })).toEqual([]);
  });

  it('checks the hypothesis', () => {
    expect(validateExperimentDefinition({ ...valid(), hypothesis: 'x'.repeat(5001) })).toEqual([
      {
        field: 'hypothesis',
        message: 'hypothesis is 5001 characters long; keep it to 5000 or fewer',
      },
    ]);
    expect(fieldsOf({ ...valid(), hypothesis: 'nul\u0000' })).toEqual(['hypothesis']);
  });

  it('checks each targeting rule where it sits', () => {
    const def = valid();
    def.targeting = [
      { fact: 'rootFsType', op: 'IN', values: ['btrfs'] },
      { fact: 'hostname', op: 'EQ', values: ['web1'] },
      { fact: 'cpus', op: 'GTE', values: ['4', '8'] },
    ];
    expect(fieldsOf(def)).toEqual(['targeting[1].fact', 'targeting[2].values']);
  });

  it('limits the number of targeting rules', () => {
    const targeting = Array.from({ length: 51 }, () => ({
      fact: 'arch',
      op: 'EQ' as const,
      values: ['x86_64'],
    }));
    expect(fieldsOf({ ...valid(), targeting })).toEqual(['targeting']);
  });

  it('collects every problem at once, arms and metrics included', () => {
    const def = valid();
    def.slug = 'Nope';
    def.arms[1]!.weight = 0;
    def.metrics = [{ metric: 'install_time', role: 'GUARDRAIL' }];
    expect(fieldsOf(def)).toEqual(['slug', 'arms[1].weight', 'metrics[0].metric', 'metrics']);
  });
});
