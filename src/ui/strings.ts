/**
 * Every word the applicant sees, as the shape of one typed table per language: src/ui/i18n/<lang>.ts,
 * each checked against `Strings`, so a table that misses a key does not build. Adding a language is
 * adding a file and its line in ui/languages.ts; no component changes. English is the reference and the fallback.
 */
import type { DocumentType, Side } from '../api/contract.js';
import type { Outcome } from '../flow/machine.js';
import type { PhotoProblem } from '../frame/photo-check.js';
import type { PhotoSide } from './photo-side.js';

export interface Strings {
  starting: string;
  waitingForToken: string;
  /** Another tab or window of this browser is running the same verification. */
  elsewhere: { heading: string; lead: string; continueHere: string };
  intro: {
    heading: string;
    /** What it takes, naming the documents offered: `documents` is `documents` below, joined by `Intl.ListFormat` ('disjunction': "A, B or C"). */
    lead: (documents: string) => string;
    /** Each document as the intro's lead names it inside its sentence (article included where the language needs one). */
    documents: Record<DocumentType, string>;
    steps: string[];
    collectedHeading: string;
    collected: string[];
    consent: string;
    start: string;
  };
  document: {
    heading: string;
    typeLabel: string;
    countryLabel: string;
    types: Record<DocumentType, string>;
    /** Under the country field: how to use it. */
    countryHint: string;
    /** In the country list when nothing matches what was typed. */
    countryNoMatch: string;
    /** Said (live region) as the list of countries is filtered. */
    countryMatches: (count: number) => string;
    /** The browser's message when the country field holds text that is no country of the list. */
    countryInvalid: string;
    continue: string;
  };
  capture: {
    /** The capture step's heading, whole, per document type and side (a passport has only its photo page). */
    headings: CaptureHeadings;
    hint: Record<Side, string>;
    chooseFile: string;
    /** Beside "Choose a photo" where a file can be dropped (a mouse or trackpad): the formats accepted too. */
    dropHere: string;
    /** Beside "Choose a photo" where nothing can be dropped (phones, tablets): the formats accepted. */
    formats: string;
    preparing: string;
    /** The notice on the capture step after the check asked for new photos (`requires_retry`); its reasons are `reasons` below. */
    retry: {
      /** Its heading, which gets focus as it appears: for a document of one photo (a passport), and of several. */
      heading: { onePhoto: string; photos: string };
      /** Its button while the camera is on: the camera takes a photo by itself again only once it is pressed. */
      tryAgain: string;
    };
    camera: CameraStrings;
  };
  /**
   * The checks on a photo before it is sent (frame/photo-check.ts), in the capture step's notice: one
   * whole sentence per problem found, and from the second photo of a side in a row that fails them,
   * the offer to send it anyway.
   */
  precheck: {
    /** The notice's heading. */
    heading: string;
    /** What is wrong with the photo and what to do, one sentence each (`too_small` for a chosen file). */
    problems: Record<PhotoProblem, string>;
    /** `too_small` for a camera's photo: its pictures are too small, whatever the distance. */
    cameraTooSmall: string;
    /** Before "Use this photo anyway": what the applicant may do. */
    anywayLead: string;
    useAnyway: string;
  };
  review: {
    heading: Record<PhotoSide, string>;
    question: string;
    use: string;
    retake: string;
    imageAlt: Record<PhotoSide, string>;
  };
  uploading: {
    heading: string;
    /** The label of each side's progress bar, and what is announced every quarter. */
    progress: Record<PhotoSide, (percent: number) => string>;
    done: Record<PhotoSide, string>;
  };
  verifying: { heading: string; lead: string };
  result: Record<Outcome, { heading: string; lead: string }>;
  /** On the failed result, why, where the flow knows (the reasons of the verification come first, where it gave any). */
  failedBecause: {
    /** The document was refused as unreadable more times than the applicant may retry. */
    tooManyAttempts: string;
  };
  /** The link to the integrator's next page (`continue-url`) on the result screens. */
  continue: string;
  /** Above each step's heading, from the intro to the check: "Step 3 of 5". */
  stepOf: (step: number, total: number) => string;
  /** The confirmation asked for after "Cancel" (`cancel` below). */
  cancelConfirm: { heading: string; lead: string; confirm: string; keepGoing: string };
  /**
   * Why the check asked for new photos, by the name of the check that failed (sandbox/engine/checks.ts),
   * in words the applicant can act on (ui/reasons.ts). The server's own words show only for a check not listed here.
   */
  reasons: {
    /** The photo was not clear enough: any other photo problem, the sandbox's forced retry among them. */
    photo_unclear: SidedReason;
    /** The photo could not be opened as an image. */
    image_readable: SidedReason;
    /** The photo is too small (too few pixels) to be read. */
    image_resolution: SidedReason;
    /** No document was found in the photo. */
    document_visible: SidedReason;
    /** The barcode on the back (US and Canadian licences and ID cards) could not be read. */
    barcode_readable: string;
    /** The photos show another type of document, or one from another country, than the one chosen. */
    document_consistent: string;
    /** The document has expired. */
    document_not_expired: string;
  };
  back: string;
  cancel: string;
  tryAgain: string;
  startOver: string;
  errors: Record<string, string> & { fallback: string };
}

/**
 * One reason, as a whole sentence for each side it may be about (a passport's only side is its photo
 * page), and `any` for when the check does not say which side, or says several.
 */
export type SidedReason = Record<Exclude<PhotoSide, 'portrait'> | 'any', string>;

/** The capture step's headings: one for each side each document type has (api/contract.ts REQUIRED_SIDES). */
export interface CaptureHeadings {
  passport: { photo_page: string };
  drivers_license: { front: string; back: string };
  national_id: { front: string; back: string };
  residence_permit: { front: string; back: string };
}

/** The live camera on the capture step (src/camera/). */
export interface CameraStrings {
  /** Label of the viewfinder region. */
  viewfinder: string;
  starting: string;
  shutter: string;
  uploadInstead: string;
  tryAgain: string;
  /** Why the camera is not available, and what to do. */
  problems: Record<'denied' | 'absent' | 'busy' | 'lost' | 'failed', string>;
  /** Live advice, shown on the viewfinder and announced sparingly. */
  guidance: Record<'dark' | 'glare' | 'moving' | 'blurry' | 'far' | 'not_whole' | 'wrong_side_front' | 'no_barcode' | 'reading_barcode', string>;
  /** Shown while the frame is steady and the photo is about to be taken. */
  holdStill: string;
  /** The visible cue and the announcement when the photo was taken without a press. */
  takenAutomatically: string;
  taken: string;
  /** A press of the shutter that gave no photo (the camera had no frame to give). */
  notTaken: string;
  /** On the review step, what the barcode said (never stored). */
  weRead: (name: string, expiry: string | null) => string;
  expired: string;
}

/** Translation for an error code, never the raw server text (it may not be in the applicant's language). */
export function errorText(strings: Strings, code: string): string {
  return strings.errors[code] ?? strings.errors.fallback;
}
