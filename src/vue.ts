/**
 * `beltic-verify/vue`: types only (its JavaScript is empty). Makes `<beltic-verify>` a typed element
 * in Vue 3 templates, for `vue-tsc --strictTemplates` and Volar: its props and its events, so that
 * `@beltic-verify-complete="onComplete"` gets a `BelticVerifyCompleteEvent`. Load it once in the app,
 * e.g. in `src/env.d.ts`: `/// <reference types="beltic-verify/vue" />` (or `import type {} from 'beltic-verify/vue'`).
 *
 * At run time the tag is a custom element, not a Vue component: tell the compiler so
 * (`vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'beltic-verify' } } })`
 * in vite.config.ts), and bind the token as a property: `:clientToken="token"`.
 *
 * A separate entry, so that `vue`'s types are read only by apps that load this one.
 */
import type { DefineComponent, HTMLAttributes } from 'vue';
import type {
  BelticVerifyCancelEvent,
  BelticVerifyCompleteEvent,
  BelticVerifyContinueEvent,
  BelticVerifyErrorEvent,
  BelticVerifyReadyEvent,
  BelticVerifyStepChangeEvent,
  BelticVerifyUploadProgressEvent,
  DocumentType,
} from './index.js';

/** The element's attributes and properties, as a Vue template binds them (`api-base="…"`, `:clientToken="…"`). */
export interface BelticVerifyVueProps {
  /** Where your backend mounts the proxy, e.g. "/beltic". */
  apiBase?: string;
  /** The client token from your backend: bind it as a property, `:clientToken="token"`. */
  clientToken?: string | null;
  /** Asked for a fresh token when the current one is refused (401). */
  getClientToken?: (() => Promise<string>) | null;
  sessionId?: string;
  /** Space-separated subset of `passport drivers_license national_id residence_permit` (or, bound, an array). */
  documentTypes?: string | DocumentType[];
  /** Collect no behaviour signals and report no device. */
  noSignals?: boolean | '';
  /** The folder holding the widget's worker files, where they are not next to its script (README, "Hosting the worker files"). */
  assetsBase?: string;
  /** Your next page, linked as "Continue" on the result screens (http or https only). */
  continueUrl?: string;
  lang?: string;
}

/** The element's events, as `@beltic-verify-…` listeners. */
export interface BelticVerifyVueEvents {
  onBelticVerifyReady?: (event: BelticVerifyReadyEvent) => void;
  onBelticVerifyStepChange?: (event: BelticVerifyStepChangeEvent) => void;
  onBelticVerifyUploadProgress?: (event: BelticVerifyUploadProgressEvent) => void;
  onBelticVerifyComplete?: (event: BelticVerifyCompleteEvent) => void;
  onBelticVerifyError?: (event: BelticVerifyErrorEvent) => void;
  /** Cancelable: `event.preventDefault()` keeps the flow going. */
  onBelticVerifyCancel?: (event: BelticVerifyCancelEvent) => void;
  /** Cancelable: `event.preventDefault()` keeps the browser from following the "Continue" link. */
  onBelticVerifyContinue?: (event: BelticVerifyContinueEvent) => void;
}

/** `<beltic-verify>` as Vue's type checker sees it: a component taking the element's props, its events and any HTML attribute. */
export type BelticVerifyVueComponent = DefineComponent<Omit<HTMLAttributes, keyof BelticVerifyVueProps> & BelticVerifyVueProps & BelticVerifyVueEvents>;

declare module 'vue' {
  interface GlobalComponents {
    'beltic-verify': BelticVerifyVueComponent;
  }
}
