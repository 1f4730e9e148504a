// json-server 0.17 ships no type declarations; this covers the part of its module API
// the mock uses.
declare module 'json-server' {
  import type { Express, Request, Response, Router } from 'express';

  /** The lowdb instance behind a json-server router. */
  export interface LowdbLike {
    getState(): unknown;
    setState(state: object): LowdbLike;
  }

  export interface JsonServerRouter extends Router {
    readonly db: LowdbLike;
    /** Called with `res.locals.data` set (or unset when nothing matched). */
    render: (req: Request, res: Response) => void;
  }

  export function create(): Express;
  export function router(
    source: object | string,
    options?: { foreignKeySuffix?: string },
  ): JsonServerRouter;
}
