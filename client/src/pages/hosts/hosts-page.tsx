import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { ENROLLMENT_FILTERS, type EnrollmentFilter } from '@fleetlab/shared/domain';
import { Empty, ErrorMessage, Loading } from '../../components/states.js';
import type { HostFilterInput } from '../../generated/graphql.js';
import {
  HOSTS_PAGE,
  OPT_IN_HOSTS,
  OPT_IN_MATCHING,
  OPT_OUT_HOSTS,
  OPT_OUT_MATCHING,
} from './queries.js';

const PAGE_SIZE = 50;
const ENROLLMENT_WORDS: Record<EnrollmentFilter, string> = {
  OPTED_IN: 'opted in',
  OPTED_OUT: 'opted out',
  NOT_ENROLLED: 'not enrolled',
};
type FilterKey = 'hostname' | 'rootFsType' | 'arch' | 'osVersion' | 'experiment' | 'enrollment';

/** A fact as text for a table cell. */
const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** The filter in the URL (so a selection can be shared), as the API's HostFilterInput. */
function filterOf(params: URLSearchParams): HostFilterInput {
  const facts = (['rootFsType', 'arch', 'osVersion'] as const)
    .filter((fact) => params.get(fact))
    .map((fact) => ({ fact, op: 'EQ' as const, values: [params.get(fact)!] }));
  const experiment = params.get('experiment');
  const enrollment = params.get('enrollment');
  return {
    ...(params.get('hostname') ? { hostnameContains: params.get('hostname') } : {}),
    ...(facts.length ? { facts } : {}),
    ...(experiment ? { experimentSlug: experiment } : {}),
    ...(experiment && enrollment
      ? { enrollment: enrollment as HostFilterInput['enrollment'] }
      : {}),
  };
}

/** What opting every filtered host in or out did, in words. */
function matchingMessage(
  direction: 'in' | 'out',
  target: string,
  counts: { changed: number; unchanged: number; notTargeted: number },
): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return (
    `${n(counts.changed)} host(s) opted ${direction} of ${target}` +
    (counts.unchanged ? `; ${n(counts.unchanged)} already were` : '') +
    (counts.notTargeted ? `; ${n(counts.notTargeted)} outside its targeting` : '') +
    '.'
  );
}

