import { readFileSync } from 'node:fs';
import type { Request, RequestHandler, Response } from 'express';
import { parse, stringify } from 'yaml';
import { OPENAPI_SCHEMA_FILE } from '../../api/openapi-validate';
import { formatOverride } from './api-view';
import {
  indentOf,
  NegotiationError,
  selectRenderer,
  type Accepted,
  type Renderer,
} from './media-types';
import { ApiError, drfErrors, renderJson } from './responses';

/** drf-spectacular's renderers, in SpectacularAPIView's order: YAML first. */
const YAML_RENDERER: Renderer = { mediaType: 'application/vnd.oai.openapi', format: 'yaml' };
const RENDERERS: readonly Renderer[] = [
  YAML_RENDERER,
  { mediaType: 'application/yaml', format: 'yaml' },
  { mediaType: 'application/vnd.oai.openapi+json', format: 'json' },
  { mediaType: 'application/json', format: 'json' },
];

/** The `code` of the ErrorDetail behind each error this view raises. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
};

/** What DRF's OPTIONS answer says of the view (SimpleMetadata). */
const METADATA = {
  name: 'Spectacular Api',
  description:
    'OpenApi3 schema for this API. Format can be selected via content negotiation.\n\n' +
    '- YAML: application/vnd.oai.openapi\n- JSON: application/vnd.oai.openapi+json',
  renders: RENDERERS.map((renderer) => renderer.mediaType),
  parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
};

/**
 * drf-spectacular's SpectacularAPIView, serving the committed schema (api/openapi.yaml,
 * which drf-server generates) as drf-server does with `SERVE_AUTHENTICATION: []`: to
 * anyone, a token or a stale one ignored. YAML unless
 * `?format=json` or the Accept header picks JSON, by DRF's content negotiation over the
 * view's four renderers; an unknown `?format=` is a 404 and an Accept it cannot meet a
 * 406, both in YAML, the first renderer. YAML answers say `charset=utf-8`, JSON answers
 * are indented by 4 (or the Accept's `indent`), and the schema comes with drf-spectacular's
 * `Content-Disposition` (`inline; filename="Polls API.yaml"`). The URLconf routes
 * `SCHEMA_PATH` (api/paths.ts) here.
 */
export function schemaView(file = OPENAPI_SCHEMA_FILE): RequestHandler {
  const yaml = readFileSync(file, 'utf8');
  const schema: unknown = parse(yaml);
  const title = titleOf(schema);
  return (req, res, next) => {
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    // DRF adds Accept before django-cors-headers' Origin.
    res.setHeader('Vary', ['Accept', res.getHeader('Vary')].filter(Boolean).join(', '));
    // When negotiation itself fails DRF renders the error with the first renderer.
    let accepted: Accepted = { renderer: YAML_RENDERER, mediaType: YAML_RENDERER.mediaType };
    try {
      accepted = negotiate(req);
      if (req.method === 'OPTIONS') {
        send(res, 200, accepted, METADATA);
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        const filename = `${title}.${accepted.renderer.format}`;
        res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
        send(res, 200, accepted, schema, yaml);
      } else {
        throw drfErrors.methodNotAllowed(req.method ?? '');
      }
    } catch (e) {
      if (!(e instanceof ApiError)) {
        next(e);
        return;
      }
      send(res, e.status, accepted, errorData(e, accepted.renderer));
    }
  };
}

function negotiate(req: Request): Accepted {
  try {
    return selectRenderer(req.headers.accept, formatOverride(req), RENDERERS);
  } catch (e) {
    if (!(e instanceof NegotiationError)) throw e;
    throw e.reason === 'unknown-format' ? drfErrors.notFound() : drfErrors.notAcceptable();
  }
}

/**
 * The error's data as the renderer shows it: JSON gives each message as a string; the
 * YAML renderer dumps DRF's ErrorDetail as its string and its code.
 */
function errorData(error: ApiError, renderer: Renderer): unknown {
  if (renderer.format !== 'yaml') return error.data;
  return { detail: { string: error.message, code: ERROR_CODES[error.status] ?? 'error' } };
}

/** Sends `data` in the accepted format; `yamlText` is the data already rendered as YAML. */
function send(
  res: Response,
  status: number,
  accepted: Accepted,
  data: unknown,
  yamlText?: string,
): void {
  const { renderer } = accepted;
  const isYaml = renderer.format === 'yaml';
  const body = isYaml
    ? // PyYAML's layout: a list under a key is not indented.
      Buffer.from(yamlText ?? stringify(data, { indentSeq: false }), 'utf8')
    : renderJson(data, indentOf(accepted.mediaType) ?? 4);
  res.statusCode = status;
  res.setHeader(
    'Content-Type',
    isYaml ? `${renderer.mediaType}; charset=utf-8` : renderer.mediaType,
  );
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

function titleOf(schema: unknown): string {
  const info = typeof schema === 'object' && schema !== null && 'info' in schema ? schema.info : {};
  const title = typeof info === 'object' && info !== null && 'title' in info ? info.title : '';
  return typeof title === 'string' && title !== '' ? title : 'schema';
}
