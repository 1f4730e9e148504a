import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, RequestHandler } from 'express';
import { create as createJsonServer } from 'json-server';
import type { RequestHandler as Handler } from 'express';
import type { AuthFlavor } from '../api/paths';
import { logoutView, obtainAuthTokenView, type AccountsDeps } from './auth/accounts';
import { restLoginView, restLogoutView } from './auth/dj-rest-auth';
import { djoserLoginView, djoserLogoutView } from './auth/djoser';
import {
  KNOX_DEFAULT_TTL_SECONDS,
  knoxLoginView,
  knoxLogoutAllView,
  knoxLogoutView,
  knoxTokenAuthentication,
} from './auth/knox';
import { AuthStore, type User } from './auth/auth-store';
import { LoginThrottle } from './auth/login-throttle';
import { tokenAuthentication } from './auth/token-authentication';
import { dataFiles, ensureDataDir } from './data-dir';
import { allowedHosts, securityHeaders, urlRouting } from './django/middleware';
import type { RouteName } from './django/urls';
import type { Authenticate } from './drf/api-view';
import { apiRootView } from './drf/api-root';
import { schemaView } from './drf/schema-view';
import { djangoCors } from './http/cors';
import { answerClientError, finalErrorHandler, notFound } from './http/errors';
import { requestLog } from './http/request-log';
import { PollsStore } from './polls/polls-store';
import { questionDetailView, questionListView, renderQuestions, voteView } from './polls/questions';
import { requestState } from './request-state';

export interface AppOptions {
  /** The data directory; created from the seed when it does not exist. */
  readonly dataDir: string;
  /**
   * The token backend whose login and logout are served (default `authtoken`, the
   * tutorial's own views); the polls API is the same with each.
   */
  readonly flavor?: AuthFlavor;
  /**
   * Tokens expire this many seconds after they were issued (never when undefined);
   * with knox, its TOKEN_TTL (10 hours when undefined).
   */
  readonly tokenTtlSeconds?: number;
  /**
   * Origins allowed CORS besides the local ones, as django-cors-headers'
   * CORS_ALLOWED_ORIGINS: `null` or `http(s)://host[:port]` as a browser sends it.
   * createApp throws on any other value.
   */
  readonly corsAllowedOrigins?: readonly string[];
  /** Receives one line per request; no request log when omitted. */
  readonly log?: (line: string) => void;
  /** Receives reports of unexpected errors; stderr by default. */
  readonly report?: (message: string) => void;
}

export interface ServerOptions extends AppOptions {
  /** 0 picks a free port. Default 3000. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

/** The mock API listening in this process. */
export interface ListeningServer {
  /** `http://HOST:PORT`, with the port actually bound. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  /** Stops accepting connections, ends open ones, resolves once closed. */
  close(): Promise<void>;
}

const reportToStderr = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Builds the app. The middleware order is the security model: nothing reaches a view
 * without passing the URLconf, nothing reaches json-server without a view forwarding it,
 * and inside each view DRF's own order holds (negotiation, authentication, permission,
 * method, then the handler).
 */
export function createApp(options: AppOptions): Express {
  // First, so a bad origin fails before the data directory is touched.
  const cors = djangoCors(options.corsAllowedOrigins);
  const report = options.report ?? reportToStderr;
  ensureDataDir(options.dataDir);
  const files = dataFiles(options.dataDir);
  const auth = AuthStore.open(files.auth);
  const polls = PollsStore.open(files.polls);
  polls.router.render = renderQuestions;

  const accounts: AccountsDeps = {
    store: auth,
    throttle: new LoginThrottle(),
    authenticate: tokenAuthentication(auth, { tokenTtlSeconds: options.tokenTtlSeconds }),
    tokenTtlSeconds: options.tokenTtlSeconds,
  };
  const flavor = options.flavor ?? 'authtoken';
  const { authenticate, views: authViews } = flavorViews(flavor, accounts);
  const questions = { store: polls, authenticate };
  const app = createJsonServer();
  app.disable('x-powered-by');
  app.disable('etag');
  if (options.log) app.use(requestLog(options.log));
  app.use(cors);
  app.use(securityHeaders);
  app.use(reloadChangedData([auth, polls], report));
  app.use(allowedHosts);
  app.use(
    urlRouting(
      {
        ...authViews,
        schema: schemaView(),
        'api-root': apiRootView({ questions: 'question-list' }, authenticate),
        'question-list': questionListView(questions),
        'question-detail': questionDetailView(questions),
        'question-vote': voteView(questions),
      },
      flavor,
    ),
  );
  app.use(onlyForwarded(polls.router));
  app.use(notFound);
  app.use(finalErrorHandler(report));
  return app;
}

/**
 * The flavour's login and logout views, and the authentication class of the project's
 * REST_FRAMEWORK settings: knox's own with knox, DRF's TokenAuthentication otherwise.
 */
function flavorViews(
  flavor: AuthFlavor,
  accounts: AccountsDeps,
): { authenticate: Authenticate<User, unknown>; views: Partial<Record<RouteName, Handler>> } {
  switch (flavor) {
    case 'authtoken':
      return {
        authenticate: accounts.authenticate,
        views: { 'obtain-auth-token': obtainAuthTokenView(accounts), logout: logoutView(accounts) },
      };
    case 'djoser':
      return {
        authenticate: accounts.authenticate,
        views: {
          'djoser-login': djoserLoginView(accounts),
          'djoser-logout': djoserLogoutView(accounts),
        },
      };
    case 'dj-rest-auth':
      return {
        authenticate: accounts.authenticate,
        views: { 'rest-login': restLoginView(accounts), 'rest-logout': restLogoutView(accounts) },
      };
    case 'knox': {
      const knox = {
        store: accounts.store,
        throttle: accounts.throttle,
        authenticate: knoxTokenAuthentication(accounts.store),
        ttlSeconds: accounts.tokenTtlSeconds ?? KNOX_DEFAULT_TTL_SECONDS,
      };
      return {
        authenticate: knox.authenticate,
        views: {
          'knox-login': knoxLoginView(knox),
          'knox-logout': knoxLogoutView(knox),
          'knox-logoutall': knoxLogoutAllView(knox),
        },
      };
    }
  }
}

/** Files replaced by the CLI (createuser, token, reset) are picked up on the next request. */
function reloadChangedData(
  stores: readonly { reloadIfChanged(): void }[],
  report: (message: string) => void,
): RequestHandler {
  return (_req, _res, next) => {
    for (const store of stores) {
      try {
        store.reloadIfChanged();
      } catch (e) {
        report(`mock-api: keeping the data in memory: ${e instanceof Error ? e.message : e}`);
      }
    }
    next();
  };
}

/** json-server's router answers only the reads a view rewrote for it. */
function onlyForwarded(router: RequestHandler): RequestHandler {
  return (req, res, next) =>
    requestState(req).forwardedToJsonServer ? router(req, res, next) : next();
}

/**
 * Builds the app and listens with it in this process (the harness's `startServer`, in
 * scripts/servers.ts, spawns the CLI instead); `port: 0` picks a free one.
 */
export async function listenMockApi(options: ServerOptions): Promise<ListeningServer> {
  const app = createApp(options);
  // Django's development server answers requests without a Host too (see getHost).
  const server = createServer({ requireHostHeader: false }, app);
  server.on('clientError', answerClientError);
  const requestedHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, requestedHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = requestedHost.includes(':') ? `[${requestedHost}]` : requestedHost;
  return {
    url: `http://${host}:${port}`,
    host: requestedHost,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