/** Hosts by facts and enrollment, a page at a time; opt selected or all filtered hosts in or out. */
export function HostsPage() {
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { data, error, loading, refetch } = useQuery(HOSTS_PAGE, {
    variables: { filter, first: PAGE_SIZE, after },
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [optIn, optingIn] = useMutation(OPT_IN_HOSTS, { refetchQueries: 'active' });
  const [optOut, optingOut] = useMutation(OPT_OUT_HOSTS, { refetchQueries: 'active' });
  const [optInAll, optingInAll] = useMutation(OPT_IN_MATCHING, { refetchQueries: 'active' });
  const [optOutAll, optingOutAll] = useMutation(OPT_OUT_MATCHING, { refetchQueries: 'active' });
  const actionError = optingIn.error ?? optingOut.error ?? optingInAll.error ?? optingOutAll.error;

  const setFilter = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
    setCursors([null]);
    setSelected(new Set());
  };
  const act = async (direction: 'in' | 'out', scope: 'selected' | 'filtered') => {
    if (!target) return setMessage('Choose the experiment first.');
    if (scope === 'filtered') {
      // Any number of hosts: the server does it in one statement and answers counts.
      const variables = { slug: target, selector: filter };
      const result =
        direction === 'in' ? await optInAll({ variables }) : await optOutAll({ variables });
      const counts =
        result.data &&
        ('optInMatching' in result.data ? result.data.optInMatching : result.data.optOutMatching);
      if (counts) setMessage(matchingMessage(direction, target, counts));
      return;
    }
    const variables = { slug: target, hostIds: [...selected] };
    const result = direction === 'in' ? await optIn({ variables }) : await optOut({ variables });
    const changed =
      (result.data &&
        ('optInHosts' in result.data ? result.data.optInHosts : result.data.optOutHosts)) ??
      [];
    setMessage(`${changed.length} host(s) opted ${direction} of ${target}.`);
    setSelected(new Set());
  };

  const experiments = data?.experiments ?? [];
  const hosts = data?.hosts.nodes ?? [];
  return (
    <>
      <h1>Hosts</h1>
      <form
        className="controls card"
        aria-label="Filter hosts"
        onSubmit={(e) => e.preventDefault()}
      >
        {(
          [
            ['hostname', 'Hostname contains'],
            ['rootFsType', 'Root filesystem'],
            ['arch', 'Architecture'],
            ['osVersion', 'OS version'],
          ] as const
        ).map(([key, label]) => (
          <label key={key}>
            {label}
            <input
              defaultValue={params.get(key) ?? ''}
              onBlur={(e) => setFilter(key, e.target.value.trim())}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setFilter(key, e.currentTarget.value.trim());
              }}
            />
          </label>
        ))}
        <label>
          Experiment
          <select
            value={params.get('experiment') ?? ''}
            onChange={(e) => setFilter('experiment', e.target.value)}
          >
            <option value="">any</option>
            {experiments.map((e) => (
              <option key={e.slug} value={e.slug}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Enrollment
          <select
            aria-label="Enrollment"
            value={params.get('enrollment') ?? ''}
            disabled={!params.get('experiment')}
            onChange={(e) => setFilter('enrollment', e.target.value)}
          >
            <option value="">any</option>
            {ENROLLMENT_FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {ENROLLMENT_WORDS[filter]}
              </option>
            ))}
          </select>
        </label>
      </form>

      <section className="card" aria-labelledby="opt-heading">
        <h2 id="opt-heading">Opt hosts in or out</h2>
        <div className="controls">
          <label>
            Experiment
            <select
              aria-label="Experiment to opt hosts into"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">choose…</option>
              {experiments
                .filter((e) => e.status === 'RUNNING' || e.status === 'PAUSED')
                .map((e) => (
                  <option key={e.slug} value={e.slug}>
                    {e.title} ({e.status.toLowerCase()})
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            disabled={selected.size === 0}
            onClick={() => void act('in', 'selected').catch(() => undefined)}
          >
            Opt {selected.size || ''} selected in
          </button>
          <button
            type="button"
            disabled={selected.size === 0}
            onClick={() => void act('out', 'selected').catch(() => undefined)}
          >
            Opt {selected.size || ''} selected out
          </button>
          <button type="button" onClick={() => void act('in', 'filtered').catch(() => undefined)}>
            Opt all {data ? data.hosts.totalCount.toLocaleString('en-US') : ''} filtered hosts in
          </button>
        </div>
        <p aria-live="polite" className="small">
          {actionError ? <span className="error">{actionError.message}</span> : message}
        </p>
      </section>

      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading what="hosts" />}
      {data && hosts.length === 0 && (
        <Empty title="No hosts match">
          <p>
            Enroll a host with{' '}
            <code>
              npx fleetlab-agent enroll --server {location.origin} --secret &lt;secret&gt;
            </code>
            , or loosen the filter.
          </p>
        </Empty>
      )}
      {hosts.length > 0 && (
        <table className="hosts">
          <caption className="small muted">
            {data!.hosts.totalCount.toLocaleString('en-US')} hosts match; page {cursors.length}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select every host on this page"
                  checked={hosts.every((h) => selected.has(h.id))}
                  onChange={(e) =>
                    setSelected(e.target.checked ? new Set(hosts.map((h) => h.id)) : new Set())
                  }
                />
              </th>
              <th scope="col">Host</th>
              <th scope="col">OS</th>
              <th scope="col">Root fs</th>
              <th scope="col">Arch</th>
              <th scope="col">Experiments</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {hosts.map((host) => {
              const facts = (host.facts ?? {}) as Record<string, unknown>;
              return (
                <tr key={host.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${host.hostname ?? host.id}`}
                      checked={selected.has(host.id)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(host.id);
                        else next.delete(host.id);
                        setSelected(next);
                      }}
                    />
                  </td>
                  <td>
                    <Link to={`/hosts/${host.id}`}>{host.hostname ?? host.id}</Link>
                  </td>
                  <td>{[facts.osId, facts.osVersion].filter(Boolean).join(' ')}</td>
                  <td>{text(facts.rootFsType)}</td>
                  <td>{text(facts.arch)}</td>
                  <td className="small">
                    {host.enrollments
                      .map(
                        (e) =>
                          `${e.experiment.slug} (${e.arm.key}, ${e.status === 'OPTED_IN' ? 'in' : 'out'})`,
                      )
                      .join(', ')}
                  </td>
                  <td className="small">{new Date(host.lastSeenAt).toLocaleString('en-GB')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {data && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            disabled={cursors.length === 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Previous
          </button>
          <button
            type="button"
            disabled={!data.hosts.pageInfo.hasNextPage}
            onClick={() => setCursors([...cursors, data.hosts.pageInfo.endCursor ?? null])}
          >
            Next
          </button>
        </nav>
      )}
    </>
  );
}
