/**
 * Client tokens: the browser's credential for one session (beltic-api.md §3).
 *
 * Format: `bvt.<base64url(JSON claims)>.<base64url(HMAC-SHA256("bvt.<claims>", secret))>`.
 * The claims name the session, the issue and expiry times and a random id, and nothing secret:
 * anyone holding the token can read them, only the holder of the secret can mint one.
 * Web Crypto only, so it runs wherever `crypto.subtle` does (Node, Bun, Deno, edge, browsers).
 */
import { looksLikeSecretKey } from '../api/contract.js';

export const CLIENT_TOKEN_PREFIX = 'bvt';
export const DEFAULT_TOKEN_TTL_SECONDS = 900;
/** A client token is meant to be short-lived; a day is already generous. */
export const MAX_TOKEN_TTL_SECONDS = 86_400;
export const MIN_TOKEN_SECRET_LENGTH = 32;
/** Longer values are refused before any decoding, so junk cannot cost more than a length check. */
const MAX_TOKEN_LENGTH = 2048;

export interface ClientTokenClaims {
  /** The session the token is bound to. */
  sid: string;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
  /** Random token id: tells apart two tokens for the same session (e.g. a replay from another browser). */
  jti: string;
  /** Truncated SHA-256 of the User-Agent the token was issued for, when the issuer gave one. */
  uah?: string;
}

export type ClientTokenErrorCode = 'malformed' | 'bad_signature' | 'expired';

export class ClientTokenError extends Error {
  override name = 'ClientTokenError';
  constructor(
    readonly code: ClientTokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CreateClientTokenOptions {
  sessionId: string;
  secret: string;
  /** Seconds; default 900. */
  expiresIn?: number;
  /** Milliseconds since the epoch, like Date.now (injectable for tests). */
  now?: () => number;
  /** The browser the token is meant for: the proxy counts requests from another one as spoof attempts. */
  device?: { userAgent?: string };
}

export async function createClientToken(options: CreateClientTokenOptions): Promise<string> {
  const { sessionId, secret } = options;
  if (typeof sessionId !== 'string' || sessionId === '') throw new TypeError('createClientToken: sessionId is required');
  const expiresIn = options.expiresIn ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isFinite(expiresIn) || expiresIn <= 0 || expiresIn > MAX_TOKEN_TTL_SECONDS) {
    throw new RangeError(`createClientToken: expiresIn must be between 1 and ${MAX_TOKEN_TTL_SECONDS} seconds`);
  }
  const key = await importTokenKey(secret);
  const iat = Math.floor((options.now ?? Date.now)() / 1000);
  const claims: ClientTokenClaims = { sid: sessionId, iat, exp: iat + Math.ceil(expiresIn), jti: randomId() };
  const userAgent = options.device?.userAgent;
  if (userAgent) claims.uah = await userAgentHash(userAgent);
  const body = `${CLIENT_TOKEN_PREFIX}.${base64url(encode(JSON.stringify(claims)))}`;
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encode(body)));
  return `${body}.${base64url(signature)}`;
}

export async function verifyClientToken(token: string, secret: string, now?: () => number): Promise<ClientTokenClaims> {
  return createTokenVerifier(secret)(token, now);
}

/**
 * A verifier that imports the HMAC key once; the proxy keeps one for its lifetime.
 * Order matters: the signature is checked before the claims are parsed, so unsigned input is never
 * interpreted beyond splitting it.
 */
export function createTokenVerifier(secret: string): (token: string, now?: () => number) => Promise<ClientTokenClaims> {
  const keyPromise = importTokenKey(secret);
  keyPromise.catch(() => {}); // reported on first use, not as an unhandled rejection
  return async (token, now = Date.now) => {
    const key = await keyPromise;
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw malformed();
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== CLIENT_TOKEN_PREFIX) throw malformed();
    const [prefix, payload, signature] = parts as [string, string, string];
    const given = decodeBase64url(signature);
    const claimsBytes = decodeBase64url(payload);
    if (!given || !claimsBytes) throw malformed();
    const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, encode(`${prefix}.${payload}`)));
    if (!constantTimeEqual(given, expected)) throw new ClientTokenError('bad_signature', 'The client token signature does not match.');
    const claims = parseClaims(claimsBytes);
    if (!claims) throw malformed();
    if (claims.exp <= Math.floor(now() / 1000)) throw new ClientTokenError('expired', 'The client token has expired.');
    return claims;
  };
}

/** The value a token's `uah` claim holds for a User-Agent; exported so the proxy compares like with like. */
export async function userAgentHash(userAgent: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encode(userAgent)));
  return base64url(digest.subarray(0, 12));
}

/** Refuses secrets that would make tokens forgeable, or that are the Beltic key itself. */
export function assertTokenSecret(secret: unknown, where = 'tokenSecret'): asserts secret is string {
  if (typeof secret !== 'string' || secret.length < MIN_TOKEN_SECRET_LENGTH) {
    throw new TypeError(`${where} must be a string of at least ${MIN_TOKEN_SECRET_LENGTH} characters`);
  }
  if (looksLikeSecretKey(secret)) {
    throw new TypeError(`${where} looks like a Beltic secret key: use a separate random secret for client tokens`);
  }
}

async function importTokenKey(secret: string): Promise<CryptoKey> {
  assertTokenSecret(secret, 'secret');
  return crypto.subtle.importKey('raw', encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

function parseClaims(bytes: Uint8Array): ClientTokenClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  const ok =
    typeof c.sid === 'string' &&
    c.sid !== '' &&
    Number.isSafeInteger(c.iat) &&
    Number.isSafeInteger(c.exp) &&
    typeof c.jti === 'string' &&
    c.jti !== '' &&
    (c.uah === undefined || typeof c.uah === 'string');
  if (!ok) return null;
  const claims: ClientTokenClaims = { sid: c.sid as string, iat: c.iat as number, exp: c.exp as number, jti: c.jti as string };
  if (typeof c.uah === 'string') claims.uah = c.uah;
  return claims;
}

/** Every byte is compared whatever the first difference, so timing does not reveal how much matched. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false; // lengths are public: an HMAC-SHA256 is always 32 bytes
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function malformed(): ClientTokenError {
  return new ClientTokenError('malformed', 'The client token is not a well-formed beltic-verify token.');
}

function randomId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

function encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeBase64url(text: string): Uint8Array | null {
  if (text === '' || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
