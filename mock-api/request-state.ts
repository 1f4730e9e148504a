import type { IncomingMessage } from 'node:http';

/**
 * What the layers of the app tell each other about one request. Kept here, typed,
 * rather than in Express's untyped `res.locals`.
 */
export interface RequestState {
  /** The `pk` path segment the URL pattern captured, still a string (set by the URLconf). */
  pk?: string;
  /** The format suffix the URL pattern captured (`json` of `questions.json`), if any. */
  format?: string;
  /**
   * Set by a view that rewrote the request for json-server's router, which answers
   * only such requests; `indent` is the pretty-printing the client's Accept asked for.
   */
  forwardedToJsonServer?: { readonly indent: number | undefined };
}

const states = new WeakMap<IncomingMessage, RequestState>();

/** The state of this request, empty until a layer sets something. */
export function requestState(req: IncomingMessage): RequestState {
  let state = states.get(req);
  if (!state) {
    state = {};
    states.set(req, state);
  }
  return state;
}
