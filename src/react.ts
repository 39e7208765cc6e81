/**
 * `beltic-verify/react`: types only (its JavaScript is empty). Makes `<beltic-verify>` a typed JSX
 * element in React 19, its properties and its events included. Load it once in the app, e.g. in
 * `src/vite-env.d.ts`: `/// <reference types="beltic-verify/react" />` (or `import type {} from 'beltic-verify/react'`).
 *
 * React 19 hands a custom element's props over as they are named: a prop whose name is a property of
 * the element (`clientToken`, `getClientToken`, `apiBase`…) is set as that property, any other as an
 * attribute (`api-base`, `document-types`), and `on` + an event's name, written as the event is
 * (`onbeltic-verify-complete`), adds a listener for that event. So the element must be defined before
 * React renders it: import `beltic-verify/define` first.
 *
 * A separate entry, so that `react`'s types are read only by apps that load this one.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  BelticVerify,
  BelticVerifyCancelEvent,
  BelticVerifyCompleteEvent,
  BelticVerifyContinueEvent,
  BelticVerifyErrorEvent,
  BelticVerifyReadyEvent,
  BelticVerifyStepChangeEvent,
  BelticVerifyUploadProgressEvent,
  DocumentType,
} from './index.js';

/** The element's attributes and properties, as JSX props. */
export interface BelticVerifyProps {
  /** Where your backend mounts the proxy, e.g. "/beltic". */
  'api-base'?: string;
  apiBase?: string;
  /** The client token from your backend: a property, never rendered as an attribute by the widget. */
  clientToken?: string | null;
  /** Asked for a fresh token when the current one is refused (401). */
  getClientToken?: (() => Promise<string>) | null;
  'session-id'?: string;
  sessionId?: string;
  /** Space-separated subset of `passport drivers_license national_id residence_permit`. */
  'document-types'?: string;
  documentTypes?: DocumentType[];
  /** Collect no behaviour signals and report no device. */
  'no-signals'?: boolean;
  noSignals?: boolean;
  /** The folder holding the widget's worker files, where they are not next to its script (README, "Hosting the worker files"). */
  'assets-base'?: string;
  assetsBase?: string;
  /** Your next page, linked as "Continue" on the result screens (http or https only). */
  'continue-url'?: string;
  continueUrl?: string;
  lang?: string;
}

/** Listeners for the element's events: `on` + the event's name, as React 19 reads it. */
export interface BelticVerifyEventProps {
  'onbeltic-verify-ready'?: (event: BelticVerifyReadyEvent) => void;
  'onbeltic-verify-step-change'?: (event: BelticVerifyStepChangeEvent) => void;
  'onbeltic-verify-upload-progress'?: (event: BelticVerifyUploadProgressEvent) => void;
  'onbeltic-verify-complete'?: (event: BelticVerifyCompleteEvent) => void;
  'onbeltic-verify-error'?: (event: BelticVerifyErrorEvent) => void;
  /** Cancelable: `event.preventDefault()` keeps the flow going. */
  'onbeltic-verify-cancel'?: (event: BelticVerifyCancelEvent) => void;
  /** Cancelable: `event.preventDefault()` keeps the browser from following the "Continue" link. */
  'onbeltic-verify-continue'?: (event: BelticVerifyContinueEvent) => void;
}

/** Every prop `<beltic-verify>` takes in JSX: React's own for an HTML element (`ref` is a `BelticVerify`), then the element's. */
export type BelticVerifyJSXProps = Omit<DetailedHTMLProps<HTMLAttributes<BelticVerify>, BelticVerify>, keyof BelticVerifyProps> &
  BelticVerifyProps &
  BelticVerifyEventProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types are a namespace: augmenting it is the only way in.
  namespace JSX {
    interface IntrinsicElements {
      'beltic-verify': BelticVerifyJSXProps;
    }
  }
}
