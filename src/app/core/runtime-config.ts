import { tokenSafeOrigin } from '../../../api/origins';
import { AUTH_FLAVORS, type AuthFlavor } from '../../../api/paths';
import { DEFAULT_AUTH_FLAVOR } from './auth/auth-flavor';

/**
 * The settings a deployment gives the built app at start-up, so that one build serves any
 * of them: `config.json` beside index.html, which the server writes (deploy/nginx.conf
 * from its `api_origin` and `auth_flavor`, `ng serve` from the environment; the build
 * ships a default).
 */
export interface RuntimeConfig {
  /** The API's own origin, e.g. https://api.example.com; "" when it is the app's origin. */
  readonly apiOrigin: string;
  /** The API's token backend: which paths log in and out, and what they answer. */
  readonly authFlavor: AuthFlavor;
}

/** Relative to the page's base URL, as the build's other files are. */
export const RUNTIME_CONFIG_FILE = 'config.json';

/** Why the app could not start; its message is shown to the user as it is. */
export class RuntimeConfigError extends Error {}

/**
 * Reads a parsed `config.json`. The API origin must be one that may receive the token:
 * https, or http on loopback only, with nothing after the origin; the flavour one the app
 * knows, DRF's own authtoken when absent. A value that is not is refused, not guessed at.
 */
export function parseRuntimeConfig(body: unknown): RuntimeConfig {
  const fields: Record<string, unknown> =
    typeof body === 'object' && body !== null ? { ...body } : {};
  return {
    apiOrigin: readApiOrigin(fields['apiOrigin']),
    authFlavor: readAuthFlavor(fields['authFlavor']),
  };
}

function readApiOrigin(apiOrigin: unknown): string {
  if (apiOrigin === undefined || apiOrigin === '') return '';
  const origin = typeof apiOrigin === 'string' ? tokenSafeOrigin(apiOrigin) : undefined;
  if (origin === undefined) {
    throw new RuntimeConfigError(
      `${RUNTIME_CONFIG_FILE}: apiOrigin must be an https origin such as https://api.example.com, or http on this machine (got ${JSON.stringify(apiOrigin)}).`,
    );
  }
  return origin;
}

function readAuthFlavor(authFlavor: unknown): AuthFlavor {
  if (authFlavor === undefined) return DEFAULT_AUTH_FLAVOR;
  const known = AUTH_FLAVORS.find((name) => name === authFlavor);
  if (known === undefined) {
    throw new RuntimeConfigError(
      `${RUNTIME_CONFIG_FILE}: authFlavor must be one of ${AUTH_FLAVORS.join(', ')} (got ${JSON.stringify(authFlavor)}).`,
    );
  }
  return known;
}

/**
 * Fetches and reads `config.json`. A missing file, an answer that is not JSON, or no
 * answer at all is a {@link RuntimeConfigError} that says which.
 */
export async function loadRuntimeConfig(
  baseUrl: string,
  fetchFile: typeof fetch = fetch,
): Promise<RuntimeConfig> {
  const url = new URL(RUNTIME_CONFIG_FILE, baseUrl).href;
  let response: Response;
  try {
    response = await fetchFile(url);
  } catch {
    throw new RuntimeConfigError(
      `Cannot reach the server to load ${RUNTIME_CONFIG_FILE}. Check the connection and reload.`,
    );
  }
  if (!response.ok) {
    throw new RuntimeConfigError(
      `${RUNTIME_CONFIG_FILE} could not be loaded (error ${response.status}): the app is not deployed completely.`,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new RuntimeConfigError(`${RUNTIME_CONFIG_FILE} is not valid JSON.`);
  }
  return parseRuntimeConfig(body);
}
