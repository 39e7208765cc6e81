/**
 * What a file really is, judged by its first bytes. The name and `blob.type` come from the
 * applicant's device and can say anything (a renamed HEIC, a text file called `.jpg`); the upload
 * target sniffs too and answers 415, so we refuse early with a clear message instead.
 */
import type { AcceptedContentType } from '../api/contract.js';
import { HEIF_HEADER_BYTES, sniffHeif, type HeifImageType } from './sniff-heif.js';

export type { HeifImageType } from './sniff-heif.js';

/** Enough bytes for every signature below (WebP needs 12). */
const HEADER_BYTES = 12;

/**
 * What the upload target accepts, or a HEIF-family photo (HEIC, AVIF) that the widget may turn into
 * a JPEG where the browser decodes it; null for anything else.
 */
export async function sniffImageType(blob: Blob): Promise<AcceptedContentType | HeifImageType | null> {
  const head = new Uint8Array(await blob.slice(0, Math.max(HEADER_BYTES, HEIF_HEADER_BYTES)).arrayBuffer());
  return sniffBytes(head) ?? sniffHeif(head);
}

/**
 * What the upload target accepts, on bytes already in memory (the sandbox's upload route, a test).
 * HEIF-family files are null here: they are never uploaded as they are.
 */
export function sniffBytes(head: Uint8Array): AcceptedContentType | null {
  const startsWith = (signature: readonly number[], offset = 0): boolean =>
    head.length >= offset + signature.length && signature.every((byte, i) => head[offset + i] === byte);

  // JPEG: SOI marker followed by the start of any marker segment.
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // WebP: a RIFF container whose form type is "WEBP" (bytes 4..7 are the chunk size).
  if (startsWith(ascii('RIFF')) && startsWith(ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(ascii('%PDF-'))) return 'application/pdf';
  return null;
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}
