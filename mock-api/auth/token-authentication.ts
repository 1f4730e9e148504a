import type { Request } from 'express';
import type { Authenticate } from '../drf/api-view';
import { drfErrors } from '../drf/responses';
import type { AuthStore, Token, User } from './auth-store';

export interface TokenAuthenticationOptions {
  /** Tokens older than this many seconds are expired (off when undefined). */
  readonly tokenTtlSeconds?: number;
  readonly now?: () => number;
}

// Python's bytes.split() splits on ASCII whitespace only.
const BYTES_WHITESPACE = /[ \t\n\r\v\f]+/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether a token has outlived the TTL (when there is one). */
export function isExpired(token: Token, ttlSeconds: number | undefined, now: number): boolean {
  return ttlSeconds !== undefined && now - Date.parse(token.created) >= ttlSeconds * 1000;
}

/**
 * The key of a `Token <key>` header, as the bytes Django sees (Node hands them over as
 * Latin-1) split on whitespace: null without the `Token` keyword (no credentials), a
 * 401 for a keyword without a key or with more than one word after it. DRF's
 * TokenAuthentication and knox's share this part, message for message.
 */
export function tokenWord(req: Request): string | null {
  const header = req.headers.authorization ?? '';
  const words = header.split(BYTES_WHITESPACE).filter((w) => w !== '');
  if (words.length === 0 || words[0]?.toLowerCase() !== 'token') return null;
  if (words.length === 1) {
    throw drfErrors.authenticationFailed('Invalid token header. No credentials provided.');
  }
  if (words.length > 2) {
    throw drfErrors.authenticationFailed(
      'Invalid token header. Token string should not contain spaces.',
    );
  }
  return words[1] ?? '';
}

/** The header's Latin-1 text read back as UTF-8 bytes, or null when they are not UTF-8. */
export function decodeUtf8(latin1: string): string | null {
  try {
    return strictUtf8.decode(Buffer.from(latin1, 'latin1'));
  } catch {
    return null;
  }
}

/**
 * DRF's TokenAuthentication, message for message. The header's bytes are what Django
 * sees (Node hands them over as Latin-1), split on whitespace: no `Token` keyword means
 * no credentials, anything else malformed is a 401.
 */
export function tokenAuthentication(
  store: AuthStore,
  options: TokenAuthenticationOptions = {},
): Authenticate<User, Token> {
  const now = options.now ?? Date.now;
  return (req: Request) => {
    const word = tokenWord(req);
    if (word === null) return null;
    const key = decodeUtf8(word);
    if (key === null) {
      throw drfErrors.authenticationFailed(
        'Invalid token header. Token string should not contain invalid characters.',
      );
    }
    const found = store.findToken(key);
    if (!found) throw drfErrors.authenticationFailed('Invalid token.');
    if (isExpired(found.token, options.tokenTtlSeconds, now())) {
      store.deleteToken(found.token.key);
      throw drfErrors.authenticationFailed('Invalid token.');
    }
    if (!found.user.is_active) throw drfErrors.authenticationFailed('User inactive or deleted.');
    return { user: found.user, token: found.token };
  };
}
