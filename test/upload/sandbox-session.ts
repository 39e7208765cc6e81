/**
 * Real HTTP to the runner's dev backend: a session from the demo backend (`/api/demo/session`), a
 * `document/idv` through the proxy (`/beltic`, Bearer client token), presigned URLs from the sandbox.
 */
import type { DeclaredFile, DocumentResource } from '../../src/api/contract.js';
import { checksum } from '../../src/upload/checksum.js';

import { createSession as createDemoSession, type DemoSession } from '../helpers/widget.js';

export type { DemoSession };

/** `sandbox` is the session's `meta.sandbox` (docs/sandbox.md), e.g. `{ scenario: 'flaky', fail: … }`. */
export function createSession(sandbox: Record<string, unknown> = {}): Promise<DemoSession> {
  return createDemoSession({ document_type: 'passport', sandbox });
}

async function proxy<T>(session: DemoSession, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/beltic${path}`, {
    method,
    headers: { Authorization: `Bearer ${session.client_token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /beltic${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface UploadTarget {
  documentId: string;
  fileId: string;
  url: string;
  expiresIn: number;
  declared: DeclaredFile;
}

/** Declares what `bytes` honestly are (type, size, checksum), unless `declare` overrides a field. */
export async function declareUpload(session: DemoSession, bytes: Blob, declare: Partial<DeclaredFile> = {}): Promise<UploadTarget> {
  const declared: DeclaredFile = {
    filename: 'front.jpg',
    content_type: 'image/jpeg',
    byte_size: bytes.size,
    checksum: await checksum(bytes),
    side: 'front',
    ...declare,
  };
  const created = await proxy<{ data: DocumentResource; meta: { files: { id: string; presigned_upload_url: string; expires_in: number }[] } }>(
    session,
    'POST',
    '/identity/documents/idvs',
    {
      data: {
        type: 'document/idv',
        attributes: { document_type: 'passport', issuing_country: 'DE', files: [declared] },
        relationships: { session: { data: { type: 'session', id: session.session_id } } },
      },
    },
  );
  const file = created.meta.files[0]!;
  return { documentId: created.data.id, fileId: file.id, url: file.presigned_upload_url, expiresIn: file.expires_in, declared };
}

/** The add-file call: how the widget gets a fresh URL for the same file. */
export async function freshUploadUrl(session: DemoSession, target: UploadTarget): Promise<string> {
  const added = await proxy<{ data: { id: string }; meta: { presigned_upload_url: string } }>(
    session,
    'POST',
    `/identity/documents/idvs/${encodeURIComponent(target.documentId)}/files`,
    target.declared,
  );
  return added.meta.presigned_upload_url;
}

export async function documentFiles(session: DemoSession, documentId: string) {
  const doc = await proxy<{ data: DocumentResource }>(session, 'GET', `/identity/documents/idvs/${encodeURIComponent(documentId)}`);
  return doc.data.attributes.files;
}

/** Resolves once the URL's signed `expires` (epoch seconds) has passed, by the browser's clock. */
export function untilExpired(url: string): Promise<void> {
  const expires = Number(new URL(url).searchParams.get('expires'));
  if (!Number.isFinite(expires) || expires <= 0) throw new Error('The URL carries no expires parameter.');
  const waitMs = expires * 1000 - Date.now() + 50;
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
}

/** A real JPEG of about `approxBytes` (noise compresses badly, so size follows pixel count). */
export async function jpegOfAbout(approxBytes: number): Promise<Blob> {
  const side = Math.max(16, Math.round(Math.sqrt(approxBytes / 1.2)));
  const canvas = new OffscreenCanvas(side, side);
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(side, side);
  // getRandomValues fills at most 64 KiB per call.
  for (let i = 0; i < image.data.length; i += 65536) {
    crypto.getRandomValues(image.data.subarray(i, Math.min(image.data.length, i + 65536)));
  }
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
  ctx.putImageData(image, 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
}
