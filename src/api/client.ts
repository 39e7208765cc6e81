/**
 * The widget's client for the Beltic Identity API, spoken through the integrator's server helper
 * (`api-base`) with a short-lived client token. It retries what can succeed later (network
 * failures, 5xx, 429 with `Retry-After`), refreshes the token once on a 401, and turns every
 * other failure into an `ApiError` with a stable code.
 *
 * Every wait is bounded (waits.ts): a `Retry-After` longer than `maxServerWaitMs`, or one that
 * would take the request's waits together over it, is not waited out; the request fails at once
 * with its retryable error, and the flow offers "Try again".
 */
import {
  looksLikeSecretKey,
  paths,
  type DeclaredFile,
  type DocumentType,
  type PresignedUpload,
  type SessionStatus,
  type VerificationStatus,
} from './contract.js';
import { ApiError, codeForStatus, parseRetryAfter } from './errors.js';
import * as parse from './parse.js';
import type { FailedCheck } from './parse.js';
import { boundedWait, MAX_BACKOFF_MS, MAX_SERVER_WAIT_MS } from './waits.js';

export interface ClientOptions {
  apiBase: string;
  /** The current client token. */
  token: () => string | null;
  /**
   * Asked for a fresh token after a 401. Null means none can be had (the 401 stands, `unauthorized`);
   * a rejection means the refresher failed this time: the request fails with the retryable
   * `token_refresh_failed`, and a later request asks again.
   */
  refreshToken?: () => Promise<string | null>;
  maxRetries?: number;
  baseDelayMs?: number;
  /** The longest wait for one request, alone and all together (default MAX_SERVER_WAIT_MS); lower only in tests. */
  maxServerWaitMs?: number;
  /** Injectable for tests: resolves after `ms`, rejects when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  signal?: AbortSignal;
  /** Survives the page being closed (sendBeacon-like), for the last signals update. */
  keepalive?: boolean;
}

/** `meta` of a behaviour update (signals.md): evidence ids, trusted interactions, the camera summary. */
export interface BehaviorMeta {
  evidence: string[];
  interactions: number;
  camera?: Record<string, unknown>;
}

export interface CreatedDocument {
  documentId: string;
  uploads: PresignedUpload[];
  /** file id → side, as the server recorded it. */
  sides: Map<string, string>;
}

export interface VerificationState {
  status: VerificationStatus;
  /** The checks it failed (api/parse.ts), for the applicant's retry or result. */
  reasons: FailedCheck[];
}

export interface CreatedVerification extends VerificationState {
  id: string;
}

/** Whether an API offers a read, learnt from its first answer. */
type Offered = 'unknown' | 'offered' | 'absent';

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortError());
      },
      { once: true },
    );
  });
}

function abortError(): ApiError {
  return new ApiError('aborted', 'The request was cancelled.');
}

/** A declared file as Beltic documents it: the side (ext) travels in `meta`. */
function documentedFile({ side: _side, ...file }: DeclaredFile): Omit<DeclaredFile, 'side'> {
  return file;
}

