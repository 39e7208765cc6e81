/**
 * The sandbox's state: plain JSON records (so that the on-disk copy is one `JSON.stringify`) plus
 * image bytes kept apart, because they are large and never rolled back. Timestamps are epoch
 * milliseconds here and become ISO strings only when serialized. What is derived from the records
 * (who belongs to whom, what comes due when) is rebuilt on load: live-state.ts.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Address,
  BehaviorAnalysis,
  DocumentStatus,
  DocumentType,
  EntityType,
  FileStatus,
  IdentityNumber,
  Person,
  SessionStatus,
  Side,
  VerificationCheck,
  VerificationStatus,
} from '../api/contract.js';
import type { AccountStatus } from '../api/contract.js';
import type { VerificationOutcome } from './engine/checks.js';
import type { ScenarioState } from './scenarios.js';

export type Ms = number;
export type Contact = { email?: string | null; phone?: string | null };

/** An `identity_numbers` item as stored: the wire item with epoch-ms timestamps. */
export interface IdentityNumberRecord extends Omit<IdentityNumber, 'created_at' | 'updated_at'> {
  created_at: Ms;
  updated_at: Ms;
}

export interface AccountRecord {
  id: string;
  status: AccountStatus;
  external_id: string | null;
  entity_type: EntityType;
  person: Person | null;
  business: Record<string, unknown> | null;
  contact: Contact | null;
  address: Address | null;
  identity_numbers: IdentityNumberRecord[];
  created_at: Ms;
  updated_at: Ms;
  redacted_at: Ms | null;
}

export interface SessionRecord {
  id: string;
  account_id: string;
  status: SessionStatus;
  entity_type: EntityType;
  creator_type: string;
  creator_id: string;
  person: Person | null;
  business: Record<string, unknown> | null;
  contact: Contact | null;
  address: Address | null;
  /** Null until something writes one (a new session shows null, seed 002). */
  identity_numbers: IdentityNumberRecord[] | null;
  behavior_analysis: BehaviorAnalysis | null;
  behavior_evidence: unknown;
  created_at: Ms;
  updated_at: Ms;
  started_at: Ms | null;
  expires_at: Ms | null;
  completed_at: Ms | null;
  failed_at: Ms | null;
  marked_for_review_at: Ms | null;
  decisioned_at: Ms | null;
  expired_at: Ms | null;
  redacted_at: Ms | null;
  sandbox: ScenarioState;
}

export interface DeviceRecord {
  id: string;
  session_id: string;
  attributes: Record<string, unknown>;
  created_at: Ms;
  redacted_at: Ms | null;
}

export interface DocumentRecord {
  id: string;
  session_id: string;
  status: DocumentStatus;
  document_type: DocumentType | null;
  issuing_country: string | null;
  created_at: Ms;
  submitted_at: Ms | null;
  processed_at: Ms | null;
  redacted_at: Ms | null;
}

export interface FileRecord {
  id: string;
  document_id: string;
  filename: string;
  content_type: string;
  byte_size: number;
  checksum: string | null;
  side: Side;
  status: FileStatus;
  created_at: Ms;
  uploaded_at: Ms | null;
  etag: string | null;
  /**
   * Set when a later upload of the same side replaced this one and its bytes were deleted
   * (routes/uploads.ts); absent until then, and in state files from before bytes were freed.
   */
  superseded_by?: string;
}

export interface VerificationRecord {
  id: string;
  session_id: string | null;
  document_id: string;
  status: VerificationStatus;
  auto_update_session: boolean;
  checks: VerificationCheck[];
  extracted: Record<string, unknown> | null;
  /** Computed when the verification is created, revealed at `ready_at` so that clients poll. */
  pending_outcome: VerificationOutcome | null;
  ready_at: Ms;
  created_at: Ms;
  submitted_at: Ms | null;
  completed_at: Ms | null;
  redacted_at: Ms | null;
}

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  created_at: Ms;
}

/** The records, by collection and id. */
export interface Records {
  accounts: Record<string, AccountRecord>;
  sessions: Record<string, SessionRecord>;
  devices: Record<string, DeviceRecord>;
  documents: Record<string, DocumentRecord>;
  files: Record<string, FileRecord>;
  verifications: Record<string, VerificationRecord>;
}

export type Collection = keyof Records;
export const COLLECTIONS: readonly Collection[] = ['accounts', 'sessions', 'devices', 'documents', 'files', 'verifications'];

/** What a running sandbox holds (idempotency keys are kept apart, in idempotency.ts). */
export interface State extends Records {
  version: 1;
  apiKey: string;
  signingKey: string;
}

/** `state.json`: the records, the keys and the kept idempotency answers. */
export interface StoredState extends State {
  idempotency: Record<string, IdempotencyRecord>;
}

export function emptyState(apiKey: string, signingKey: string): StoredState {
  return {
    version: 1,
    apiKey,
    signingKey,
    accounts: {},
    sessions: {},
    devices: {},
    documents: {},
    files: {},
    verifications: {},
    idempotency: {},
  };
}

/** Where records and image bytes live: memory only, or a directory that survives restarts. */
export interface Persistence {
  load(): StoredState | null;
  save(serialized: string): void;
  readBlob(id: string): Uint8Array | null;
  writeBlob(id: string, bytes: Uint8Array): void;
  deleteBlob(id: string): void;
}

export function memoryPersistence(): Persistence {
  const blobs = new Map<string, Uint8Array>();
  return {
    load: () => null,
    save: () => {},
    readBlob: (id) => blobs.get(id) ?? null,
    writeBlob: (id, bytes) => void blobs.set(id, bytes),
    deleteBlob: (id) => void blobs.delete(id),
  };
}

export function diskPersistence(dir: string): Persistence {
  const stateFile = join(dir, 'state.json');
  const blobDir = join(dir, 'blobs');
  mkdirSync(blobDir, { recursive: true });
  // Ids are minted by us, but the path still must not be steerable by whatever ends up in a record.
  const blobPath = (id: string) => join(blobDir, id.replace(/[^A-Za-z0-9_]/g, ''));
  return {
    load() {
      if (!existsSync(stateFile)) return null;
      const parsed = JSON.parse(readFileSync(stateFile, 'utf8')) as StoredState;
      if (parsed.version !== 1) throw new Error(`${stateFile}: unknown state version ${String(parsed.version)}`);
      return parsed;
    },
    save: (serialized) => writeAtomically(stateFile, serialized),
    readBlob(id) {
      try {
        return new Uint8Array(readFileSync(blobPath(id)));
      } catch {
        return null;
      }
    },
    writeBlob: (id, bytes) => writeAtomically(blobPath(id), bytes),
    deleteBlob: (id) => rmSync(blobPath(id), { force: true }),
  };
}

/** A crash mid-write leaves the previous file intact: write beside it, then rename over it. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Oldest first, in place: by creation time, then by id (creation-ordered ULIDs). */
export function oldestFirst<T extends { id: string; created_at: Ms }>(records: T[]): T[] {
  return records.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
