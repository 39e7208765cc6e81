/**
 * The server's part of `PATCH /identity/sessions/{id}` with `behavior_analysis` (signals.md):
 * what the page computed can be forged, so the proxy overwrites the fields it can judge better.
 *
 * - `request_spoof_attempts`: the server's count alone (the page cannot see other devices' requests).
 * - `user_agent_spoof_attempts`: the page's count plus the distinct inconsistencies the server saw.
 * - `bot_score`, `threat_level`: recomputed from `meta.evidence` plus header evidence, with the
 *   shared table in behavior/score.ts.
 * Header evidence is also appended to `meta.evidence`, so a reviewer sees why the score is what it is.
 */
import { knownEvidence, scoreEvidence, threatLevel, type Evidence, type EvidenceId } from '../behavior/score.js';

export interface ServerBehaviorSignals {
  requestSpoofAttempts: number;
  /** Distinct User-Agent / client-hint inconsistencies observed for the session. */
  userAgentInconsistencies: number;
  /** Automation evidence read from request headers. */
  headerEvidence: readonly EvidenceId[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the body with server values written in; bodies without a behavior block are returned as they are. */
export function applyServerBehaviorSignals(body: Json, server: ServerBehaviorSignals): Json {
  const data = body.data;
  if (!isObject(data) || !isObject(data.attributes) || !isObject(data.attributes.behavior_analysis)) return body;
  const reported = data.attributes.behavior_analysis;
  const meta = isObject(body.meta) ? body.meta : {};

  // The page sends no evidence list when collection is off (`no-signals`); then only header
  // evidence can score, and without any the score stays unknown.
  const pageEvidence = Array.isArray(meta.evidence) ? (meta.evidence as (string | Evidence)[]) : null;
  const known = new Set(knownEvidence(pageEvidence ?? []));
  const added = server.headerEvidence.filter((id) => !known.has(id));
  const evidence = [...(pageEvidence ?? []), ...added];
  const botScore = pageEvidence !== null || added.length > 0 ? scoreEvidence(evidence) : null;

  const pageSpoofCount =
    Number.isSafeInteger(reported.user_agent_spoof_attempts) && (reported.user_agent_spoof_attempts as number) > 0
      ? (reported.user_agent_spoof_attempts as number)
      : 0;
  const userAgentSpoofAttempts = pageSpoofCount + server.userAgentInconsistencies;
  const devtoolsOpen = typeof reported.devtools_open === 'boolean' ? reported.devtools_open : null;
  const interactions = typeof meta.interactions === 'number' ? meta.interactions : null;

  const behavior = {
    ...reported,
    request_spoof_attempts: server.requestSpoofAttempts,
    user_agent_spoof_attempts: userAgentSpoofAttempts,
    bot_score: botScore,
    threat_level: threatLevel({
      bot_score: botScore,
      request_spoof_attempts: server.requestSpoofAttempts,
      user_agent_spoof_attempts: userAgentSpoofAttempts,
      devtools_open: devtoolsOpen,
      interactions,
    }),
  };
  const nextMeta = pageEvidence !== null || added.length > 0 ? { ...meta, evidence } : meta;
  return {
    ...body,
    data: { ...data, attributes: { ...data.attributes, behavior_analysis: behavior } },
    ...(Object.keys(nextMeta).length > 0 ? { meta: nextMeta } : {}),
  };
}
