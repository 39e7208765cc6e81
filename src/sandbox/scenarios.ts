/**
 * QA scenarios, chosen per session at creation with `meta.sandbox` on POST /identity/sessions:
 *
 *   { "meta": { "sandbox": { "scenario": "flaky",
 *       "fail": { "call": "upload", "times": 1, "status": 503, "retry_after": 1 } } } }
 *   { "meta": { "sandbox": { "scenario": "requires_retry", "retry_side": "back" } } }
 *
 * The scenario travels with the session, so everything done for that session (its documents,
 * uploads and verifications) follows it, whoever makes the calls: the demo's backend, the
 * server helper or the widget behind it. docs/sandbox.md is the user-facing description.
 */
import { SIDES, type Side, type VerificationCheck } from '../api/contract.js';
import { HttpError, invalid } from './errors.js';
import { onSides, type VerificationOutcome } from './engine/checks.js';

export const SCENARIOS = ['pass', 'requires_retry', 'failed', 'marked_for_review', 'slow', 'expiring_urls', 'flaky'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The calls a `fail` rule can target. */
export const FLAKY_CALLS = [
  'get_session',
  'patch_session',
  'start',
  'create_session_device',
  'create_document',
  'add_file',
  'get_document',
  'submit_document',
  'upload',
  'create_verification',
  'get_verification',
] as const;
export type FlakyCall = (typeof FLAKY_CALLS)[number];

const TRANSIENT_STATUSES = [429, 500, 502, 503, 504] as const;

export const SLOW_PROCESSING_DELAY_MS = 10_000;
export const EXPIRING_URL_TTL_SECONDS = 5;
const DEFAULT_FAIL_RULE = { call: 'upload', times: 1, status: 503, retry_after: 1 } as const;

export interface FailRule {
  call: FlakyCall;
  remaining: number;
  status: (typeof TRANSIENT_STATUSES)[number];
  retry_after: number;
}

export interface ScenarioState {
  scenario: Scenario;
  /** Overrides the sandbox-wide processing delay for this session's verifications. */
  processing_delay_ms: number | null;
  /** Overrides the sandbox-wide lifetime of this session's upload URLs. */
  upload_url_ttl_seconds: number | null;
  fail: FailRule[];
  /** `requires_retry` forces only the first verification; later ones are decided by the real checks. */
  forced_retry_pending: boolean;
  /** The side the forced retry is about (`metadata.failed_sides`); absent, the front. */
  retry_side?: Side;
}

export interface ParsedScenario {
  state: ScenarioState;
  sessionExpiresInSeconds: number | null;
}

const KNOWN_KEYS = ['scenario', 'processing_delay_ms', 'upload_url_ttl_seconds', 'session_expires_in', 'fail', 'retry_side'];
const P = '/meta/sandbox';

/** Validates `meta.sandbox` completely (it throws before anything is stored). */
export function parseScenario(input: unknown): ParsedScenario {
  if (input === undefined || input === null) return { state: defaultState('pass'), sessionExpiresInSeconds: null };
  if (typeof input !== 'object' || Array.isArray(input)) throw invalid('meta.sandbox must be an object.', P);
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw invalid(`Unknown sandbox option "${key}". Known: ${KNOWN_KEYS.join(', ')}.`, `${P}/${key}`);
    }
  }
  const scenario = raw.scenario ?? 'pass';
  if (typeof scenario !== 'string' || !(SCENARIOS as readonly string[]).includes(scenario)) {
    throw invalid(`scenario must be one of ${SCENARIOS.join(', ')}.`, `${P}/scenario`);
  }
  const state = defaultState(scenario as Scenario);
  const delay = optionalNumber(raw.processing_delay_ms, `${P}/processing_delay_ms`, 0, 24 * 3600_000);
  if (delay !== null) state.processing_delay_ms = delay;
  const ttl = optionalNumber(raw.upload_url_ttl_seconds, `${P}/upload_url_ttl_seconds`, 1, 7 * 86400);
  if (ttl !== null) state.upload_url_ttl_seconds = ttl;
  const sessionExpiresInSeconds = optionalNumber(raw.session_expires_in, `${P}/session_expires_in`, 1, 365 * 86400);
  if (raw.retry_side !== undefined) {
    if (typeof raw.retry_side !== 'string' || !(SIDES as readonly string[]).includes(raw.retry_side)) {
      throw invalid(`retry_side must be one of ${SIDES.join(', ')}.`, `${P}/retry_side`);
    }
    state.retry_side = raw.retry_side as Side;
  }
  if (raw.fail !== undefined) {
    const rules = Array.isArray(raw.fail) ? raw.fail : [raw.fail];
    state.fail = rules.map((rule, i) => parseFailRule(rule, Array.isArray(raw.fail) ? `${P}/fail/${i}` : `${P}/fail`));
  } else if (scenario === 'flaky') {
    state.fail = [parseFailRule(DEFAULT_FAIL_RULE, `${P}/fail`)];
  }
  return { state, sessionExpiresInSeconds };
}

