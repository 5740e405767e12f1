import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { IngestGate } from './ingest-gate.js';
import { shedWhenSaturated } from './shed-when-saturated.js';

function fullGate(): IngestGate {
  const gate = new IngestGate(1, 0, () => 4);
  void gate.run(() => new Promise(() => {})); // holds the only slot for good
  return gate;
}

function call(gate: IngestGate, authorization: string | undefined, path = '/graphql') {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = {
    headers: {},
  };
  let passed = false;
  let resumed = false;
  const req = {
    method: 'POST',
    path,
    headers: { authorization },
    resume: () => void (resumed = true),
  } as unknown as Request;
  const res = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    set(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  } as unknown as Response;
  shedWhenSaturated(gate)(req, res, (() => void (passed = true)) as NextFunction);
  return { sent, passed, resumed };
}

describe('shedWhenSaturated', () => {
  it('turns a host request away unread with 503, Retry-After and a GraphQL error while the gate is full', () => {
    const { sent, passed, resumed } = call(fullGate(), 'Bearer flh_abc');
    expect(passed).toBe(false);
    expect(resumed).toBe(true);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('4');
    expect(sent.body).toMatchObject({
      errors: [{ extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 4 } }],
    });
  });

  it('lets everything through when there is room, and never sheds people or other paths', () => {
    expect(call(new IngestGate(1, 0), 'Bearer flh_abc').passed).toBe(true);
    expect(call(fullGate(), 'Bearer flp_person').passed).toBe(true);
    expect(call(fullGate(), undefined).passed).toBe(true);
    expect(call(fullGate(), 'Bearer flh_abc', '/health').passed).toBe(true);
  });
});
