import { Agent, request } from 'node:http';

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

// One keep-alive agent, as a browser or an API client would hold a connection open:
// the login timings then measure the server's work, not TCP setup.
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Sends a request with an optional JSON body and parses a JSON answer (undefined if empty). */
export function requestJson(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  options: { headers?: Record<string, string>; json?: unknown } = {},
): Promise<JsonResponse> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({
            status: res.statusCode ?? 0,
            body: text === '' ? undefined : JSON.parse(text),
          });
        } catch (error) {
          reject(
            new Error(`${method} ${url}: answer is not JSON: ${text.slice(0, 200)}`, {
              cause: error,
            }),
          );
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Like requestJson, but throws unless the status is the expected one. */
export async function expectJson(
  status: number,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  options: { headers?: Record<string, string>; json?: unknown } = {},
): Promise<unknown> {
  const response = await requestJson(method, url, options);
  if (response.status !== status) {
    throw new Error(
      `${method} ${url}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

/** Closes the idle keep-alive sockets so the process can exit. */
export function closeConnections(): void {
  agent.destroy();
}
