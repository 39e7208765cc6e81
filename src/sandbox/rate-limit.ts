/**
 * Rate limiting per API key: a token bucket per key, holding up to `burst` requests and refilled
 * at `requestsPerSecond`, on the sandbox's clock (so an injected clock drives it exactly). A request
 * finding the bucket empty is answered 429 with `Retry-After`: the whole seconds until a token is back.
 *
 * Only keys that authenticated get a bucket (the sandbox accepts one key), so the buckets cannot
 * grow with what clients send. Uploads to presigned URLs carry no key and are not limited here:
 * each is bounded by its signed size, and a side keeps only its latest bytes (routes/uploads.ts).
 */
import { HttpError } from './errors.js';

export interface RateLimit {
  /** Sustained rate at which tokens come back. */
  requestsPerSecond: number;
  /** Requests that may arrive at once, after a quiet spell. */
  burst: number;
}

/**
 * Generous: the browser tests share one sandbox (two pages at a time) and stay far below it, and
 * so does a person clicking through the demo; a client stuck in a retry loop without back-off does not.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = { requestsPerSecond: 100, burst: 200 };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {}

  /** Takes a token for `key` at `now`, or throws the 429 that says when to come back. */
  take(key: string, now: number): void {
    const { requestsPerSecond, burst } = this.limit;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    // A clock moved backwards (a test resetting it) refills nothing and takes nothing away.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(burst, bucket.tokens + (elapsed / 1000) * requestsPerSecond);
    bucket.at = Math.max(bucket.at, now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / requestsPerSecond));
    throw new HttpError(
      429,
      {
        code: 'rate_limited',
        title: 'Too many requests',
        detail: `This key sent more than ${requestsPerSecond} requests per second (bursts of up to ${burst}); retry after ${retryAfter} s.`,
      },
      { 'Retry-After': String(retryAfter) },
    );
  }
}

/** `createSandbox({ rateLimit })`: the default when absent, none when false, else checked. */
export function resolveRateLimit(option: RateLimit | false | undefined): RateLimit | null {
  if (option === false) return null;
  if (option === undefined) return DEFAULT_RATE_LIMIT;
  const { requestsPerSecond, burst } = option;
  if (!Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0) throw new TypeError('rateLimit.requestsPerSecond must be a positive number');
  if (!Number.isFinite(burst) || burst < 1) throw new TypeError('rateLimit.burst must be at least 1');
  return { requestsPerSecond, burst };
}
