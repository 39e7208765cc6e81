/**
 * The wire contract shared by the widget, the server helper and the sandbox
 * (see ../shared/beltic-api.md). Types only, plus the few constant tables every
 * part must agree on. Nothing here does I/O.
 */

// ---------------------------------------------------------------- envelopes

export interface ResourceIdentifier<T extends string = string> {
  type: T;
  id: string;
}

export interface Relationship<T extends string = string> {
  data: ResourceIdentifier<T> | ResourceIdentifier<T>[] | null;
}

export interface Resource<T extends string = string, A = Record<string, unknown>> {
  type: T;
  id: string;
  attributes: A;
  relationships?: Record<string, Relationship>;
}

export interface Document<R, M = Record<string, unknown>> {
  data: R;
  meta?: M;
  links?: Record<string, string | null>;
}

export interface JsonApiErrorObject {
  status: string;
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string; header?: string };
}

export interface ErrorDocument {
  errors: JsonApiErrorObject[];
}

// ---------------------------------------------------------------- accounts

export const ACCOUNT_STATUSES = ['active', 'pending', 'inactive', 'suspended'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface AccountAttributes {
  status: AccountStatus;
  external_id: string | null;
  entity_type: EntityType;
  person: Person | null;
  business: Record<string, unknown> | null;
  contact: { email?: string | null; phone?: string | null } | null;
  address: Address | null;
  identity_numbers: IdentityNumber[];
  created_at: string;
  updated_at: string;
  redacted_at: string | null;
}

export type AccountResource = Resource<'account', AccountAttributes>;

// ---------------------------------------------------------------- sessions

export const SESSION_STATUSES = ['created', 'started', 'pending', 'completed', 'approved', 'declined', 'marked_for_review', 'failed', 'expired'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses after which the applicant has nothing more to do. */
export const FINAL_SESSION_STATUSES: readonly SessionStatus[] = ['completed', 'approved', 'declined', 'marked_for_review', 'failed', 'expired'];

export function isFinalSessionStatus(status: string): boolean {
  return (FINAL_SESSION_STATUSES as readonly string[]).includes(status);
}

export type EntityType = 'person' | 'business';

export interface Address {
  line1?: string | null;
  line2?: string | null;
  sublocality?: string | null;
  locality?: string | null;
  administrative_area?: string | null;
  postal_code?: string | null;
  country_code?: string | null;
}

export interface PersonName {
  first?: string | null;
  middle?: string | null;
  last?: string | null;
}

export interface Person {
  name?: PersonName;
  birth_date?: string | null;
  sex?: string | null;
}

/** An item of `identity_numbers`, as the sessions list page shows it; the timestamps are the server's. */
export interface IdentityNumber {
  number: string;
  /** ISO 3166-1 alpha-2. */
  issuing_country_code: string | null;
  /** What kind of number, a short string such as `drivers_license`, `passport`, `ssn`. */
  class: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionAttributes {
  status: SessionStatus;
  creator_type?: string;
  creator_id?: string;
  entity_type: EntityType;
  person?: Person | null;
  business?: Record<string, unknown> | null;
  contact?: { email?: string | null; phone?: string | null } | null;
  address?: Address | null;
  /** Null on a new session (seed 002), an array once written. */
  identity_numbers?: IdentityNumber[] | null;
  behavior_analysis?: BehaviorAnalysis | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  expires_at: string | null;
  completed_at: string | null;
  failed_at: string | null;
  marked_for_review_at: string | null;
  decisioned_at: string | null;
  expired_at: string | null;
  redacted_at: string | null;
}

export type SessionResource = Resource<'session', SessionAttributes>;

// ---------------------------------------------------------------- behavior (ext, signals.md)

export type ThreatLevel = 'low' | 'medium' | 'high';

export interface BehaviorAnalysis {
  completion_time_seconds: number | null;
  autofill_starts: number | null;
  autofill_cancels: number | null;
  shortcut_copies: number | null;
  shortcut_pastes: number | null;
  distraction_events: number | null;
  hesitation_baseline: number | null;
  hesitation_count: number | null;
  hesitation_time: number | null;
  hesitation_percentage: number | null;
  devtools_open: boolean | null;
  debugger_attached: boolean | null;
  user_agent_spoof_attempts: number | null;
  request_spoof_attempts: number | null;
  bot_score: number | null;
  threat_level: ThreatLevel | null;
}

export const BEHAVIOR_FIELDS = [
  'completion_time_seconds',
  'autofill_starts',
  'autofill_cancels',
  'shortcut_copies',
  'shortcut_pastes',
  'distraction_events',
  'hesitation_baseline',
  'hesitation_count',
  'hesitation_time',
  'hesitation_percentage',
  'devtools_open',
  'debugger_attached',
  'user_agent_spoof_attempts',
  'request_spoof_attempts',
  'bot_score',
  'threat_level',
] as const satisfies readonly (keyof BehaviorAnalysis)[];

// ---------------------------------------------------------------- session devices (ext, signals.md)

/** What the browser reported (signals.md §Device) plus `observed`, filled server-side. Stored as given. */
export type SessionDeviceAttributes = Record<string, unknown> & {
  observed?: Record<string, unknown>;
  created_at?: string;
  redacted_at?: string | null;
};

export type SessionDeviceResource = Resource<'session_device', SessionDeviceAttributes>;

// ---------------------------------------------------------------- documents

export const DOCUMENT_TYPES = ['passport', 'drivers_license', 'national_id', 'residence_permit'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const SIDES = ['front', 'back', 'portrait'] as const;
export type Side = (typeof SIDES)[number];

/** Which sides each document type needs before it can be submitted. */
export const REQUIRED_SIDES: Record<DocumentType, readonly Side[]> = {
  passport: ['front'],
  drivers_license: ['front', 'back'],
  national_id: ['front', 'back'],
  residence_permit: ['front', 'back'],
};

/** Media types the upload target accepts (checked by content, not only by name). */
export const ACCEPTED_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AcceptedContentType = (typeof ACCEPTED_CONTENT_TYPES)[number];

export interface DeclaredFile {
  filename: string;
  content_type: string;
  byte_size: number;
  /** SHA-256 of the bytes, lowercase hex. */
  checksum?: string;
  side?: Side;
}

export type FileStatus = 'pending_upload' | 'uploaded';

export interface DocumentFile {
  id: string;
  filename: string;
  content_type: string;
  byte_size: number;
  status: FileStatus;
  side?: Side;
}

export type DocumentStatus = 'pending' | 'submitted' | 'processed' | 'failed';

export interface DocumentAttributes {
  status: DocumentStatus;
  document_type: DocumentType | null;
  issuing_country: string | null;
  files: DocumentFile[];
  front_side: string | null;
  back_side: string | null;
  portrait: string | null;
  signature: string | null;
  created_at: string;
  submitted_at: string | null;
  processed_at: string | null;
}

export type DocumentResource = Resource<'document/idv', DocumentAttributes>;

/** One presigned upload target, whichever documented spelling carried it. */
export interface PresignedUpload {
  file_id: string;
  url: string;
  expires_in: number;
}

// ---------------------------------------------------------------- verifications

export const VERIFICATION_STATUSES = ['initiated', 'passed', 'failed', 'requires_retry', 'canceled'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface VerificationCheck {
  name: string;
  status: 'passed' | 'failed' | 'not_applicable';
  reasons: string[];
  requirement: 'required' | 'not_required';
  metadata?: Record<string, unknown>;
}

/**
 * ext: the member of a failed check's `metadata` naming the sides it failed on (`['back']`), so the
 * applicant is sent back to the photo that needs taking again. Beltic documents no such member:
 * without it a failed check is about every side.
 */
export const FAILED_SIDES = 'failed_sides';

export interface VerificationAttributes {
  status: VerificationStatus;
  checks: VerificationCheck[];
  extracted?: Record<string, unknown> | null;
  created_at: string;
  submitted_at: string | null;
  completed_at: string | null;
  redacted_at: string | null;
}

export type VerificationResource = Resource<'verification/idv', VerificationAttributes>;

// ---------------------------------------------------------------- paths

/** The paths the widget calls, relative to the API base. One table, so the proxy's allow-list can mirror it. */
export const paths = {
  session: (id: string) => `/identity/sessions/${enc(id)}`,
  sessionStart: (id: string) => `/identity/sessions/${enc(id)}/start`,
  sessionDevices: () => `/identity/session-devices`,
  sessionDevice: (id: string) => `/identity/session-devices/${enc(id)}`,
  documents: () => `/identity/documents/idvs`,
  document: (id: string) => `/identity/documents/idvs/${enc(id)}`,
  documentFiles: (id: string) => `/identity/documents/idvs/${enc(id)}/files`,
  documentSubmit: (id: string) => `/identity/documents/idvs/${enc(id)}/submit`,
  verifications: () => `/identity/verifications`,
  verification: (id: string) => `/identity/verifications/${enc(id)}`,
  /** The documented list, filtered to one session; its newest verifications come first. */
  sessionVerifications: (sessionId: string) => `/identity/verifications?session_id=${enc(sessionId)}&page[size]=100`,
} as const;

function enc(id: string): string {
  return encodeURIComponent(id);
}

// ---------------------------------------------------------------- extensions

/**
 * Every part of the contract that Beltic does not document (beltic-api.md marks them "ext").
 * Kept in one table so that each can be revisited when Beltic confirms or contradicts it.
 * The widget treats a 404/405 on an ext endpoint as "not supported", never as fatal.
 */
export const EXTENSIONS = {
  sessionStart: 'POST /identity/sessions/{id}/start',
  behaviorAnalysis: 'PATCH /identity/sessions/{id} attributes.behavior_analysis + meta.evidence',
  sessionDeviceCreate: 'POST /identity/session-devices',
  documentHints: 'data.meta.document_type, data.meta.issuing_country, data.meta.sides[] on document/idv (data.meta.side on a file)',
  documentGet: 'GET /identity/documents/idvs/{id}',
  documentSubmit: 'POST /identity/documents/idvs/{id}/submit',
  verificationGet: 'GET /identity/verifications/{id}',
  verificationExtracted: 'attributes.extracted on verification/idv',
  checkSides: 'metadata.failed_sides[] on a failed check of verification/idv',
  errorShape: 'JSON:API errors[] with code and source.pointer',
  idempotencyKey: 'Idempotency-Key request header',
} as const;

/** The header the server helper uses to authenticate to Beltic. The browser never sets it. */
export const API_KEY_HEADER = 'X-Api-Key';

/** A value that looks like a Beltic secret key. Used to refuse one wherever a browser could leak it. */
export function looksLikeSecretKey(value: unknown): boolean {
  return typeof value === 'string' && /^sk_/.test(value.trim());
}