function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export class BelticClient {
  private readonly base: string;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxServerWaitMs: number;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  private verificationGet: Offered = 'unknown';
  private verificationList: Offered = 'unknown';

  constructor(private readonly options: ClientOptions) {
    this.base = options.apiBase.replace(/\/+$/, '');
    this.maxRetries = options.maxRetries ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 400;
    this.maxServerWaitMs = options.maxServerWaitMs ?? MAX_SERVER_WAIT_MS;
    this.wait = options.sleep ?? sleep;
  }

  // ------------------------------------------------------------ sessions

  /** Starts the session (ext). Where the API has no start call, reading the session is enough. */
  async startSession(sessionId: string, signal?: AbortSignal): Promise<SessionStatus> {
    try {
      const body = await this.request(paths.sessionStart(sessionId), { method: 'POST', signal });
      return parse.sessionStatus(parse.resource(body, 'session').attributes);
    } catch (error) {
      // No start call here: reading the session tells whether it exists and is open.
      if (error instanceof ApiError && error.code === 'not_found') return this.sessionStatus(sessionId, signal);
      throw error;
    }
  }

  async sessionStatus(sessionId: string, signal?: AbortSignal): Promise<SessionStatus> {
    const body = await this.request(paths.session(sessionId), { signal });
    return parse.sessionStatus(parse.resource(body, 'session').attributes);
  }

  /** Reports this device (ext). Returns false where the API does not offer it. */
  async reportSessionDevice(sessionId: string, attributes: Record<string, unknown>, signal?: AbortSignal): Promise<boolean> {
    return this.optional(() =>
      this.request(paths.sessionDevices(), {
        method: 'POST',
        signal,
        body: { data: { type: 'session_device', attributes, relationships: { session: { data: { type: 'session', id: sessionId } } } } },
      }),
    );
  }

  /**
   * Sends the behaviour signals (ext). Returns false where the API does not offer it. `meta` carries
   * the evidence and the count of trusted interactions the server rescores from; with collection
   * off it is omitted, so the server claims no score.
   */
  async updateBehavior(
    sessionId: string,
    behaviorAnalysis: Record<string, unknown>,
    meta: BehaviorMeta | null,
    options: { keepalive?: boolean; signal?: AbortSignal } = {},
  ): Promise<boolean> {
    return this.optional(() =>
      this.request(paths.session(sessionId), {
        method: 'PATCH',
        keepalive: options.keepalive,
        signal: options.signal,
        body: { data: { type: 'session', id: sessionId, attributes: { behavior_analysis: behaviorAnalysis } }, ...(meta ? { meta } : {}) },
      }),
    );
  }

  // ------------------------------------------------------------ documents

  async createDocument(
    sessionId: string,
    documentType: DocumentType,
    issuingCountry: string,
    files: DeclaredFile[],
    signal?: AbortSignal,
  ): Promise<CreatedDocument> {
    const body = await this.request(paths.documents(), {
      method: 'POST',
      signal,
      body: {
        data: {
          type: 'document/idv',
          attributes: { files: files.map(documentedFile) },
          relationships: { session: { data: { type: 'session', id: sessionId } } },
          // Ext (EXTENSIONS.documentHints): where a strict server ignores them, never as attributes it would refuse.
          meta: { document_type: documentType, issuing_country: issuingCountry, sides: files.map((file) => file.side ?? null) },
        },
      },
    });
    const document = parse.resource(body, 'document/idv');
    return { documentId: document.id, uploads: parse.presignedUploads(document.meta), sides: parse.fileSides(document.attributes) };
  }

  /** Declares one more file on a document; also how a fresh upload URL is had when one expired. */
  async addFile(documentId: string, file: DeclaredFile, signal?: AbortSignal): Promise<PresignedUpload> {
    const body = await this.request(paths.documentFiles(documentId), {
      method: 'POST',
      signal,
      body: { data: { type: 'file', attributes: documentedFile(file), ...(file.side ? { meta: { side: file.side } } : {}) } },
    });
    const document = body as { data?: { id?: unknown } };
    const fileId = typeof document?.data?.id === 'string' ? document.data.id : undefined;
    const meta = (body as { meta?: Record<string, unknown> })?.meta ?? {};
    const [upload] = parse.presignedUploads(meta, fileId);
    return upload!;
  }

  /** Submits the document (ext). Where the API has no submit call, creating the verification submits it. */
  async submitDocument(documentId: string, signal?: AbortSignal): Promise<void> {
    await this.optional(() => this.request(paths.documentSubmit(documentId), { method: 'POST', signal }));
  }

  // ------------------------------------------------------------ verifications

  /** Creates the verification; its answer may already carry the outcome (Beltic documents the call as synchronous). */
  async createVerification(documentId: string, sessionId: string, signal?: AbortSignal): Promise<CreatedVerification> {
    const body = await this.request(paths.verifications(), {
      method: 'POST',
      signal,
      body: {
        data: {
          type: 'verification/idv',
          relationships: {
            document: { data: { type: 'document/idv', id: documentId } },
            session: { data: { type: 'session', id: sessionId } },
          },
          // Inside `data`, as the sessions guide writes it: a top-level `meta` is not read by Beltic.
          meta: { auto_update_session: true },
        },
      },
    });
    const { id, attributes } = parse.resource(body, 'verification/idv');
    return { id, ...parse.verificationState(attributes) };
  }

  /**
   * The verification's state from the first read this API offers: its own GET (ext), else the
   * documented list filtered by session. Null when neither is offered, so the caller falls back
   * on the session. A verification missing from an answered list is `not_found`.
   */
  async verification(verificationId: string, sessionId: string, signal?: AbortSignal): Promise<VerificationState | null> {
    if (this.verificationGet !== 'absent') {
      try {
        const body = await this.request(paths.verification(verificationId), { signal });
        this.verificationGet = 'offered';
        return parse.verificationState(parse.resource(body, 'verification/idv').attributes);
      } catch (error) {
        // Once the call has answered, a 404 means this verification, not the route.
        if (!(error instanceof ApiError && error.code === 'not_found' && this.verificationGet === 'unknown')) throw error;
        this.verificationGet = 'absent';
      }
    }
    if (this.verificationList === 'absent') return null;
    let body: unknown;
    try {
      body = await this.request(paths.sessionVerifications(sessionId), { signal });
    } catch (error) {
      if (!(error instanceof ApiError && (error.code === 'not_found' || error.code === 'forbidden'))) throw error;
      this.verificationList = 'absent';
      return null;
    }
    const found = parse.listedResource(body, 'verification/idv', verificationId);
    if (!found) throw new ApiError('not_found', 'The verification is not listed for this session.', 404);
    return parse.verificationState(found.attributes);
  }

  // ------------------------------------------------------------ transport

  /**
   * Runs an ext call; a 404/405 means "not offered here" and is false, not a failure. (Where the
   * resource itself is missing, the next documented call reports it.)
   */
  private async optional(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') return false;
      throw error;
    }
  }

  private async request(path: string, options: RequestOptions = {}): Promise<unknown> {
    const method = options.method ?? 'GET';
    // One key for every attempt of this call, so a retried POST can never create twice.
    const idempotencyKey = method === 'POST' ? newIdempotencyKey() : null;
    let refreshed = false;
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(path, method, options, idempotencyKey);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 'unauthorized' && !refreshed && this.options.refreshToken) {
          refreshed = true;
          if (await this.refreshToken(error)) continue;
        }
        if (!error.retryable || attempt >= this.maxRetries || options.keepalive) throw error;
        // The server's wait, else ours; neither is waited past the cap (alone or with the waits before it).
        const wait = boundedWait(error.retryAfterMs ?? this.backoff(attempt), waited, this.maxServerWaitMs);
        if (wait === null) throw error;
        waited += wait;
        await this.wait(wait, options.signal);
      }
    }
  }

  /** After a 401: true when a fresh token is in place; false when none can be had; throws when the refresher failed. */
  private async refreshToken(unauthorized: ApiError): Promise<boolean> {
    let fresh: string | null;
    try {
      fresh = await this.options.refreshToken!();
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ApiError(
        'token_refresh_failed',
        `The client token was refused and the integrator's getClientToken failed (${reason}); trying again asks it again.`,
        unauthorized.status,
        unauthorized.serverCode,
        null,
        cause,
      );
    }
    return Boolean(fresh);
  }

  /** Exponential backoff with equal jitter, each step capped. */
  private backoff(attempt: number): number {
    const exponential = Math.min(MAX_BACKOFF_MS, this.baseDelayMs * 2 ** attempt);
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  private async send(path: string, method: string, options: RequestOptions, idempotencyKey: string | null): Promise<unknown> {
    const token = this.options.token();
    if (!token) throw new ApiError('unauthorized', 'No client token was given to the widget.');
    if (looksLikeSecretKey(token)) throw new ApiError('unauthorized', 'Refusing to send a secret API key from the browser.');
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        keepalive: options.keepalive,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (options.signal?.aborted) throw abortError();
      throw new ApiError('network', `The network request failed: ${(error as Error).message}`);
    }

    const text = await response.text().catch(() => '');
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        if (response.ok) throw new ApiError('malformed_response', 'The API answered with something that is not JSON.', response.status);
      }
    }
    if (response.ok) {
      if (body === null && response.status !== 204) throw new ApiError('malformed_response', 'The API answered with an empty body.', response.status);
      return body;
    }
    const info = parse.errorInfo(body);
    throw new ApiError(
      codeForStatus(response.status),
      info.detail ?? `The API answered ${response.status}.`,
      response.status,
      info.code,
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }
}
