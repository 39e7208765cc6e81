/**
 * Every word the applicant sees, in one typed table per language. Adding a language is adding a
 * `Strings` object here; no component changes. English is the reference and the fallback.
 */
import type { DocumentType, Side } from '../api/contract.js';
import type { Outcome } from '../flow/machine.js';

export interface Strings {
  starting: string;
  waitingForToken: string;
  /** Another tab or window of this browser is running the same verification. */
  elsewhere: { heading: string; lead: string; continueHere: string };
  intro: {
    heading: string;
    lead: string;
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
    continue: string;
  };
  capture: {
    /** The document's type decides (a passport's front is its photo page); its name is the translated one. */
    heading: (documentType: DocumentType | null, documentName: string, side: Side) => string;
    hint: Record<Side, string>;
    chooseFile: string;
    dropHere: string;
    preparing: string;
    retryLead: string;
    sideName: Record<Side, string>;
    camera: CameraStrings;
  };
  review: {
    heading: (side: string) => string;
    question: string;
    use: string;
    retake: string;
    imageAlt: (side: string) => string;
  };
  uploading: {
    heading: string;
    progress: (side: string, percent: number) => string;
    done: (side: string) => string;
  };
  verifying: { heading: string; lead: string };
  result: Record<Outcome, { heading: string; lead: string }>;
  back: string;
  cancel: string;
  tryAgain: string;
  startOver: string;
  errors: Record<string, string> & { fallback: string };
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
  guidance: Record<'dark' | 'glare' | 'moving' | 'blurry' | 'far' | 'wrong_side_front' | 'no_barcode' | 'reading_barcode', string>;
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

const en: Strings = {
  starting: 'Getting things ready…',
  waitingForToken: 'Waiting for the verification to be set up…',
  elsewhere: {
    heading: 'Continuing in another tab',
    lead: 'This verification is open in another tab or window of this browser. Finish it there, or continue here instead.',
    continueHere: 'Continue here',
  },
  intro: {
    heading: 'Verify your identity',
    lead: 'It takes about two minutes. You will need your passport or ID card.',
    steps: ['Choose your document', 'Take or upload a photo of each side', 'We check it and tell you the result'],
    collectedHeading: 'What we collect',
    collected: [
      'Photos of your document, sent securely to Beltic for verification.',
      'How you use this form (timings and counts, never what you type) and basic facts about your device, to protect you against fraud.',
    ],
    consent: 'I agree to share these for identity verification.',
    start: 'Start',
  },
  document: {
    heading: 'Which document will you use?',
    typeLabel: 'Document type',
    countryLabel: 'Issuing country',
    types: {
      passport: 'Passport',
      drivers_license: "Driver's licence",
      national_id: 'National ID card',
      residence_permit: 'Residence permit',
    },
    continue: 'Continue',
  },
  capture: {
    heading: (documentType, documentName, side) =>
      side === 'front' && documentType === 'passport'
        ? 'Photo page of your passport'
        : `${side === 'back' ? 'Back' : 'Front'} of your ${documentName.toLowerCase()}`,
    hint: {
      front: 'Place the document on a dark, flat surface. Make sure all four corners are visible and there is no glare.',
      back: 'Now the back. Make sure the barcode is sharp and fully visible.',
      portrait: 'Take a clear photo of your face.',
    },
    chooseFile: 'Choose a photo',
    dropHere: 'or drop it here (JPEG, PNG or WebP)',
    preparing: 'Preparing your photo…',
    retryLead: 'We could not read your document. Please try again:',
    sideName: { front: 'front', back: 'back', portrait: 'portrait' },
    camera: {
      viewfinder: 'Camera',
      starting: 'Starting the camera…',
      shutter: 'Take photo',
      uploadInstead: 'Upload a photo instead',
      tryAgain: 'Try the camera again',
      problems: {
        denied: 'Camera access is blocked. To use the camera, allow it in your browser’s settings for this site and try again, or upload a photo instead.',
        absent: 'No camera was found on this device. Please upload a photo instead.',
        busy: 'Your camera is being used by another app. Close that app and try again, or upload a photo instead.',
        lost: 'The camera stopped working. Try again, or upload a photo instead.',
        failed: 'The camera could not be started. Try again, or upload a photo instead.',
      },
      guidance: {
        dark: 'Too dark. Move to a brighter place.',
        glare: 'Glare on the document. Tilt it a little or move away from the light.',
        moving: 'Hold still.',
        blurry: 'The picture is blurry. Hold steady so the camera can focus.',
        far: 'Move closer, so the document fills the frame.',
        wrong_side_front: 'This looks like the back of your card. Please show the front.',
        no_barcode: 'We cannot find the barcode. Is this the back of your card?',
        reading_barcode: 'Reading the barcode… keep it inside the frame.',
      },
      holdStill: 'Hold still…',
      takenAutomatically: 'Photo taken automatically.',
      taken: 'Photo taken.',
      notTaken: 'The photo could not be taken. Please press again.',
      weRead: (name, expiry) => (expiry ? `We read: ${name}, expires ${expiry}.` : `We read: ${name}.`),
      expired: 'This document seems to have expired. If you have a valid one, please use it instead.',
    },
  },
  review: {
    heading: (side) => `Check the ${side}`,
    question: 'Is all of the document visible, sharp and free of glare?',
    use: 'Use this photo',
    retake: 'Retake',
    imageAlt: (side) => `The photo of the ${side} you chose`,
  },
  uploading: {
    heading: 'Sending your photos',
    progress: (side, percent) => `Sending the ${side}: ${percent}%`,
    done: (side) => `The ${side} is sent`,
  },
  verifying: { heading: 'Checking your document', lead: 'This usually takes a few seconds. Please keep this page open.' },
  result: {
    passed: { heading: 'You are verified', lead: 'Thank you. You can continue.' },
    review: { heading: 'We are reviewing your document', lead: 'A person will check it shortly. We will let you know the result; you can close this page.' },
    failed: { heading: 'We could not verify your document', lead: 'Please contact the service that asked you to verify to find out what to do next.' },
    expired: { heading: 'This verification has expired', lead: 'Please go back to the service that sent you here to start a new one.' },
    cancelled: { heading: 'Verification cancelled', lead: 'Nothing was kept on this device. You can start again when you are ready.' },
  },
  back: 'Back',
  cancel: 'Cancel',
  tryAgain: 'Try again',
  startOver: 'Start again',
  errors: {
    fallback: 'Something went wrong. Please try again.',
    network: 'You seem to be offline. Check your connection and try again.',
    server: 'Our service is having trouble. Please try again in a moment.',
    rate_limited: 'Too many attempts at once. Please wait a moment and try again.',
    token_refresh_failed: 'Your secure connection to the service needs renewing, and that did not work just now. Please try again.',
    malformed_response: 'We received an unexpected answer. Please try again.',
    unauthorized: 'This verification link is no longer valid. Please reload the page or start again from the service that sent you here.',
    forbidden: 'This verification link is no longer valid. Please start again from the service that sent you here.',
    not_found: 'This verification could not be found. Please start again from the service that sent you here.',
    unsupported_type: 'That file is not a photo we can use. Please choose a JPEG, PNG or WebP image.',
    unsupported_heic:
      'This photo is in HEIC format, which this browser cannot open. Please take the photo with the camera here, or choose a JPEG or PNG. On an iPhone, choosing "Most Compatible" in Settings › Camera › Formats saves new photos as JPEG.',
    unreadable_image: 'That photo could not be opened. Please choose another one.',
    image_lost: 'The photo is no longer on this device. Please take it again.',
    upload_failed: 'Your photo could not be sent. Check your connection and try again.',
    upload_rejected: 'Your photo was refused by the server. Please take it again.',
    verification_timeout: 'The check is taking longer than usual. Please try again.',
    secret_key: 'This page is set up incorrectly (a secret key was given to the browser). Please contact the service.',
    missing_config: 'This page is set up incorrectly (no API address or token). Please contact the service.',
    session_mismatch: 'This page is set up incorrectly (the verification and its token do not match). Please contact the service.',
  },
};

export const translations: Record<string, Strings> = { en };

/** The table for a BCP 47 language tag: exact, then the base language, then English. */
export function stringsFor(lang: string | null | undefined): Strings {
  const tag = (lang ?? '').toLowerCase();
  return translations[tag] ?? translations[tag.split('-')[0] ?? ''] ?? en;
}

/** Translation for an error code, never the raw server text (it may not be in the applicant's language). */
export function errorText(strings: Strings, code: string): string {
  return strings.errors[code] ?? strings.errors.fallback;
}
