/** What a host reports about itself; targeting rules and segments select hosts by these. */
export interface HostFacts {
  arch?: string;
  osId?: string;
  osVersion?: string;
  kernel?: string;
  rootFsType?: string;
  reflink?: boolean;
  cpus?: number;
  memoryBytes?: number;
  region?: string;
  labels?: string[];
  /** Package name to version-release, for the packages that matter to experiments. */
  packages?: Record<string, string>;
}

export const FACT_KEYS = [
  'arch',
  'osId',
  'osVersion',
  'kernel',
  'rootFsType',
  'reflink',
  'cpus',
  'memoryBytes',
  'region',
  'labels',
  'packages',
] as const satisfies readonly (keyof HostFacts)[];

export type FactKey = (typeof FACT_KEYS)[number];

/** A fact targeting and segments can name directly; packages are named one by one as `packages.<name>`. */
export type ScalarFactKey = Exclude<FactKey, 'packages'>;

export const PACKAGE_FACT_PREFIX = 'packages.';

export type FactKind = 'string' | 'version' | 'number' | 'boolean' | 'list';

// The kind decides how a targeting rule compares: versions sort as rpm sorts them.
export const FACT_KINDS: Readonly<Record<ScalarFactKey, FactKind>> = {
  arch: 'string',
  osId: 'string',
  osVersion: 'version',
  kernel: 'version',
  rootFsType: 'string',
  reflink: 'boolean',
  cpus: 'number',
  memoryBytes: 'number',
  region: 'string',
  labels: 'list',
};

/** The facts a targeting rule can name as they are (`packages.<name>` aside). */
export const SCALAR_FACT_KEYS = FACT_KEYS.filter((key): key is ScalarFactKey => key !== 'packages');