function defaultState(scenario: Scenario): ScenarioState {
  return {
    scenario,
    processing_delay_ms: scenario === 'slow' ? SLOW_PROCESSING_DELAY_MS : null,
    upload_url_ttl_seconds: scenario === 'expiring_urls' ? EXPIRING_URL_TTL_SECONDS : null,
    fail: [],
    forced_retry_pending: scenario === 'requires_retry',
  };
}

function parseFailRule(input: unknown, pointer: string): FailRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('A fail rule is an object { call, times, status, retry_after }.', pointer);
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!['call', 'times', 'status', 'retry_after'].includes(key)) {
      throw invalid(`Unknown fail rule field "${key}".`, `${pointer}/${key}`);
    }
  }
  if (typeof raw.call !== 'string' || !(FLAKY_CALLS as readonly string[]).includes(raw.call)) {
    throw invalid(`call must be one of ${FLAKY_CALLS.join(', ')}.`, `${pointer}/call`);
  }
  const status = raw.status ?? 503;
  if (!(TRANSIENT_STATUSES as readonly unknown[]).includes(status)) {
    throw invalid(`status must be one of ${TRANSIENT_STATUSES.join(', ')}.`, `${pointer}/status`);
  }
  return {
    call: raw.call as FlakyCall,
    remaining: optionalNumber(raw.times, `${pointer}/times`, 1, 1000, true) ?? 1,
    status: status as FailRule['status'],
    retry_after: optionalNumber(raw.retry_after, `${pointer}/retry_after`, 0, 3600, true) ?? 1,
  };
}

function optionalNumber(value: unknown, pointer: string, min: number, max: number, integer = false): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw invalid(`Expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}.`, pointer);
  }
  return value;
}

/**
 * A `fail` rule's transient error, thrown before the call changes anything, so that a retry of the
 * same call succeeds. The rule's own counter is the one write that must survive the error.
 */
export function failIfScheduled(state: ScenarioState, call: FlakyCall): void {
  const rule = state.fail.find((r) => r.call === call && r.remaining > 0);
  if (!rule) return;
  rule.remaining -= 1;
  const limited = rule.status === 429;
  throw new HttpError(
    rule.status,
    {
      code: limited ? 'rate_limited' : 'unavailable',
      title: limited ? 'Too many requests' : 'Service unavailable',
      detail: `Transient failure of "${call}" injected by the sandbox scenario; retry after ${rule.retry_after} s.`,
    },
    { 'Retry-After': String(rule.retry_after) },
  );
}

/** Applies a scenario that overrides what the real checks decided. Mutates `state` for one-shot scenarios. */
export function applyScenario(state: ScenarioState, real: VerificationOutcome): VerificationOutcome {
  if (state.scenario === 'failed') {
    return {
      ...real,
      status: 'failed',
      checks: [...real.checks, scenarioCheck('failed', 'The document could not be verified (forced by the sandbox scenario "failed").')],
    };
  }
  if (state.scenario === 'requires_retry' && state.forced_retry_pending) {
    state.forced_retry_pending = false;
    const side = state.retry_side ?? 'front';
    return {
      status: 'requires_retry',
      extracted: null,
      checks: [
        ...real.checks,
        scenarioCheck(
          'requires_retry',
          `The photo of the ${side} is blurry. Hold the document still and take the photo again (forced once by the sandbox scenario "requires_retry").`,
          [side],
        ),
      ],
    };
  }
  return real;
}

/** The check a scenario adds; `sides`, those it is about (the sandbox's `failed_sides` extension), none for the whole document. */
function scenarioCheck(scenario: Scenario, reason: string, sides: Side[] = []): VerificationCheck {
  return {
    name: 'sandbox_scenario',
    status: 'failed',
    reasons: [reason],
    requirement: 'required',
    metadata: { scenario, ...(sides.length ? onSides(sides) : {}) },
  };
}

/** What the session's public `meta.sandbox` shows, so QA can see which scenario a session runs. */
export function describeScenario(state: ScenarioState): Record<string, unknown> {
  return {
    scenario: state.scenario,
    processing_delay_ms: state.processing_delay_ms,
    upload_url_ttl_seconds: state.upload_url_ttl_seconds,
    retry_side: state.retry_side ?? 'front',
    fail: state.fail.map((r) => ({ call: r.call, remaining: r.remaining, status: r.status, retry_after: r.retry_after })),
  };
}
