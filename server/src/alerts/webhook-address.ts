import { BlockList, isIP } from 'node:net';
import { urlWithoutPath } from '../common/url-without-path.js';

/**
 * Where a webhook may post. A webhook makes the server send requests where its creator
 * says, so it must not become a way into what only the server can reach (SSRF):
 * - NEVER: link-local addresses, where clouds answer with instance credentials
 *   (169.254.169.254, fd00:ec2::254), and addresses that are no host at all
 *   (unspecified, multicast, broadcast). Refused whatever the settings say.
 * - PRIVATE: loopback and private networks, where internal services live. Allowed only
 *   with FLEETLAB_WEBHOOK_ALLOW_PRIVATE (the default outside production, so a receiver
 *   on the same machine works for `npm start` and the tests).
 * - PUBLIC: everything else.
 */
export type AddressClass = 'PUBLIC' | 'PRIVATE' | 'NEVER';

const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addSubnet('240.0.0.0', 4, 'ipv4');
NEVER.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud's metadata service
NEVER.addSubnet('::', 128, 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');
NEVER.addAddress('fd00:ec2::254', 'ipv6'); // AWS's metadata service over IPv6

const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4');
PRIVATE.addSubnet('::1', 128, 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Names that stand for loopback or a metadata service whatever DNS says. */
const LOOPBACK_NAME = /^(localhost|.+\.localhost)\.?$/i;
const METADATA_NAME = /^(metadata|metadata\.google\.internal|metadata\.goog|instance-data)\.?$/i;

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:10.0.0.1, ::ffff:a00:1) stands for. */
function unmapped(address: string): string {
  const mapped = /^(?:0*:)*:?ffff:(.+)$/i.exec(address)?.[1];
  if (!mapped || !address.includes(':')) return address;
  if (isIP(mapped) === 4) return mapped;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(mapped);
  if (!hex) return address;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Which class an IP address (v4 or v6, as a string) falls in. Pure. */
export function classifyAddress(address: string): AddressClass {
  const plain = unmapped(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  if (NEVER.check(plain, family)) return 'NEVER';
  if (PRIVATE.check(plain, family)) return 'PRIVATE';
  // IPv4-compatible addresses (::a.b.c.d, deprecated) reach IPv4 hosts by other paths.
  if (family === 'ipv6' && /^::[0-9a-f]*[.:]/i.test(plain) && plain !== '::1') return 'NEVER';
  return 'PUBLIC';
}

/** Why a webhook may not reach `address` (`host` names it for people), or null when it may. */
export function addressRefusal(
  host: string,
  address: string,
  allowPrivate: boolean,
): string | null {
  const kind = classifyAddress(address);
  const shown = host === address ? address : `${host} (${address})`;
  if (kind === 'NEVER')
    return `${shown} is a link-local, metadata or otherwise special address, which webhooks may never reach`;
  if (kind === 'PRIVATE' && !allowPrivate)
    return `${shown} is a loopback or private address; set FLEETLAB_WEBHOOK_ALLOW_PRIVATE=1 to let webhooks reach your own network`;
  return null;
}

const MAX_URL_LENGTH = 2000;

/**
 * Why `value` cannot be a webhook's URL, or null when it can, as far as can be told
 * without DNS: an absolute http(s) URL whose host is not an address (or a name for
 * one) that webhooks may not reach. Names are checked again, resolved, at every
 * delivery (webhook-post.ts), since DNS can answer differently later. Pure.
 */
export function webhookUrlProblem(value: string, allowPrivate: boolean): string | null {
  if (value.length > MAX_URL_LENGTH)
    return `is ${value.length} characters long; keep it to ${MAX_URL_LENGTH} or fewer`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL; give the whole address, e.g. https://hooks.slack.com/services/…';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `must start with https:// or http://, not ${url.protocol}//`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') return 'has no host';
  if (METADATA_NAME.test(host))
    return `${host} is a cloud metadata service, which webhooks may never reach`;
  if (isIP(host)) return addressRefusal(host, host, allowPrivate);
  if (LOOPBACK_NAME.test(host)) return addressRefusal(host, '127.0.0.1', allowPrivate);
  return null;
}

/**
 * How a webhook's address is shown back: scheme, host and port only. Services such as
 * Slack and Matrix bridges put their secret in the path, so it is not shown again
 * (nor written to the audit log). Pure.
 */
export function shownUrl(value: string): string {
  return urlWithoutPath(value, '…') ?? '(not a URL)';
}
