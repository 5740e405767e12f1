import { parsePackageNvr, sampleTableOf, type SampleInput } from '@fleetlab/shared';
import { ApiError, graphql as callServer } from './api-client.js';
import {
  simulatedDiskSnapshot,
  simulatedFleet,
  simulatedTransaction,
  type SimulatedHost,
  type SimulationEffects,
} from './fleet-model.js';

export interface SimulationOptions {
  server: string;
  enrollSecret: string;
  experiment: string;
  hosts: number;
  seed: number;
  effects: SimulationEffects;
  /** Days of history before the hosts opt in: their pre-enrollment period. */
  preDays: number;
  /** Package transactions per host per day of history. */
  transactionsPerDay: number;
  /** Transactions each host reports after opting in. */
  transactionsAfter: number;
  /** Requests in flight at once. */
  concurrency: number;
  /**
   * Spread the transactions after the opt-in over this many past days (default 0:
   * all just after it). Only meaningful with `afterOptIn` moving the opt-ins back
   * that far, which a demo database may do and a real server never does.
   */
  inDays?: number;
  /** Runs between the opt-ins and the reports that follow them (once per group). */
  afterOptIn?: () => Promise<void>;
  /**
   * Hosts go through every step (enroll, history, opt-in, reports) in groups of this
   * many, one group after the other, so that each group's data are complete before
   * the next starts (default: the whole fleet as one group).
   */
  groupSize?: number;
  /** Once aborted, no new request is sent; simulate rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Steps of the current group, then `loaded`: hosts whose every step is done. */
export interface SimulationProgress {
  phase: 'enroll' | 'history' | 'opt-in' | 'report' | 'loaded';
  done: number;
  total: number;
}

export interface SimulationResult {
  hosts: number;
  optedIn: number;
  refused: number;
  samples: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

interface FleetMember {
  host: SimulatedHost;
  token: string;
  arm?: { key: string; baseline: boolean };
}

const BATCH = 500;
const ENROLL = `mutation($input: EnrollHostInput!) { enrollHost(input: $input) { token } }`;
const OPT_IN = `mutation($slug: String!) { optIn(experimentSlug: $slug) { arm { key baseline packages } } }`;
const REPORT_FACTS = `mutation($facts: JSON!) { reportFacts(facts: $facts) { id } }`;
const INGEST = `mutation($table: JSON!) { ingestSampleTable(table: $table) { accepted duplicates rejected { id code reason } } }`;

/**
 * One API call, tried again (up to 5 times, backing off or waiting as the server
 * asks) when the failure is one that may pass: a dropped connection, an overloaded
 * server. Every call here can be repeated: sample ids make resent samples
 * duplicates, and enrolling, opting in and reporting facts again change nothing.
 */
async function graphql<T>(
  server: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callServer<T>(server, query, variables, token);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 200 * attempt));
    }
  }
}

async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        signal?.throwIfAborted();
        await work(items[next++]!);
      }
    }),
  );
}

/**
 * A virtual fleet through the real API: hosts enroll, report a pre-enrollment history,
 * opt in, then report transactions whose values carry the given effects.
 */
export async function simulate(
  options: SimulationOptions,
  onProgress: (progress: SimulationProgress) => void = () => undefined,
): Promise<SimulationResult> {
  const hosts = simulatedFleet(options.hosts, options.seed);
  // Sample ids are unique to this run, so running it again adds data instead of conflicting.
  const run = Date.now().toString(36);
  const result: SimulationResult = {
    hosts: 0,
    optedIn: 0,
    refused: 0,
    samples: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
  };
  const size = Math.max(1, options.groupSize ?? hosts.length);
  for (let from = 0; from < hosts.length; from += size) {
    options.signal?.throwIfAborted();
    await simulateGroup(hosts.slice(from, from + size), options, run, result, onProgress);
    onProgress({ phase: 'loaded', done: result.hosts, total: hosts.length });
  }
  return result;
}

