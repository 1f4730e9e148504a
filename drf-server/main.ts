/**
 * `npm run drf-server`: the tutorial's Django REST framework server from Debian's
 * packages, under gunicorn on 127.0.0.1:8000, with its database and secret key in
 * drf-server/data/ (or DRF_SERVER_DATA_DIR). It migrates the database and loads the mock
 * API's seed into a new one; `--reset` restores the seed. The DRF_SERVER_* variables it
 * is given switch on the misconfigurations that drf-server/README.md lists, and djoser's
 * endpoints (DRF_SERVER_DJOSER=1).
 *
 * Exit codes: 2 for a bad argument, 1 for a missing package, a failed start, or a server
 * that ended by itself; after Ctrl-C or SIGTERM the server is stopped and the exit code
 * is 128 + the signal's number.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DRF_SERVER_DATA_DIR, foreground, startDrfServer } from '../scripts/servers';

const USAGE = 'usage: npm run drf-server -- [--port N] [--reset]';
const DEFAULT_PORT = 8000;

const run = foreground();

/** A mistake on the command line: printed as one line, exit code 2. */
class UsageError extends Error {}

function parse(argv: readonly string[]): { port: number; reset: boolean; help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        reset: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.split(/\.\s/)[0]} (${USAGE})`);
  }
  const text = values.port ?? String(DEFAULT_PORT);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${text}" (${USAGE})`);
  }
  return { port, reset: values.reset ?? false, help: values.help ?? false };
}

/** The first sentence of a failed start; the server's output is on the lines above it. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').split(/\.\s/)[0] ?? '';
}

async function main(): Promise<void> {
  const { port, reset, help } = parse(process.argv.slice(2));
  if (help) {
    console.log(
      [
        USAGE,
        '',
        `--port N   listen on 127.0.0.1:N (default ${DEFAULT_PORT}; 0 picks a free one)`,
        '--reset    restore the seed: its users, questions and votes, with new keys',
        '',
        'Environment (drf-server/README.md has the details):',
        '  DRF_SERVER_DATA_DIR=DIR           the database and secret key (default drf-server/data)',
        "  DRF_SERVER_DJOSER=1               djoser's /auth/token/login/ and logout/ as well",
        '  DRF_SERVER_CORS_ORIGINS=A,B       CORS_ALLOWED_ORIGINS, besides the local origins',
        '  DRF_SERVER_ALLOWED_HOSTS=A,B      ALLOWED_HOSTS instead of the loopback names',
        '  DRF_SERVER_SESSION_AUTH_FIRST=1   misconfigured: SessionAuthentication first',
        '  DRF_SERVER_TOKEN_KEYWORD=Bearer   misconfigured: another token keyword',
        '  DRF_SERVER_ALLOW_ANY=1            misconfigured: AllowAny instead of IsAuthenticated',
        '  DRF_SERVER_NO_LOGOUT=1            misconfigured: no logout view',
        "  PYTHON=/path/to/python3           an interpreter with Debian's Django packages",
      ].join('\n'),
    );
    return;
  }
  const given = process.env['DRF_SERVER_DATA_DIR'];
  const dataDir = given ? resolve(given) : DRF_SERVER_DATA_DIR;
  const switches = Object.entries(process.env).filter(([name]) => name.startsWith('DRF_SERVER_'));
  const server = await startDrfServer({
    dataDir,
    reset,
    port,
    env: Object.fromEntries(switches),
    requestLog: true,
    // Its ready line first, then one line per request.
    onLine: (line) => console.log(line),
  });
  await run.watch('drf-server', [server]);
}

main().catch(async (error: unknown) => {
  // A start that fails because Ctrl-C stopped it is no error.
  if (!run.stopping) console.error(`drf-server: ${oneLine(error)}`);
  await run.shutDown(error instanceof UsageError ? 2 : 1);
});
