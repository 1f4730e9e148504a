/**
 * A small client for the polls API with DRF token authentication: what the tutorial's
 * "Python Requests" homework does, in TypeScript on Node's fetch. It works against the
 * mock API and, unchanged, against a real Django REST Framework server.
 */
import { drfErrorMessage } from '../api/drf-errors';
import { API_PATHS } from '../api/paths';
import type { Choice, Question, TokenResponse, VoteRequest } from '../api/types';

/** The server answered with an error status; the message is the server's own wording. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No usable HTTP answer: connection refused, unknown host, timeout, or not a polls API. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export interface PollsClientOptions {
  /** Give up on a request after this long; a hung server should not hang a script. */
  readonly timeoutMs?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTokenResponse(value: unknown): value is TokenResponse {
  return isRecord(value) && typeof value['token'] === 'string' && value['token'] !== '';
}

function isChoice(value: unknown): value is Choice {
  return (
    isRecord(value) &&
    typeof value['id'] === 'number' &&
    typeof value['choice_text'] === 'string' &&
    typeof value['votes'] === 'number'
  );
}

function isQuestion(value: unknown): value is Question {
  return (
    isRecord(value) &&
    typeof value['id'] === 'number' &&
    typeof value['question_text'] === 'string' &&
    typeof value['pub_date'] === 'string' &&
    Array.isArray(value['choices']) &&
    value['choices'].every(isChoice)
  );
}

/** Why fetch could not get an answer, from the system error undici wraps in `cause`. */
function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? error.cause : undefined;
  // Connecting to a name with several addresses fails with an AggregateError whose
  // entries carry the codes.
  const first = isRecord(cause) && Array.isArray(cause['errors']) ? cause['errors'][0] : cause;
  const code = isRecord(first) ? first['code'] : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
  }
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One user's session with a polls API. The token lives in a private field only, so it
 * never shows up when the client is logged or inspected.
 */
export class PollsClient {
  readonly baseUrl: string;
  readonly #timeoutMs: number;
  #token: string | undefined;

  /** `baseUrl` is the server root, e.g. `http://127.0.0.1:3000`; a trailing slash is fine. */
  constructor(baseUrl: string, options: PollsClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  get loggedIn(): boolean {
    return this.#token !== undefined;
  }

  /** Exchanges the credentials for the user's token (DRF's `obtain_auth_token`). */
  async logIn(username: string, password: string): Promise<void> {
    const body = await this.#request('POST', API_PATHS.login, {
      username,
      password,
    });
    if (!isTokenResponse(body)) {
      throw new ConnectionError(
        `Unexpected answer from ${this.baseUrl}: no token in the login response`,
      );
    }
    this.#token = body.token;
  }

  async listQuestions(): Promise<Question[]> {
    const body = await this.#request('GET', API_PATHS.questions);
    if (!Array.isArray(body) || !body.every(isQuestion)) {
      throw this.#unexpected('the question list');
    }
    return body;
  }

  async getQuestion(id: number): Promise<Question> {
    const body = await this.#request('GET', API_PATHS.question(id));
    if (!isQuestion(body)) throw this.#unexpected(`question ${id}`);
    return body;
  }

  /** Adds one vote to a choice; the server counts it and answers with the updated question. */
  async vote(questionId: number, choiceId: number): Promise<Question> {
    const vote: VoteRequest = { choice: choiceId };
    const body = await this.#request('POST', API_PATHS.vote(questionId), vote);
    if (!isQuestion(body)) throw this.#unexpected(`the vote on question ${questionId}`);
    return body;
  }

  /**
   * Deletes the token on the server. DRF keeps one token per user, so this also ends
   * every other session of that user (a browser logged in as them, say).
   */
  async logOut(): Promise<void> {
    await this.#request('POST', API_PATHS.logout);
    this.#token = undefined;
  }

  #unexpected(what: string): ConnectionError {
    return new ConnectionError(`Unexpected answer from ${this.baseUrl} for ${what}`);
  }

  /** Sends one request and returns the parsed JSON body, or undefined for an empty one. */
  async #request(method: 'GET' | 'POST', path: string, json?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#token !== undefined) headers['Authorization'] = `Token ${this.#token}`;

    let response: Response;
    let text: string;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new ConnectionError(`Cannot reach ${this.baseUrl}: ${networkReason(error)}`);
    }

    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const message = drfErrorMessage(body) ?? `HTTP ${response.status} ${response.statusText}`;
      throw new ApiError(response.status, message);
    }
    if (text !== '' && body === undefined) throw this.#unexpected(`${method} ${path}`);
    return body;
  }
}
