import type { IncomingMessage } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source.js';
import { FEATURE_MODULES } from './feature-modules.js';
import { SCALARS_MAP } from './graphql/date-time.scalar.js';
import { formatError } from './graphql/format-error.js';
import { MAX_TOKENS } from './graphql/query-limits.js';
import { operationChecks } from './graphql/query-limits.plugin.js';
import { retryStatusPlugin } from './graphql/retry-status.plugin.js';

interface GraphQLContextInput {
  req?: unknown;
  res?: unknown;
  connectionParams?: { authorization?: string };
  extra?: { request?: IncomingMessage };
}

@Module({})
export class AppModule {
  /** The whole app on the database at `databaseUrl` (migrated beforehand). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const checks = operationChecks();
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { scalarsMap: SCALARS_MAP },
          // Over WebSocket there is no request: the connection's parameters and
          // upgrade request carry the credentials instead.
          context: ({ req, res, connectionParams, extra }: GraphQLContextInput) =>
            req
              ? { req, res }
              : {
                  req: {
                    headers: {
                      authorization: connectionParams?.authorization,
                      cookie: extra?.request?.headers.cookie,
                    },
                    ip: extra?.request?.socket.remoteAddress,
                  },
                },
          formatError: formatError(config.isProduction),
          introspection: !config.isProduction,
          includeStacktraceInErrorResponses: !config.isProduction,
          // "Did you mean ...?" would describe the schema to whoever probes it.
          hideSchemaDetailsFromClientErrors: config.isProduction,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          // Parsing and validation stop at this many tokens, before they can take long.
          parseOptions: { maxTokens: MAX_TOKENS },
          // Depth, aliases and cost are checked before an operation runs.
          plugins: [checks.plugin, retryStatusPlugin()],
          // Nest would reset every status to 200 once an operation ran; busy and
          // rate-limited answers keep their 503 and 429 (retry-status.plugin.ts).
          preserveHttpStatusForExecutionErrors: false,
          // Dashboards follow experiments over WebSocket (graphql-ws), on the same path;
          // subscriptions only, checked like operations over HTTP.
          subscriptions: { 'graphql-ws': { onSubscribe: checks.onSubscribe } },
        }),
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [AppConfig],
      global: true,
    };
  }
}
