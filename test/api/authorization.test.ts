// Who may do what, with FLEETLAB_AUTH=tokens. The matrix reads every mutation from
// the committed schema.gql: a new mutation without an entry in ACCESS fails here, and
// every cell (anonymous, host, viewer, owner of another experiment, admin) is tried
// over HTTP. Arguments are made from the schema's types, so each call reaches its
// resolver; "denied" means refused by an access rule (`extensions.accessRule`), anything
// else (success, not found, bad input) means let through.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import {
  errorCode,
  startTestServer,
  type GraphQLResponse,
  type TestServer,
  must,
} from '../support/test-server.js';
import { machineIdHash } from '../support/fleet.js';
import { newApiToken as newToken, personToken as personTokenOf } from '../support/people.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  CREATE_SECRET,
  ENROLL,
  START,
} from '../support/operations.js';

type Who = 'anonymous' | 'host' | 'viewer' | 'otherOwner' | 'admin';
/** OWN_EXPERIMENT: an owner may, but only on experiments they created (admins on any). */
type Rule = 'PUBLIC' | 'HOST' | 'VIEWER' | 'OWNER' | 'OWN_EXPERIMENT' | 'ADMIN';

const ACCESS: Record<string, Rule> = {
  enrollHost: 'PUBLIC',
  ingestSamples: 'HOST',
  ingestSampleTable: 'HOST',
  optIn: 'HOST',
  optOut: 'HOST',
  reportFacts: 'HOST',
  createChange: 'OWNER',
  createExperiment: 'OWNER',
  startExperiment: 'OWN_EXPERIMENT',
  pauseExperiment: 'OWN_EXPERIMENT',
  concludeExperiment: 'OWN_EXPERIMENT',
  haltExperiment: 'OWN_EXPERIMENT',
  setAutoHalt: 'OWN_EXPERIMENT',
  setArmWeights: 'OWN_EXPERIMENT',
  optInHosts: 'OWN_EXPERIMENT',
  optOutHosts: 'OWN_EXPERIMENT',
  optInMatching: 'OWN_EXPERIMENT',
  optOutMatching: 'OWN_EXPERIMENT',
  rebuildAggregates: 'ADMIN',
  retryQuarantinedFolds: 'ADMIN',
  dropQuarantinedFolds: 'ADMIN',
  createEnrollSecret: 'ADMIN',
  revokeEnrollSecret: 'ADMIN',
  revokeHost: 'ADMIN',
  allowHostEnrollment: 'ADMIN',
  createPerson: 'ADMIN',
  setPersonRole: 'ADMIN',
  createApiToken: 'ADMIN',
  revokeApiToken: 'ADMIN',
  endSessions: 'ADMIN',
  // Without experimentSlug, a webhook for every experiment: admins only.
  createWebhook: 'OWN_EXPERIMENT',
  // Owners manage only the webhooks of their own experiments: test/api/alerts.test.ts
  // (here the id is made up, so owners and admins alike get NOT_FOUND).
  updateWebhook: 'OWNER',
  deleteWebhook: 'OWNER',
  sendWebhookTest: 'OWNER',
};

const ALLOWED: Record<Rule, Who[]> = {
  PUBLIC: ['anonymous', 'host', 'viewer', 'otherOwner', 'admin'],
  HOST: ['host'],
  VIEWER: ['viewer', 'otherOwner', 'admin'],
  OWNER: ['otherOwner', 'admin'],
  OWN_EXPERIMENT: ['admin'],
  ADMIN: ['admin'],
};

const schema = buildSchema(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../server/schema.gql'), 'utf8'),
);
const mutations = schema.getMutationType()!.getFields();
const ADMIN_TOKEN = `flp_${randomBytes(24).toString('hex')}`;
const EXPERIMENT_SLUG = 'olgas-experiment';

let server: TestServer;
let secret: string;
const tokens = {} as Record<Who | 'owner', string | undefined>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as TestServer.gql: tests assert on loose data
async function as<T = Record<string, any>>(
  who: Who | 'owner',
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return server.gql<T>(query, variables, tokens[who]);
}

/** A value of `type` that passes GraphQL's checks: the resolver decides the rest. */
function valueOf(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, name);
  if (isListType(type)) return [valueOf(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type)) out[field.name] = valueOf(field.type, field.name);
    return out;
  }
  if (isScalarType(type)) {
    if (name === 'slug' || name === 'experimentSlug') return EXPERIMENT_SLUG;
    if (name === 'enrollSecret') return secret;
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      case 'JSON':
        return {};
      default:
        return `matrix-${name}`;
    }
  }
  throw new Error(`no value for ${String(type)}`);
}

