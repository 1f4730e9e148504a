import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parseQueryDict, TooManyFieldsSent } from '../django/query-string';
import type { PyValue } from '../python/values';
import {
  BROWSABLE_API_RENDERER,
  indentOf,
  JSON_RENDERER,
  NegotiationError,
  selectRenderer,
  type Accepted,
  type Renderer,
} from './media-types';
import { requestState } from '../request-state';
import { DEFAULT_PARSERS, readRequestData } from './request-data';
import { ApiError, drfErrors, sendJson } from './responses';

/** Who made the request, as an authentication class establishes it. */
export interface Credentials<User, Token> {
  readonly user: User;
  readonly token: Token;
}

/**
 * An authentication class: null when the request carries no credentials for it,
 * throws an ApiError (401) when it carries bad ones.
 */
export type Authenticate<User, Token> = (req: Request) => Credentials<User, Token> | null;

export interface ViewContext<User, Token> {
  readonly req: Request;
  readonly res: Response;
  readonly next: NextFunction;
  readonly credentials: Credentials<User, Token> | null;
  readonly accepted: Accepted;
  /** `request.data`: the body, read with the view's parsers the first time it is asked for. */
  data(): Promise<PyValue>;
  /** Sends data as this view's Response (pretty-printed if the Accept header asked). */
  respond(status: number, data: unknown): void;
}

export type Handler<User, Token> = (context: ViewContext<User, Token>) => void | Promise<void>;

export interface ViewSpec<User, Token> {
  /** The view name DRF shows in OPTIONS metadata. */
  readonly name: string;
  /** The description DRF shows in OPTIONS metadata (the view's docstring). */
  readonly description?: string;
  readonly renderers: readonly Renderer[];
  readonly parsers: readonly string[];
  /** IsAuthenticated when true, AllowAny (`permission_classes = ()`) when false. */
  readonly requiresAuthentication: boolean;
  /** The `actions` member of OPTIONS metadata, where DRF shows one. */
  readonly actions?: Readonly<Record<string, unknown>>;
  readonly handlers: { readonly GET?: Handler<User, Token>; readonly POST?: Handler<User, Token> };
}

/**
 * The project's REST_FRAMEWORK settings, which a view keeps unless it sets its own:
 * DRF's default renderer and parser classes, and IsAuthenticated.
 */
export const DEFAULT_VIEW_SETTINGS = {
  renderers: [JSON_RENDERER, BROWSABLE_API_RENDERER],
  parsers: DEFAULT_PARSERS,
  requiresAuthentication: true,
} as const;

/** The order of DRF's `http_method_names`, which is the order of the Allow header. */
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

/**
 * An APIView: `dispatch()` and `initial()` of DRF 3.14 in that order. Content
 * negotiation, then authentication, then permissions, then the method check, then
 * the handler; every response carries Allow (and Vary: Accept with several renderers).
 */
export function apiView<User, Token>(
  spec: ViewSpec<User, Token>,
  authenticate: Authenticate<User, Token>,
): RequestHandler {
  const methods = new Set<string>(['OPTIONS']);
  if (spec.handlers.GET) methods.add('GET').add('HEAD');
  if (spec.handlers.POST) methods.add('POST');
  const allow = METHOD_ORDER.filter((m) => methods.has(m)).join(', ');
  const metadata = {
    name: spec.name,
    description: spec.description ?? '',
    renders: spec.renderers.map((r) => r.mediaType),
    parses: spec.parsers,
    ...(spec.actions ? { actions: spec.actions } : {}),
  };

  return async (req, res, next) => {
    res.setHeader('Allow', allow);
    if (spec.renderers.length > 1) prependVary(res, 'Accept');
    // When negotiation itself fails DRF renders the error with the first renderer.
    let accepted: Accepted = { renderer: JSON_RENDERER, mediaType: JSON_RENDERER.mediaType };
    const respond = (status: number, data: unknown, headers: Record<string, string> = {}) =>
      sendJson(res, status, data, { indent: indentOf(accepted.mediaType), headers });
    try {
      accepted = negotiate(req, spec.renderers);
      const credentials = authenticate(req);
      if (spec.requiresAuthentication && credentials === null) throw drfErrors.notAuthenticated();
      if (req.method === 'OPTIONS') {
        respond(200, metadata);
        return;
      }
      const handler = req.method === 'HEAD' ? spec.handlers.GET : handlerFor(spec, req.method);
      if (!handler) throw drfErrors.methodNotAllowed(req.method);
      let data: Promise<PyValue> | undefined;
      const readData = () => (data ??= readRequestData(req, spec.parsers));
      await handler({ req, res, next, credentials, accepted, data: readData, respond });
    } catch (e) {
      if (!(e instanceof ApiError)) {
        next(e);
        return;
      }
      respond(e.status, e.data, { ...e.headers });
    }
  };
}

function handlerFor<User, Token>(spec: ViewSpec<User, Token>, method: string) {
  if (method === 'GET') return spec.handlers.GET;
  if (method === 'POST') return spec.handlers.POST;
  return undefined;
}

/** `?format=`, DRF's URL_FORMAT_OVERRIDE, as `request.query_params` gives it. */
export function formatOverride(req: Request): string | undefined {
  return parseQueryDict((req.url ?? '').split('?')[1] ?? '', 'utf-8').get('format');
}

function negotiate(req: Request, renderers: readonly Renderer[]): Accepted {
  try {
    // A format suffix wins, and then the query string is not read.
    const format = requestState(req).format || formatOverride(req);
    return selectRenderer(req.headers.accept, format, renderers);
  } catch (e) {
    if (e instanceof TooManyFieldsSent) throw new ApiError(400, { detail: e.message });
    if (!(e instanceof NegotiationError)) throw e;
    throw e.reason === 'unknown-format' ? drfErrors.notFound() : drfErrors.notAcceptable();
  }
}

/** DRF adds `Vary: Accept` before django-cors-headers adds `Origin`. */
function prependVary(res: Response, field: string): void {
  const existing = String(res.getHeader('Vary') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '' && v.toLowerCase() !== field.toLowerCase());
  res.setHeader('Vary', [field, ...existing].join(', '));
}
