import { VerbatimError } from '../core/errors.js';

/** Bot tokens are three base64url parts joined by dots: user id, timestamp, HMAC. */
const tokenShape = /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/;

/** Returns the token, or throws DISCORD_TOKEN_INVALID before anything tries to connect with it. */
export function checkTokenShape(token: string | null): string {
  if (token === null || !tokenShape.test(token)) {
    throw new VerbatimError('DISCORD_TOKEN_INVALID');
  }
  return token;
}

/** The bot's user id (= its application id) is the token's first part, base64url-encoded. */
export function applicationIdFromToken(token: string): string | null {
  const [firstPart = ''] = token.split('.');
  const decoded = Buffer.from(firstPart, 'base64url').toString('utf8');
  return /^\d{17,20}$/.test(decoded) ? decoded : null;
}