/** One group of hosts through every step; adds what it did to `result`. */
async function simulateGroup(
  hosts: SimulatedHost[],
  options: SimulationOptions,
  run: string,
  result: SimulationResult,
  onProgress: (progress: SimulationProgress) => void,
): Promise<void> {
  const fleet: FleetMember[] = [];
  let done = 0;
  await inParallel(
    hosts,
    options.concurrency,
    async (host) => {
      const { enrollHost } = await graphql<{ enrollHost: { token: string } }>(
        options.server,
        ENROLL,
        {
          input: {
            enrollSecret: options.enrollSecret,
            machineIdHash: host.machineIdHash,
            hostname: host.hostname,
            facts: host.facts,
          },
        },
      );
      fleet.push({ host, token: enrollHost.token });
      onProgress({ phase: 'enroll', done: ++done, total: hosts.length });
    },
    options.signal,
  );
  fleet.sort((a, b) => a.host.index - b.host.index);
  result.hosts += fleet.length;

  const inMs = (options.inDays ?? 0) * 86_400_000;
  const now = Date.now();
  const history = fleet.map((member) => ({
    member,
    samples: historySamples(member.host, options, now - inMs, run),
  }));
  await report(history, options, 'history', result, onProgress);

  done = 0;
  await inParallel(
    fleet,
    options.concurrency,
    async (member) => {
      try {
        const { optIn } = await graphql<{
          optIn: { arm: { key: string; baseline: boolean; packages: string[] } };
        }>(options.server, OPT_IN, { slug: options.experiment }, member.token);
        member.arm = optIn.arm;
        result.optedIn += 1;
        // The host installs its arm's stack and says so, as a real one would on its next
        // facts report; a few lag behind, so that exposure checks have something to find.
        if (optIn.arm.packages.length > 0 && member.host.random() > 0.03) {
          await graphql(
            options.server,
            REPORT_FACTS,
            { facts: { ...member.host.facts, packages: stackOf(optIn.arm.packages) } },
            member.token,
          );
        }
      } catch (error) {
        if ((error as { code?: string }).code !== 'FORBIDDEN') throw error;
        result.refused += 1;
      }
      onProgress({ phase: 'opt-in', done: ++done, total: fleet.length });
    },
    options.signal,
  );

  options.signal?.throwIfAborted();
  await options.afterOptIn?.();
  // Stamped after the opt-in, so the server counts them in the experiment: just
  // after it, or spread over the days since a moved-back opt-in.
  const after = Date.now() + 1000;
  const stampOf = (member: FleetMember, i: number): Date =>
    inMs > 0
      ? new Date(after - inMs + 3_600_000 + member.host.random() * (inMs - 3_660_000))
      : new Date(after + i);
  const current = fleet
    .filter((m) => m.arm)
    .map((member) => ({
      member,
      samples: Array.from({ length: options.transactionsAfter }, (_, i) =>
        simulatedTransaction(
          member.host,
          !member.arm!.baseline,
          options.effects,
          stampOf(member, i),
          `${run}-a${i}`,
        ),
      ),
    }));
  await report(current, options, 'report', result, onProgress);
}

function historySamples(
  host: SimulatedHost,
  options: SimulationOptions,
  now: number,
  run: string,
): SampleInput[] {
  const samples: SampleInput[] = [];
  const count = Math.round(options.preDays * options.transactionsPerDay);
  const span = options.preDays * 86_400_000;
  for (let i = 0; i < count; i++) {
    // Before opting in, every host runs the stock stack.
    samples.push(
      simulatedTransaction(
        host,
        false,
        options.effects,
        new Date(now - span + (span * (i + host.random())) / count - 60_000),
        `${run}-h${i}`,
      ),
    );
  }
  for (let day = 0; day < options.preDays; day++) {
    samples.push(
      simulatedDiskSnapshot(
        host,
        false,
        options.effects,
        new Date(now - (day + 1) * 86_400_000),
        `${run}-d${day}`,
      ),
    );
  }
  return samples;
}

async function report(
  work: { member: FleetMember; samples: SampleInput[] }[],
  options: SimulationOptions,
  phase: 'history' | 'report',
  result: SimulationResult,
  onProgress: (progress: SimulationProgress) => void,
): Promise<void> {
  const batches = work.flatMap(({ member, samples }) => {
    const chunks: { token: string; samples: SampleInput[] }[] = [];
    for (let i = 0; i < samples.length; i += BATCH)
      chunks.push({ token: member.token, samples: samples.slice(i, i + BATCH) });
    return chunks;
  });
  const total = batches.reduce((sum, b) => sum + b.samples.length, 0);
  let done = 0;
  await inParallel(
    batches,
    options.concurrency,
    async (batch) => {
      const { ingestSampleTable: answer } = await graphql<{
        ingestSampleTable: {
          accepted: number;
          duplicates: number;
          rejected: { id: string; code: string; reason: string }[];
        };
      }>(options.server, INGEST, { table: sampleTableOf(batch.samples) }, batch.token);
      if (answer.rejected.length > 0) {
        const first = answer.rejected[0]!;
        throw new Error(
          `The server rejected ${answer.rejected.length} simulated samples, e.g. ${first.id}: ${first.code} ${first.reason}`,
        );
      }
      result.samples += batch.samples.length;
      result.accepted += answer.accepted;
      result.duplicates += answer.duplicates;
      done += batch.samples.length;
      onProgress({ phase, done, total });
    },
    options.signal,
  );
}

/** name-version-release strings as the facts' name -> version-release map. */
function stackOf(packages: readonly string[]): Record<string, string> {
  const stack: Record<string, string> = {};
  for (const nvr of packages) {
    const parsed = parsePackageNvr(nvr);
    if (parsed) stack[parsed.name] = `${parsed.version}-${parsed.release}`;
  }
  return stack;
}
