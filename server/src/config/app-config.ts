import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** The repository root, so that default paths do not depend on the working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toFlag = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

/**
 * Every setting Fleetlab reads from the environment, validated once at boot.
 * This is the only place that reads `process.env`.
 */
export class AppConfig {
  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 1 and 65535' })
  PORT = 3000;

  @IsString()
  @MinLength(1, { message: 'HOST must name an interface to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message:
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/fleetlab',
  })
  DATABASE_URL?: string;

  /**
   * Where people reach the server, for links in exported reports and the OIDC
   * redirect. Required with NODE_ENV=production; unset elsewhere: the request's host.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: 'FLEETLAB_PUBLIC_URL must be an http(s) URL such as https://fleetlab.example.org',
  })
  FLEETLAB_PUBLIC_URL?: string;

  /** Unset: `.data` in the checkout (see `dataDir`); set, the folder people chose. */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'FLEETLAB_DATA_DIR must be a folder path' })
  FLEETLAB_DATA_DIR?: string;

  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_DB_PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'FLEETLAB_DB_PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'FLEETLAB_DB_PORT must be a whole number between 1 and 65535' })
  FLEETLAB_DB_PORT = 5433;

  @Transform(toFlag)
  @IsBoolean({ message: 'FLEETLAB_DEMO must be 1 or 0 (true or false)' })
  FLEETLAB_DEMO = true;

  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_DEMO_HOSTS must be a whole number between 0 and 100000' })
  @Min(0, { message: 'FLEETLAB_DEMO_HOSTS must be a whole number between 0 and 100000' })
  @Max(100000, { message: 'FLEETLAB_DEMO_HOSTS must be a whole number between 0 and 100000' })
  FLEETLAB_DEMO_HOSTS = 300;

  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_RETENTION_DAYS must be a whole number of days between 1 and 3650' })
  @Min(1, { message: 'FLEETLAB_RETENTION_DAYS must be a whole number of days between 1 and 3650' })
  @Max(3650, {
    message: 'FLEETLAB_RETENTION_DAYS must be a whole number of days between 1 and 3650',
  })
  FLEETLAB_RETENTION_DAYS = 400;

  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_INGEST_CONCURRENCY must be a whole number between 1 and 1000' })
  @Min(1, { message: 'FLEETLAB_INGEST_CONCURRENCY must be a whole number between 1 and 1000' })
  @Max(1000, { message: 'FLEETLAB_INGEST_CONCURRENCY must be a whole number between 1 and 1000' })
  FLEETLAB_INGEST_CONCURRENCY = 8;

  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_INGEST_QUEUE must be a whole number between 0 and 100000' })
  @Min(0, { message: 'FLEETLAB_INGEST_QUEUE must be a whole number between 0 and 100000' })
  @Max(100000, { message: 'FLEETLAB_INGEST_QUEUE must be a whole number between 0 and 100000' })
  FLEETLAB_INGEST_QUEUE = 64;

  /**
   * How often the folder looks for acknowledged samples to fold into the rollups, when
   * no ingest on this replica woke it sooner. 0 turns folding off on this replica
   * (another one folds; one of them must).
   */
  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_FOLD_INTERVAL_MS must be a whole number between 0 and 600000' })
  @Min(0, { message: 'FLEETLAB_FOLD_INTERVAL_MS must be a whole number between 0 and 600000' })
  @Max(600000, { message: 'FLEETLAB_FOLD_INTERVAL_MS must be a whole number between 0 and 600000' })
  FLEETLAB_FOLD_INTERVAL_MS = 1000;

  /**
   * Experiments with at most this many enrolled hosts are compared from host-level
   * values (results equal R's); larger ones from per-arm aggregates, whose cost does not
   * grow with hosts.
   */
  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS must be a whole number between 0 and 10000000',
  })
  @Min(0, {
    message: 'FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS must be a whole number between 0 and 10000000',
  })
  @Max(10_000_000, {
    message: 'FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS must be a whole number between 0 and 10000000',
  })
  FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS = 2_000;

  /**
   * In experiments compared from aggregates with at most this many enrolled hosts,
   * Mann-Whitney and Hodges-Lehmann rank every host's own mean (one read of that many
   * rows: the exact path's figures); above, they rank the host-mean histograms.
   */
  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_EXACT_RANKS_MAX_HOSTS must be a whole number between 0 and 1000000',
  })
  @Min(0, {
    message: 'FLEETLAB_EXACT_RANKS_MAX_HOSTS must be a whole number between 0 and 1000000',
  })
  @Max(1_000_000, {
    message: 'FLEETLAB_EXACT_RANKS_MAX_HOSTS must be a whole number between 0 and 1000000',
  })
  FLEETLAB_EXACT_RANKS_MAX_HOSTS = 20_000;

  /**
   * How often each replica looks for alert deliveries that are due (one replica
   * delivers at a time, under an advisory lock). 0: this replica never delivers
   * (another one must).
   */
  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_WEBHOOK_INTERVAL_MS must be a whole number between 0 and 600000' })
  @Min(0, { message: 'FLEETLAB_WEBHOOK_INTERVAL_MS must be a whole number between 0 and 600000' })
  @Max(600000, {
    message: 'FLEETLAB_WEBHOOK_INTERVAL_MS must be a whole number between 0 and 600000',
  })
  FLEETLAB_WEBHOOK_INTERVAL_MS = 1000;

  /** How long one webhook POST may take, connecting included, before it counts as failed. */
  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_WEBHOOK_TIMEOUT_MS must be a whole number between 100 and 60000' })
  @Min(100, { message: 'FLEETLAB_WEBHOOK_TIMEOUT_MS must be a whole number between 100 and 60000' })
  @Max(60000, {
    message: 'FLEETLAB_WEBHOOK_TIMEOUT_MS must be a whole number between 100 and 60000',
  })
  FLEETLAB_WEBHOOK_TIMEOUT_MS = 10_000;

  /** The wait before the first retry of a failed delivery; each later wait doubles (with jitter). */
  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_WEBHOOK_RETRY_MIN_MS must be a whole number between 10 and 3600000',
  })
  @Min(10, {
    message: 'FLEETLAB_WEBHOOK_RETRY_MIN_MS must be a whole number between 10 and 3600000',
  })
  @Max(3_600_000, {
    message: 'FLEETLAB_WEBHOOK_RETRY_MIN_MS must be a whole number between 10 and 3600000',
  })
  FLEETLAB_WEBHOOK_RETRY_MIN_MS = 10_000;

  /** The longest wait between two tries of one delivery. */
  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_WEBHOOK_RETRY_MAX_MS must be a whole number between 10 and 86400000',
  })
  @Min(10, {
    message: 'FLEETLAB_WEBHOOK_RETRY_MAX_MS must be a whole number between 10 and 86400000',
  })
  @Max(86_400_000, {
    message: 'FLEETLAB_WEBHOOK_RETRY_MAX_MS must be a whole number between 10 and 86400000',
  })
  FLEETLAB_WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** A delivery still failing this long after its event is given up (FAILED). */
  @Transform(toInt)
  @IsInt({ message: 'FLEETLAB_WEBHOOK_MAX_AGE_HOURS must be a whole number between 1 and 168' })
  @Min(1, { message: 'FLEETLAB_WEBHOOK_MAX_AGE_HOURS must be a whole number between 1 and 168' })
  @Max(168, { message: 'FLEETLAB_WEBHOOK_MAX_AGE_HOURS must be a whole number between 1 and 168' })
  FLEETLAB_WEBHOOK_MAX_AGE_HOURS = 24;

  /**
   * Whether webhooks may post to loopback and private networks (127.0.0.0/8, 10/8,
   * 172.16/12, 192.168/16, 100.64/10, ::1, fc00::/7). Link-local and cloud metadata
   * addresses are refused whatever this says. Unset: allowed, except with
   * NODE_ENV=production (see `webhookAllowPrivate`).
   */
  @IsOptional()
  @Transform(toFlag)
  @IsBoolean({ message: 'FLEETLAB_WEBHOOK_ALLOW_PRIVATE must be 1 or 0 (true or false)' })
  FLEETLAB_WEBHOOK_ALLOW_PRIVATE?: boolean;

  /**
   * Evidence alerts (decision changed, guardrail worse, health check failed) wait until
   * every arm has this many opted-in hosts; below, intervals are too wide to trust (the
   * same bar as the "too few hosts" health check).
   */
  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_ALERT_MIN_HOSTS_PER_ARM must be a whole number between 0 and 1000000',
  })
  @Min(0, {
    message: 'FLEETLAB_ALERT_MIN_HOSTS_PER_ARM must be a whole number between 0 and 1000000',
  })
  @Max(1_000_000, {
    message: 'FLEETLAB_ALERT_MIN_HOSTS_PER_ARM must be a whole number between 0 and 1000000',
  })
  FLEETLAB_ALERT_MIN_HOSTS_PER_ARM = 10;

  /**
   * One condition (an experiment's guardrail, health check or decision) alerts at most
   * once in this many minutes, and one that clears and comes back within it does not
   * alert again: a flapping state alerts once.
   */
  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_ALERT_COOLDOWN_MINUTES must be a whole number between 0 and 10080',
  })
  @Min(0, {
    message: 'FLEETLAB_ALERT_COOLDOWN_MINUTES must be a whole number between 0 and 10080',
  })
  @Max(10_080, {
    message: 'FLEETLAB_ALERT_COOLDOWN_MINUTES must be a whole number between 0 and 10080',
  })
  FLEETLAB_ALERT_COOLDOWN_MINUTES = 60;

  /**
   * Who may do what. `local`: no sign-in, every visitor is the local admin (for the
   * embedded demo; refused with NODE_ENV=production). `tokens`: people send an API
   * token (or sign in with one, or with OIDC when FLEETLAB_OIDC_ISSUER is set).
   * Unset: `local`, or `tokens` with NODE_ENV=production.
   */
  @IsOptional()
  @IsIn(['local', 'tokens'], { message: 'FLEETLAB_AUTH must be local or tokens' })
  FLEETLAB_AUTH?: 'local' | 'tokens';

  /** An API token for the first admin, stored hashed at start; how a new deployment is entered. */
  @IsOptional()
  @Matches(/^flp_[A-Za-z0-9_-]{32,}$/, {
    message:
      'FLEETLAB_ADMIN_TOKEN must look like flp_ followed by at least 32 letters, digits, - or _ (e.g. flp_$(openssl rand -hex 24))',
  })
  FLEETLAB_ADMIN_TOKEN?: string;

  /** OIDC sign-in for the dashboard: the issuer URL; unset, people sign in with API tokens only. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message:
      'FLEETLAB_OIDC_ISSUER must be the issuer URL, e.g. https://id.example.org/realms/fleet',
  })
  FLEETLAB_OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  FLEETLAB_OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  FLEETLAB_OIDC_CLIENT_SECRET?: string;

  /** The ID token claim holding the role (viewer, owner or admin); missing: viewer. */
  @IsString()
  FLEETLAB_OIDC_ROLE_CLAIM = 'fleetlab_role';

  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_HOST_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  @Min(1, {
    message: 'FLEETLAB_HOST_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  @Max(1_000_000, {
    message: 'FLEETLAB_HOST_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  FLEETLAB_HOST_REQUESTS_PER_MINUTE = 120;

  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_PERSON_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  @Min(1, {
    message: 'FLEETLAB_PERSON_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  @Max(1_000_000, {
    message: 'FLEETLAB_PERSON_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  FLEETLAB_PERSON_REQUESTS_PER_MINUTE = 600;

  @Transform(toInt)
  @IsInt({
    message: 'FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  @Min(1, {
    message: 'FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  @Max(1_000_000, {
    message: 'FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE must be a whole number between 1 and 1000000',
  })
  FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE = 1200;

  /** Express's `trust proxy`: which proxies' X-Forwarded-For/-Proto to believe; unset: none. */
  @IsOptional()
  @IsString()
  FLEETLAB_TRUST_PROXY?: string;

  @IsString()
  FLEETLAB_CLIENT_DIR = 'client/dist';

  @IsIn(['development', 'production', 'test'], {
    message: 'NODE_ENV must be one of development, production, test',
  })
  NODE_ENV = 'development';

  /** Absolute path of the embedded database folder: FLEETLAB_DATA_DIR, or `.data` in the checkout. */
  get dataDir(): string {
    return path.resolve(REPO_ROOT, this.FLEETLAB_DATA_DIR ?? '.data');
  }

  /** Absolute path of the built dashboard. */
  get clientDir(): string {
    return path.resolve(REPO_ROOT, this.FLEETLAB_CLIENT_DIR);
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** FLEETLAB_WEBHOOK_ALLOW_PRIVATE, or its default for NODE_ENV. */
  get webhookAllowPrivate(): boolean {
    return this.FLEETLAB_WEBHOOK_ALLOW_PRIVATE ?? !this.isProduction;
  }

  /** FLEETLAB_AUTH, or its default for NODE_ENV. */
  get authMode(): 'local' | 'tokens' {
    return this.FLEETLAB_AUTH ?? (this.isProduction ? 'tokens' : 'local');
  }
}

export class ConfigError extends Error {}

/**
 * Reads and validates the configuration. Unset and empty variables take their
 * defaults; a bad value throws a ConfigError naming every variable that is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defaults = new AppConfig();
  const raw: Record<string, unknown> = {};
  const optional = [
    'DATABASE_URL',
    'FLEETLAB_PUBLIC_URL',
    'FLEETLAB_DATA_DIR',
    'FLEETLAB_AUTH',
    'FLEETLAB_ADMIN_TOKEN',
    'FLEETLAB_OIDC_ISSUER',
    'FLEETLAB_OIDC_CLIENT_ID',
    'FLEETLAB_OIDC_CLIENT_SECRET',
    'FLEETLAB_TRUST_PROXY',
    'FLEETLAB_WEBHOOK_ALLOW_PRIVATE',
  ];
  for (const key of Object.keys(defaults).concat(optional)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config);
  const lines = errors.map((error) => {
    const messages = Object.values(error.constraints ?? {});
    // A token is a secret: name the variable, never echo its value.
    const shown = /TOKEN|SECRET/.test(error.property)
      ? '(hidden)'
      : JSON.stringify(raw[error.property]);
    return `  ${error.property}=${shown}: ${messages[0] ?? 'is not valid'}`;
  });
  if (config.FLEETLAB_AUTH === 'local' && config.isProduction) {
    lines.push(
      '  FLEETLAB_AUTH="local": local mode makes every visitor an admin and is refused with NODE_ENV=production; use FLEETLAB_AUTH=tokens with FLEETLAB_ADMIN_TOKEN',
    );
  }
  if (config.isProduction && !config.FLEETLAB_PUBLIC_URL) {
    lines.push(
      '  FLEETLAB_PUBLIC_URL is needed with NODE_ENV=production: the address people reach Fleetlab at (e.g. https://fleetlab.example.org), which links in reports and the OIDC redirect point at; without it they would follow the Host header each caller chooses',
    );
  }
  if (config.FLEETLAB_WEBHOOK_RETRY_MIN_MS > config.FLEETLAB_WEBHOOK_RETRY_MAX_MS) {
    lines.push(
      `  FLEETLAB_WEBHOOK_RETRY_MIN_MS=${config.FLEETLAB_WEBHOOK_RETRY_MIN_MS} is more than FLEETLAB_WEBHOOK_RETRY_MAX_MS=${config.FLEETLAB_WEBHOOK_RETRY_MAX_MS}: the first wait between tries cannot be longer than the longest`,
    );
  }
  if (config.FLEETLAB_OIDC_ISSUER && !config.FLEETLAB_OIDC_CLIENT_ID) {
    lines.push(
      '  FLEETLAB_OIDC_CLIENT_ID is needed with FLEETLAB_OIDC_ISSUER: the client registered at the issuer',
    );
  }
  if (lines.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
