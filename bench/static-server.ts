import { readFile, stat } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** The API paths the app calls with relative URLs, as the dev proxy forwards them. */
const API_PREFIXES = ['/accounts/', '/polls/api/'];

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a production build the way a web server in front of Django would: files from
 * `root`, index.html for any other path without an extension (client-side routes), and
 * the API paths proxied to `apiUrl`. `pages` adds fixed HTML pages (the baselines).
 * Uncompressed and uncached: on loopback that costs nothing, and every run starts cold.
 */
export async function startStaticServer(
  root: string,
  apiUrl: string,
  pages: Readonly<Record<string, string>> = {},
): Promise<StaticServer> {
  const api = new URL(apiUrl);
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) return proxy(req, res, api);
    const page = pages[path];
    if (page !== undefined) return send(res, 200, TYPES['.html'], page);
    serveFile(base, path, res).catch((error: unknown) =>
      send(res, 500, 'text/plain', `static server: ${String(error)}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serveFile(root: string, path: string, res: ServerResponse): Promise<void> {
  // normalize() folds "..", and the prefix check keeps every read inside root.
  const file = normalize(join(root, decodeURIComponent(path)));
  const inside = file.startsWith(root + sep);
  const isFile = inside && (await stat(file).catch(() => null))?.isFile() === true;
  if (isFile)
    return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
  if (extname(path) !== '') return send(res, 404, 'text/plain', 'Not found');
  send(res, 200, TYPES['.html'], await readFile(join(root, 'index.html')));
}

function send(
  res: ServerResponse,
  status: number,
  type: string | undefined,
  body: string | Buffer,
): void {
  res.writeHead(status, { 'Content-Type': type ?? 'text/plain', 'Cache-Control': 'no-store' });
  res.end(body);
}

function proxy(req: IncomingMessage, res: ServerResponse, api: URL): void {
  const upstream = request(
    {
      host: api.hostname,
      port: api.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: api.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => send(res, 502, 'text/plain', `proxy: ${error.message}`));
  req.pipe(upstream);
}