function callOf(name: string): { query: string; variables: Record<string, unknown> } {
  const args = mutations[name]!.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const declarations = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passing = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection =
    getNamedType(mutations[name]!.type).constructor.name === 'GraphQLScalarType'
      ? ''
      : ' { __typename }';
  return {
    query: `mutation${declarations ? `(${declarations})` : ''} { ${name}${passing ? `(${passing})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, valueOf(a.type, a.name)])),
  };
}

const deniedByRule = (response: GraphQLResponse): boolean =>
  Boolean(response.errors?.some((e) => e.extensions?.accessRule !== undefined));

// Everything the server process writes while these tests run, to check that no token
// ever reaches a log.
const logged: string[] = [];
const writeOf = (stream: NodeJS.WriteStream) => {
  const original = stream.write.bind(stream);
  stream.write = (chunk: unknown, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  return () => void (stream.write = original);
};
const consoleOf = (name: 'log' | 'warn' | 'error' | 'info' | 'debug') => {
  const original = console[name].bind(console);
  console[name] = (...args: unknown[]) => {
    logged.push(
      args
        .map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a)))
        .join(' '),
    );
    original(...args);
  };
  return () => void (console[name] = original);
};
const restoreStreams = [
  writeOf(process.stdout),
  writeOf(process.stderr),
  ...(['log', 'warn', 'error', 'info', 'debug'] as const).map(consoleOf),
];

beforeAll(async () => {
  server = await startTestServer({
    FLEETLAB_AUTH: 'tokens',
    FLEETLAB_ADMIN_TOKEN: ADMIN_TOKEN,
    FLEETLAB_PERSON_REQUESTS_PER_MINUTE: '100000',
    FLEETLAB_HOST_REQUESTS_PER_MINUTE: '100000',
  });
  tokens.admin = ADMIN_TOKEN;
  tokens.viewer = await personToken('vera', 'VIEWER');
  tokens.otherOwner = await personToken('otto', 'OWNER');
  tokens.owner = await personToken('olga', 'OWNER');
  secret = must(await as('admin', CREATE_SECRET, { input: { name: 'matrix' } })).createEnrollSecret
    .secret;
  must(
    await as('owner', CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM copy-on-write' } }),
  );
  must(
    await as('owner', CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug: EXPERIMENT_SLUG } }),
  );
  must(await as('owner', START, { slug: EXPERIMENT_SLUG }));
  const enrolled = must(
    await as('anonymous', ENROLL, {
      input: {
        enrollSecret: secret,
        machineIdHash: machineIdHash(randomUUID()),
        hostname: 'h1',
        facts: { osId: 'centos', arch: 'x86_64' },
      },
    }),
  );
  tokens.host = enrolled.enrollHost.token;
});
afterAll(async () => {
  await server.close();
  for (const restore of restoreStreams) restore();
  // Failed sign-ins, denials and errors were logged along the way; no token with them.
  const log = logged.join('');
  for (const token of Object.values(tokens)) if (token) expect(log).not.toContain(token);
  expect(log).not.toContain(ADMIN_TOKEN);
});

describe('the authorisation matrix', () => {
  it('has an access rule for every mutation in schema.gql, and no stale one', () => {
    expect(Object.keys(mutations).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  const WHO: Who[] = ['anonymous', 'host', 'viewer', 'otherOwner', 'admin'];
  it.each(Object.keys(ACCESS).sort())(
    '%s lets through exactly the allowed callers',
    async (name) => {
      const { query, variables } = callOf(name);
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const who of WHO) {
        const response = await as(who, query, variables);
        outcomes[who] = deniedByRule(response) ? `denied (${errorCode(response)})` : 'let through';
        const allowed = ALLOWED[ACCESS[name]!].includes(who);
        expected[who] = allowed
          ? 'let through'
          : `denied (${who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'})`;
      }
      expect(outcomes).toEqual(expected);
    },
  );

  it('lets an owner run their own experiment, and records them as its owner', async () => {
    const slug = 'olgas-second';
    const created = await as('owner', CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug } });
    expect(created.errors).toBeUndefined();
    expect(must(await as('owner', START, { slug })).startExperiment.status).toBe('RUNNING');
    const paused = await as(
      'owner',
      `mutation($s: String!) { pauseExperiment(slug: $s) { status } }`,
      { s: slug },
    );
    expect(paused.data?.pauseExperiment.status).toBe('PAUSED');
    const byOtto = await as('otherOwner', START, { slug });
    expect(errorCode(byOtto)).toBe('FORBIDDEN');
    expect(byOtto.errors![0]!.message).toMatch(/owner \(olga\) or an admin/);
  });

  it('records denials in the audit log, with who and from where', async () => {
    await as('viewer', CREATE_SECRET, { input: { name: 'not-allowed' } });
    const events = must(
      await as(
        'admin',
        `{ auditEvents(outcome: DENIED, actor: "vera", action: "createEnrollSecret") { actorKind actorName action outcome errorCode remoteAddress detail } }`,
      ),
    ).auditEvents as Record<string, unknown>[];
    expect(events[0]).toMatchObject({
      actorKind: 'PERSON',
      actorName: 'vera',
      action: 'createEnrollSecret',
      outcome: 'DENIED',
      errorCode: 'FORBIDDEN',
      detail: { input: { name: 'not-allowed' } },
    });
    expect(events[0]!.remoteAddress).toMatch(/127\.0\.0\.1/);
  });
});

