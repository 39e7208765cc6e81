/**
 * Why the check asked for new photos, in the applicant's words and language: each failed check is
 * looked up by its name in the table (`Strings.reasons`), worded for the side it failed on where
 * the server says which. The server's own words are the fallback for a check the widget does not
 * know, and only then: they may be in another language than the applicant's, and the sandbox's
 * forced retry carries test wording ("forced once by the sandbox scenario…") that is never shown.
 */
import type { DocumentType, Side } from '../api/contract.js';
import type { FailedCheck } from '../api/parse.js';
import { requiredSides, type FlowState } from '../flow/machine.js';
import { photoSide } from './photo-side.js';
import type { SidedReason, Strings } from './strings.js';

type ReasonKey = keyof Strings['reasons'];

/** The checks the widget has words for, by the name the server gives them (sandbox/engine/checks.ts, sandbox/scenarios.ts). */
const KNOWN_CHECKS: Readonly<Record<string, ReasonKey>> = {
  image_readable: 'image_readable',
  image_resolution: 'image_resolution',
  document_visible: 'document_visible',
  barcode_readable: 'barcode_readable',
  document_consistent: 'document_consistent',
  document_not_expired: 'document_not_expired',
  // The sandbox's requires_retry scenario: to the applicant, a photo that was not clear enough.
  sandbox_scenario: 'photo_unclear',
};

/** One failed check in the applicant's words. */
export function reasonText(strings: Strings, reason: FailedCheck, documentType: DocumentType | null): string {
  const key = Object.hasOwn(KNOWN_CHECKS, reason.check) ? KNOWN_CHECKS[reason.check]! : null;
  if (!key) return reason.text || strings.reasons.photo_unclear.any;
  const words = strings.reasons[key];
  return typeof words === 'string' ? words : sided(words, reason.sides, documentType);
}

/** The sentence for the one side named; `any` when none is named, several are, or the side has no sentence of its own. */
function sided(words: SidedReason, sides: readonly Side[], documentType: DocumentType | null): string {
  if (sides.length !== 1) return words.any;
  const side = photoSide(documentType, sides[0]!);
  return side === 'portrait' ? words.any : words[side];
}

/** What the retry notice on the capture step of `side` says. */
export interface RetryNotice {
  heading: string;
  /** Each reason once, in the applicant's words. */
  reasons: string[];
  /** The notice still waits for the applicant to act on it (the camera takes nothing by itself meanwhile). */
  pending: boolean;
}

/**
 * The retry notice of the capture step of `side`, or null when there is none: it shows the reasons
 * about that side (or about no side in particular). While it waits for the applicant it always shows,
 * with every reason if none is about this side, and a general one if the server gave none.
 */
export function retryNotice(strings: Strings, state: FlowState, side: Side): RetryNotice | null {
  const all = state.retryReasons;
  const about = all.filter((reason) => reason.sides.length === 0 || reason.sides.includes(side));
  if (about.length === 0 && !state.retryPending) return null;
  const shown = about.length ? about : all;
  const texts = shown.length ? shown.map((reason) => reasonText(strings, reason, state.documentType)) : [strings.reasons.photo_unclear.any];
  const heading = strings.capture.retry.heading;
  return {
    heading: requiredSides(state).length > 1 ? heading.photos : heading.onePhoto,
    reasons: [...new Set(texts)],
    pending: state.retryPending,
  };
}

/** What is announced as the retry notice appears: its reasons (whole sentences), one after the other. */
export function retryAnnouncement(strings: Strings, state: FlowState): string | null {
  const step = state.step;
  if (step.name !== 'capture') return null;
  const notice = retryNotice(strings, state, step.side);
  return notice ? notice.reasons.join(' ') : null;
}
