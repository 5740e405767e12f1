import { countRequests } from './requests-in-flight.js';
import fs from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import pg from 'pg';
import { AppModule } from './app.module.js';
import { jsonShapeProblem } from './common/json-shape.js';
import type { AppConfig } from './config/app-config.js';
import { createDataSource } from './database/data-source.js';
import { shedWhenSaturated } from './telemetry/shed-when-saturated.js';
import { IngestService } from './telemetry/ingest.service.js';

export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/**
 * Brings the schema up to date before anything else touches the database. Replicas
 * starting together take turns under an advisory lock: the first migrates, the others
 * then find nothing left to do.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'fleetlab-migrate',
  });
  await lock.connect();
  const dataSource = createDataSource(databaseUrl);
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('fleetlab_migrations'))`);
    await dataSource.initialize();
    return (await dataSource.runMigrations()).map((m) => m.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await lock.end();
  }
}

/** The Nest app: GraphQL at /graphql, /health, and the built dashboard at /. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl),
    {
      logger: config.NODE_ENV === 'test' ? ['error'] : ['log', 'warn', 'error'],
      bodyParser: false,
    },
  );
  // JSON only, and bounded: a larger body is refused with 413 while it streams in,
  // before it is parsed. 1,000 samples take about 300 KB.
  // Behind a proxy: the client's address (audit log, rate limits) and scheme (Secure cookies).
  if (config.FLEETLAB_TRUST_PROXY)
    app.set('trust proxy', trustProxySetting(config.FLEETLAB_TRUST_PROXY));
  app.use(countRequests);
  app.use(shedWhenSaturated(app.get(IngestService).gate));
  // Nor is one parsed whose shape would hold up the server while it is (json-shape.ts).
  app.use(express.json({ limit: MAX_REQUEST_BYTES, verify: refuseCostlyJson }), bodyErrors);
  // Agents keep connections open between batches. Node closes an idle one after 5 s,
  // which can cross a request just sent on it (ECONNRESET at the agent); keep them
  // longer than clients and proxies usually do (60 s).
  const http = app.getHttpServer();
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  serveDashboard(app, config.clientDir);
  await app.init();
  limitWebSocketMessages(app);
  return app;
}

function refuseCostlyJson(_req: unknown, _res: unknown, body: Buffer): void {
  const problem = jsonShapeProblem(body);
  if (problem)
    throw Object.assign(new Error(`The request body ${problem}; send less at once.`), {
      status: 400,
      expose: true,
    });
}

/** A body refused while it is read (too large, malformed, too costly) answers JSON, like the API. */
function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { status, expose, message } = error as {
    status?: number;
    expose?: boolean;
    message?: string;
  };
  if (!status || status < 400 || status >= 500 || !expose) return next(error);
  res.status(status).json({
    errors: [
      { message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } },
    ],
  });
}

/** A WebSocket message is one subscribe request: a few KB. */
export const MAX_WEBSOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * The WebSocket server Nest makes for subscriptions takes messages up to ws's default
 * of 100 MB, from anyone who connects, and parses each whole before anything looks
 * at it. Nest offers no option for it, so it is set on the server Nest made; a Nest
 * that no longer has it there stops the start rather than run unlimited.
 */
function limitWebSocketMessages(app: NestExpressApplication): void {
  const driver = app.get(GraphQLModule).graphQlAdapter as unknown as {
    _subscriptionService?: { wss?: { options?: { maxPayload?: number } } };
  };
  const options = driver._subscriptionService?.wss?.options;
  if (!options)
    throw new Error('No WebSocket server for subscriptions to limit: has @nestjs/apollo changed?');
  options.maxPayload = MAX_WEBSOCKET_MESSAGE_BYTES;
}

/** Paths the server answers itself; every other GET for a page gets the dashboard. */
const API_PATHS = ['/graphql', '/health', '/reports', '/auth'];

function serveDashboard(app: NestExpressApplication, clientDir: string): void {
  const index = path.join(clientDir, 'index.html');
  if (!fs.existsSync(index)) return;
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  // Client-side routes (/experiments/x) get the page; the API keeps its own paths.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || API_PATHS.some((prefix) => req.path.startsWith(prefix)))
      return next();
    if (!(req.headers.accept ?? '').includes('text/html') && req.path !== '/') return next();
    res.sendFile(index);
  });
}

/** FLEETLAB_TRUST_PROXY as Express takes it: true, a hop count, or addresses and subnets. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