describe('reading', () => {
  const EXPERIMENTS = `{ experiments { slug } }`;

  it('needs a person: anonymous is told to sign in, a host token is refused', async () => {
    expect(errorCode(await as('anonymous', EXPERIMENTS))).toBe('UNAUTHENTICATED');
    expect(errorCode(await as('host', EXPERIMENTS))).toBe('FORBIDDEN');
    expect((await as('viewer', EXPERIMENTS)).data?.experiments.length).toBeGreaterThan(0);
  });

  it('keeps people, tokens and the audit log to admins', async () => {
    for (const query of [
      '{ people { name } }',
      '{ apiTokens { name } }',
      '{ auditEvents { action } }',
      '{ enrollSecrets { name } }',
    ]) {
      expect(errorCode(await as('otherOwner', query))).toBe('FORBIDDEN');
      expect((await as('admin', query)).errors).toBeUndefined();
    }
  });

  it('answers the session, signed in or not', async () => {
    expect(must(await as('anonymous', '{ session { mode person { name } } }')).session).toEqual({
      mode: 'TOKENS',
      person: null,
    });
    expect(must(await as('viewer', '{ session { mode person { name role } } }')).session).toEqual({
      mode: 'TOKENS',
      person: { name: 'vera', role: 'VIEWER' },
    });
  });

  it('needs a person for report downloads too', async () => {
    const anonymous = await fetch(`${server.url}/reports/${EXPERIMENT_SLUG}.csv`);
    expect(anonymous.status).toBe(401);
    const refused = must(
      await as(
        'admin',
        `{ auditEvents(action: "export", outcome: DENIED) { target errorCode actorKind } }`,
      ),
    ).auditEvents;
    expect(refused[0]).toEqual({
      target: `/reports/${EXPERIMENT_SLUG}.csv`,
      errorCode: 'UNAUTHENTICATED',
      actorKind: 'ANONYMOUS',
    });
    const viewer = await fetch(`${server.url}/reports/${EXPERIMENT_SLUG}.csv`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(viewer.status).toBe(200);
  });
});

describe('live updates over WebSocket', () => {
  /** The first thing a subscription yields: an update, or the error that refused it. */
  async function firstEvent(connectionParams: Record<string, unknown>): Promise<string> {
    const client = createClient({
      url: server.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams,
    });
    try {
      return await new Promise<string>((resolve) => {
        client.subscribe(
          { query: `subscription { experimentUpdated(slug: "${EXPERIMENT_SLUG}") { slug } }` },
          {
            next: (value) =>
              resolve(
                value.errors ? `error ${String(value.errors[0]!.extensions?.code)}` : 'update',
              ),
            error: (error) => resolve(`error ${JSON.stringify(error).slice(0, 200)}`),
            complete: () => resolve('complete'),
          },
        );
        // Something for a subscriber to hear: a pause and a start of the experiment.
        setTimeout(() => {
          void as(
            'admin',
            `mutation { pauseExperiment(slug: "${EXPERIMENT_SLUG}") { status } }`,
          ).then(() => as('admin', START, { slug: EXPERIMENT_SLUG }));
        }, 300);
      });
    } finally {
      await client.dispose();
    }
  }

  it('end when their token is revoked', async () => {
    const created = await newApiToken('vera', 'live');
    const client = createClient({
      url: server.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${created.token}` },
    });
    const events: string[] = [];
    const ended = new Promise<void>((resolve) => {
      client.subscribe(
        { query: `subscription { experimentUpdated(slug: "${EXPERIMENT_SLUG}") { slug } }` },
        {
          next: (value) =>
            events.push(
              value.errors ? `error ${String(value.errors[0]!.extensions?.code)}` : 'update',
            ),
          error: (error) => {
            events.push(`error ${JSON.stringify(error).slice(0, 300)}`);
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
    const poke = async (): Promise<void> => {
      await as('admin', `mutation { pauseExperiment(slug: "${EXPERIMENT_SLUG}") { status } }`);
      await as('admin', START, { slug: EXPERIMENT_SLUG });
    };
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await poke();
      while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events).toEqual(['update']);
      must(
        await as('admin', `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, {
          id: created.id,
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1200)); // updates are coalesced to ~1/s
      await poke();
      await ended;
      expect(events.slice(1).join(' ')).toMatch(/UNAUTHENTICATED|revoked/);
    } finally {
      await client.dispose();
    }
  });

  it('need a person’s token in the connection parameters', async () => {
    await expect(firstEvent({})).resolves.toMatch(/UNAUTHENTICATED/);
    await expect(firstEvent({ authorization: `Bearer ${tokens.host}` })).resolves.toMatch(
      /FORBIDDEN/,
    );
    await expect(firstEvent({ authorization: `Bearer ${tokens.viewer}` })).resolves.toBe('update');
  });
});

describe('API tokens', () => {
  it('are shown once, stored as SHA-256 only, and revoked at once', async () => {
    const created = must(
      await as(
        'admin',
        `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { id token apiToken { name person { name } } } }`,
        {
          i: { person: 'vera', name: 'laptop' },
        },
      ),
    ).createApiToken;
    expect(created.token).toMatch(/^flp_[A-Za-z0-9_-]{43}$/);
    expect(
      JSON.stringify(must(await as('admin', '{ apiTokens { id name lastUsedAt } }'))),
    ).not.toContain(created.token);

    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      const dump = await db.query(
        `SELECT t::text AS row FROM api_token t UNION ALL SELECT e::text FROM audit_event e`,
      );
      const text = dump.rows.map((r) => r.row as string).join('\n');
      expect(text).not.toContain(created.token);
      expect(text).not.toContain(ADMIN_TOKEN);
      expect(text).not.toContain(tokens.host);
    } finally {
      await db.end();
    }

    expect(
      (await server.gql('{ experiments { slug } }', {}, created.token)).errors,
    ).toBeUndefined();
    must(
      await as('admin', `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, {
        id: created.id,
      }),
    );
    const after = await server.gql('{ experiments { slug } }', {}, created.token);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.errors![0]!.extensions!.reason).toBe('REVOKED_TOKEN');
  });

  it('refuses forged and expired tokens with a reason', async () => {
    const forged = await server.gql(
      '{ experiments { slug } }',
      {},
      `flp_${randomBytes(32).toString('base64url')}`,
    );
    expect(forged.errors![0]!.extensions!.reason).toBe('UNKNOWN_TOKEN');
    const foreign = await server.gql('{ experiments { slug } }', {}, 'eyJhbGciOiJub25lIn0.e30.');
    expect(foreign.errors![0]!.extensions!.reason).toBe('MALFORMED_TOKEN');

    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    const created = await newApiToken(
      'vera',
      'short-lived',
      new Date(Date.now() + 60_000).toISOString(),
    );
    await db.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      created.id,
    ]);
    await db.end();
    const expired = await server.gql('{ experiments { slug } }', {}, created.token);
    expect(expired.errors![0]!.extensions!.reason).toBe('EXPIRED_TOKEN');
  });

  it('sign the dashboard in with an HttpOnly cookie, and out again', async () => {
    const form = await fetch(`${server.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${tokens.viewer}`,
    });
    expect(form.status).toBe(400);

    const signIn = await fetch(`${server.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: tokens.viewer }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^fleetlab_session=fls_[^;]+;.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = cookie.split(';')[0]!;
    const me = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session },
      body: JSON.stringify({ query: '{ session { person { name } } }' }),
    });
    expect(((await me.json()) as { data: { session: unknown } }).data.session).toEqual({
      person: { name: 'vera' },
    });
    const download = await fetch(`${server.url}/reports/${EXPERIMENT_SLUG}.md`, {
      headers: { cookie: session },
    });
    expect(download.status).toBe(200);

    const signOut = await fetch(`${server.url}/auth/session`, {
      method: 'DELETE',
      headers: { cookie: session },
    });
    expect(signOut.status).toBe(204);
    const after = await fetch(`${server.url}/reports/${EXPERIMENT_SLUG}.md`, {
      headers: { cookie: session },
    });
    expect(after.status).toBe(401);
    // An ended sign-in is no sign-in: the dashboard gets its sign-in page, not an error.
    const stale = await gqlWithCookie(session, '{ session { person { name } } }');
    expect(stale).toEqual({ data: { session: { person: null } } });
  });

  it('end with the API token they were signed in with, and when an admin ends them', async () => {
    const created = await newApiToken('otto', 'for the dashboard');
    const signIn = async (): Promise<string> => {
      const response = await fetch(`${server.url}/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: created.token }),
      });
      return response.headers.get('set-cookie')!.split(';')[0]!;
    };
    const who = async (session: string) =>
      (await gqlWithCookie(session, '{ session { person { name } } }')).data;

    const first = await signIn();
    expect(await who(first)).toEqual({ session: { person: { name: 'otto' } } });
    must(await as('admin', `mutation { endSessions(person: "otto") }`));
    expect(await who(first)).toEqual({ session: { person: null } });

    const second = await signIn();
    must(
      await as('admin', `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, {
        id: created.id,
      }),
    );
    expect(await who(second)).toEqual({ session: { person: null } });
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose test data, as TestServer.gql
async function gqlWithCookie(cookie: string, query: string): Promise<{ data?: any }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown };
}

describe('host revocation', () => {
  it('stops the host at once and keeps its machine from enrolling again until an admin allows it', async () => {
    const machine = machineIdHash(randomUUID());
    const facts = { osId: 'centos', arch: 'x86_64' };
    const enrolled = must(
      await as('anonymous', ENROLL, {
        input: { enrollSecret: secret, machineIdHash: machine, hostname: 'gone', facts },
      }),
    ).enrollHost;
    const revoked = must(
      await as(
        'admin',
        `mutation($id: ID!) { revokeHost(id: $id, reason: "decommissioned") { revokedAt revokedReason } }`,
        {
          id: enrolled.host.id,
        },
      ),
    ).revokeHost;
    expect(revoked.revokedReason).toBe('decommissioned');

    const report = await server.gql(`{ currentHost { id } }`, {}, enrolled.token);
    expect(report.errors![0]!.extensions!.reason).toBe('REVOKED_HOST');

    const oneTime = must(
      await as('admin', CREATE_SECRET, { input: { name: 'one-time', hostId: enrolled.host.id } }),
    ).createEnrollSecret.secret;
    const again = await as('anonymous', ENROLL, {
      input: { enrollSecret: oneTime, machineIdHash: machine, hostname: 'gone', facts },
    });
    expect(errorCode(again)).toBe('FORBIDDEN');
    expect(again.errors![0]!.message).toMatch(/revoked .*decommissioned.*allowHostEnrollment/);

    must(
      await as('admin', `mutation($id: ID!) { allowHostEnrollment(id: $id) { revokedAt } }`, {
        id: enrolled.host.id,
      }),
    );
    // The refused attempt did not use up the one-time secret.
    const back = must(
      await as('anonymous', ENROLL, {
        input: { enrollSecret: oneTime, machineIdHash: machine, hostname: 'back', facts },
      }),
    ).enrollHost;
    expect(back.host.id).toBe(enrolled.host.id);
    expect(
      (await server.gql(`{ currentHost { hostname } }`, {}, back.token)).data?.currentHost.hostname,
    ).toBe('back');
    expect(errorCode(await server.gql(`{ currentHost { id } }`, {}, enrolled.token))).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('what a host reads', () => {
  const basics = `slug title status hypothesis startedAt change { slug title } metrics { metric role }`;

  it('its own enrollments, arm and the basics of their experiments', async () => {
    must(
      await as(
        'host',
        `mutation { reportFacts(facts: { rootFsType: "xfs", arch: "x86_64" }) { id } }`,
      ),
    );
    const optedIn = await as(
      'host',
      `mutation($slug: String!) { optIn(experimentSlug: $slug) { status arm { key baseline packages repos } experiment { ${basics} } } }`,
      { slug: EXPERIMENT_SLUG },
    );
    expect(optedIn.errors).toBeUndefined();
    const status = must(
      await as(
        'host',
        `{ currentHost { id machineIdHash enrollments { arm { key } experiment { ${basics} } } } }`,
      ),
    );
    expect(status.currentHost.enrollments[0].experiment.slug).toBe(EXPERIMENT_SLUG);
    expect(status.currentHost.machineIdHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['the fleet’s counts', 'hostsOptedIn', 'Experiment.hostsOptedIn'],
    ['the salt', 'salt', 'Experiment.salt'],
    ['the owner', 'owner', 'Experiment.owner'],
    ['other hosts’ labels', 'segmentValues(dimension: LABEL)', 'Experiment.segmentValues'],
    ['the funnel', 'funnel { enrolled optedIn }', 'Experiment.funnel'],
    ['the targeting', 'targeting { fact values }', 'Experiment.targeting'],
    ['the other arms', 'arms { key hosts }', 'Experiment.arms'],
  ])('not %s of an experiment', async (_what, selection, field) => {
    for (const query of [
      `{ currentHost { enrollments { experiment { ${selection} } } } }`,
      `{ currentHost { ...h } } fragment h on Host { enrollments { experiment { slug ${selection} } } }`,
      `mutation { optIn(experimentSlug: "${EXPERIMENT_SLUG}") { experiment { ... on Experiment { ${selection} } } } }`,
    ]) {
      const response = await as('host', query);
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.errors![0]!.extensions).toMatchObject({ field, reason: 'FIELD_NOT_VISIBLE' });
      expect(response.data ?? null).toBeNull();
    }
  });

  it('not the host count of its own arm, nor through a public operation', async () => {
    const arm = await as('host', `{ currentHost { enrollments { arm { key hosts } } } }`);
    expect(arm.errors![0]!.extensions!.field).toBe('Arm.hosts');
    const enrolled = await as(
      'anonymous',
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { host { enrollments { experiment { salt } } } } }`,
      {
        i: { enrollSecret: secret, machineIdHash: machineIdHash(randomUUID()), facts: {} },
      },
    );
    expect(enrolled.errors![0]!.extensions!.field).toBe('Experiment.salt');
    // A person reads what their role allows, through a public operation too.
    const byAdmin = await as(
      'admin',
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { host { enrollments { experiment { salt } } } } }`,
      {
        i: { enrollSecret: secret, machineIdHash: machineIdHash(randomUUID()), facts: {} },
      },
    );
    expect(byAdmin.errors).toBeUndefined();
  });
});

describe('machine ids', () => {
  it('are shown to admins only: a viewer, or an owner, cannot learn one to pass for a host', async () => {
    const query = `{ hosts(first: 5) { nodes { hostname machineIdHash } } }`;
    for (const who of ['viewer', 'otherOwner'] as const) {
      const nodes = must(await as(who, query)).hosts.nodes as { machineIdHash: string | null }[];
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((n) => n.machineIdHash === null)).toBe(true);
    }
    const nodes = must(await as('admin', query)).hosts.nodes as { machineIdHash: string | null }[];
    expect(nodes.every((n) => /^[0-9a-f]{64}$/.test(n.machineIdHash!))).toBe(true);
  });

  it('and a single-use secret of an admin does not take over a host whose id a viewer knows', async () => {
    const machine = machineIdHash(randomUUID());
    const facts = { osId: 'centos', arch: 'x86_64' };
    const victim = must(
      await as('anonymous', ENROLL, {
        input: { enrollSecret: secret, machineIdHash: machine, hostname: 'victim', facts },
      }),
    ).enrollHost;
    const oneTime = must(
      await as('admin', CREATE_SECRET, { input: { name: 'spare', singleUse: true } }),
    ).createEnrollSecret.secret;
    const takeover = await as('anonymous', ENROLL, {
      input: { enrollSecret: oneTime, machineIdHash: machine, hostname: 'attacker', facts },
    });
    expect(errorCode(takeover)).toBe('FORBIDDEN');
    const still = must(await server.gql(`{ currentHost { id hostname } }`, {}, victim.token));
    expect(still.currentHost).toEqual({ id: victim.host.id, hostname: 'victim' });
  });
});

const personToken = (name: string, role: string): Promise<string> =>
  personTokenOf(server, tokens.admin, name, role);

/** A new API token for `person`, made by the admin. */
const newApiToken = (
  person: string,
  name: string,
  expiresAt?: string,
): Promise<{ id: string; token: string }> =>
  newToken(server, tokens.admin, person, name, expiresAt);
