import { pyIntFromString, pyStrip } from '../python/values';

/**
 * Media types as DRF 3.14 (on Django 3.2) handles them: `_MediaType`, parser
 * selection for Content-Type, renderer selection for Accept and `?format=`.
 */

export interface MediaType {
  readonly mainType: string;
  readonly subType: string;
  readonly params: ReadonlyMap<string, string>;
}

const ASCII_WHITESPACE = /^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g;

function bytesStrip(text: string): string {
  return text.replace(ASCII_WHITESPACE, '');
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Django's `parse_header`: `type/subtype; name=value; name="quoted"`. */
export function parseMediaType(text: string): MediaType {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    let end = rest.indexOf(';');
    while (end > 0 && countQuotes(rest.slice(0, end)) % 2 === 1) end = rest.indexOf(';', end + 1);
    if (end < 0) end = rest.length;
    parts.push(bytesStrip(rest.slice(0, end)));
    if (end >= rest.length) break;
    rest = rest.slice(end + 1);
  }
  const fullType = asciiLower(parts[0] ?? '');
  const params = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    let name = asciiLower(bytesStrip(part.slice(0, eq)));
    if (name.endsWith('*')) name = name.slice(0, -1);
    let value = bytesStrip(part.slice(eq + 1));
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    }
    params.set(name, value);
  }
  const slash = fullType.indexOf('/');
  return {
    mainType: slash < 0 ? fullType : fullType.slice(0, slash),
    subType: slash < 0 ? '' : fullType.slice(slash + 1),
    params,
  };
}

function countQuotes(text: string): number {
  return text.split('"').length - 1;
}

/** `_MediaType(lhs).match(_MediaType(rhs))`: does `rhs` satisfy `lhs`? */
function mediaTypeMatches(lhs: string, rhs: string): boolean {
  const a = parseMediaType(lhs);
  const b = parseMediaType(rhs);
  for (const [key, value] of a.params) {
    if (key !== 'q' && b.params.get(key) !== value) return false;
  }
  if (a.subType !== '*' && b.subType !== '*' && b.subType !== a.subType) return false;
  if (a.mainType !== '*' && b.mainType !== '*' && b.mainType !== a.mainType) return false;
  return true;
}

/** 3 for `type/sub; param=x`, 2 for `type/sub`, 1 for `type/*`, 0 for `*\/*`. */
function precedence(mediaType: MediaType): number {
  if (mediaType.mainType === '*') return 0;
  if (mediaType.subType === '*') return 1;
  const names = [...mediaType.params.keys()];
  if (names.length === 0 || (names.length === 1 && names[0] === 'q')) return 2;
  return 3;
}

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
export const MULTIPART_MEDIA_TYPE = 'multipart/form-data';
export const JSON_MEDIA_TYPE = 'application/json';

/** The first parser whose media type the request's Content-Type satisfies. */
export function selectParser(contentType: string, parsers: readonly string[]): string | null {
  return parsers.find((parser) => mediaTypeMatches(parser, contentType)) ?? null;
}

export interface Renderer {
  readonly mediaType: string;
  readonly format: string;
}

export const JSON_RENDERER: Renderer = { mediaType: JSON_MEDIA_TYPE, format: 'json' };
/** DRF's browsable API. The mock cannot draw it and answers JSON where DRF would. */
export const BROWSABLE_API_RENDERER: Renderer = { mediaType: 'text/html', format: 'api' };

export interface Accepted {
  readonly renderer: Renderer;
  /** The accepted media type, whose `indent` parameter the JSON renderer honours. */
  readonly mediaType: string;
}

/** Thrown where DRF raises Http404 (an unknown `?format=`) or NotAcceptable. */
export class NegotiationError extends Error {
  constructor(readonly reason: 'unknown-format' | 'not-acceptable') {
    super(reason);
  }
}

/** DRF's `DefaultContentNegotiation.select_renderer`. */
export function selectRenderer(
  accept: string | undefined,
  format: string | undefined,
  available: readonly Renderer[],
): Accepted {
  let renderers = available;
  if (format) {
    renderers = available.filter((r) => r.format === format);
    if (renderers.length === 0) throw new NegotiationError('unknown-format');
  }
  const accepts = (accept ?? '*/*').split(',').map((token) => pyStrip(token));
  const byPrecedence: string[][] = [[], [], [], []];
  for (const token of accepts) {
    const bucket = byPrecedence[3 - precedence(parseMediaType(token))];
    if (bucket && !bucket.includes(token)) bucket.push(token);
  }
  for (const tokens of byPrecedence) {
    for (const renderer of renderers) {
      for (const token of tokens) {
        if (!mediaTypeMatches(renderer.mediaType, token)) continue;
        const wanted = parseMediaType(token);
        if (precedence(parseMediaType(renderer.mediaType)) > precedence(wanted)) {
          const params = [...wanted.params].map(([key, value]) => `${key}=${value}`);
          return { renderer, mediaType: [renderer.mediaType, ...params].join(';') };
        }
        return { renderer, mediaType: token };
      }
    }
  }
  throw new NegotiationError('not-acceptable');
}

/** DRF's JSONRenderer pretty-prints when the accepted type says `indent=N` (0 to 8). */
export function indentOf(acceptedMediaType: string): number | undefined {
  const raw = parseMediaType(acceptedMediaType).params.get('indent');
  const parsed = raw === undefined ? null : pyIntFromString(raw);
  if (parsed === null) return undefined;
  const indent = Number(parsed < 0n ? 0n : parsed > 8n ? 8n : parsed);
  return indent === 0 ? undefined : indent;
}
