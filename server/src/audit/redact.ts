import { urlWithoutPath } from '../common/url-without-path.js';

/** Keys whose values are never stored or shown: secrets, tokens, passwords. */
const SECRET_KEY = /secret|token|password/i;
/**
 * A webhook's `url`: services such as Slack and Matrix bridges put their secret in its
 * path or query, so only its scheme, host and port are kept.
 */
const SECRET_URL_KEY = /^url$/i;
const MAX_STRING = 500;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as PostgreSQL can store it: a NUL or a lone UTF-16 surrogate (which refused
 * input may well carry, and which cutting a long text can make of an emoji) becomes
 * U+FFFD, so that storing the event never fails. Pure.
 */
export function storable(text: string): string {
  return text.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATES, '\ufffd');
}

/**
 * A copy of an operation's arguments fit for the audit log: secrets replaced by
 * `[redacted]`, long strings and lists shortened, NUL characters replaced. Pure.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return storable(
      value.length > MAX_STRING
        ? `${value.slice(0, MAX_STRING)}… (${value.length} characters)`
        : value,
    );
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => redact(item, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… and ${value.length - MAX_ITEMS} more`);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[storable(key)] = SECRET_KEY.test(key)
      ? '[redacted]'
      : SECRET_URL_KEY.test(key) && typeof item === 'string'
        ? redactUrl(item)
        : redact(item, depth + 1);
  }
  return out;
}

/** `https://hooks.slack.com/[redacted]`: where a URL points, without its path and query. */
function redactUrl(value: string): string {
  return storable(urlWithoutPath(value, '[redacted]') ?? '[redacted]');
}

/** What an operation acted on, read from its arguments: a slug, an id, a name. */
export function targetOf(args: Record<string, unknown>): string | null {
  const input = (args.input ?? {}) as Record<string, unknown>;
  for (const candidate of [
    args.experimentSlug,
    args.slug,
    args.id,
    args.name,
    input.slug,
    input.person,
    input.name,
    input.hostname,
  ]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate.slice(0, 200);
  }
  return null;
}
