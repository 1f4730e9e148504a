import type { IncomingMessage } from 'node:http';
import { pyRepr } from '../python/values';
import { SuspiciousOperation } from './exceptions';

/** Raised by `getHost` for a Host header that is not a valid domain name. */
export class DisallowedHost extends SuspiciousOperation {}

// Django's host_validation_re: a domain or a bracketed IPv6 address, and a port.
const HOST_VALIDATION = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:\d+)?$/;

/** Django's `split_domain_port`: `['', '']` for a host that is not valid. */
export function splitDomainPort(host: string): [domain: string, port: string] {
  const lower = host.toLowerCase();
  if (!HOST_VALIDATION.test(lower)) return ['', ''];
  if (lower.endsWith(']')) return [lower, ''];
  const colon = lower.lastIndexOf(':');
  const [domain, port] = colon < 0 ? [lower, ''] : [lower.slice(0, colon), lower.slice(colon + 1)];
  return [domain.endsWith('.') ? domain.slice(0, -1) : domain, port];
}

/**
 * `request.get_host()` with `ALLOWED_HOSTS = ['*']`: the Host header as sent (repeated
 * headers joined with commas, as the WSGI server joins them), or without one the
 * server's own address (PEP 333's SERVER_NAME and SERVER_PORT). Any valid domain is
 * allowed; anything else raises DisallowedHost, with Django's message.
 */
export function getHost(req: IncomingMessage): string {
  const sent = req.headersDistinct['host'];
  const host = sent ? sent.join(',') : serverAddress(req);
  const [domain] = splitDomainPort(host);
  if (domain) return host;
  throw new DisallowedHost(
    `Invalid HTTP_HOST header: ${pyRepr(host)}. ` +
      'The domain name provided is not valid according to RFC 1034/1035.',
  );
}

function serverAddress(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '';
  const name = address.includes(':') ? `[${address}]` : address;
  const port = req.socket.localPort;
  return port === undefined || port === 80 ? name : `${name}:${port}`;
}

/**
 * `request.build_absolute_uri(location)` for an absolute path: the development server
 * speaks plain HTTP, so the scheme is always `http`.
 */
export function buildAbsoluteUri(req: IncomingMessage, path: string): string {
  return `http://${getHost(req)}${path}`;
}
