/**
 * What the widget says when the page's Trusted Types policy forbids what it needs.
 *
 * - Lit cannot create its `lit-html` policy (e.g. `trusted-types 'none'`): lit creates it while
 *   its module is evaluated, and the TypeError thrown there aborts the evaluation of every module
 *   that imports lit: the element class never exists, so neither its first update nor the
 *   `customElements.define` can catch anything. This module is evaluated before lit (the element's
 *   first import, and a chunk of its own in the npm build, imported ahead of `lit`) and listens
 *   for the violation the refusal reports. If no copy of the widget registered `<beltic-verify>`,
 *   a stand-in is registered that renders nothing and fires `beltic-verify-error`
 *   `trusted_types_blocked` (not recoverable), once per element, naming the `trusted-types`
 *   entries the page needs.
 * - Only the widget's own `beltic-verify` policy is refused: the flow goes on with the main-thread
 *   fallbacks, and `reportBlockedWorkers` fires a recoverable `workers_blocked`, once per element.
 *
 * No runtime import of lit here, nor of anything that imports it. Its own first import lets the
 * element be imported where there is no DOM (without-dom.ts): the element's module calls its
 * `done()` once lit is evaluated.
 */
import './without-dom.js';
import type { ReactiveControllerHost } from 'lit';
import { BelticVerifyErrorEvent } from '../error-event.js';
import { onWorkersBlocked, WORKER_POLICY_NAME } from './trusted-worker.js';

export { done as importedWithoutDom } from './without-dom.js';

const TAG_NAME = 'beltic-verify';
const LIT_POLICY_NAME = 'lit-html';

/** The `trusted-types` directive the widget needs. */
export const TRUSTED_TYPES_DIRECTIVE = `trusted-types ${LIT_POLICY_NAME} ${WORKER_POLICY_NAME}`;

/** How many copies of lit-html were already evaluated on the page before the widget's. */
const litCopiesBefore = (globalThis as { litHtmlVersions?: unknown[] }).litHtmlVersions?.length ?? 0;

// Not where there is no DOM (without-dom.ts may have put a stand-in `document` in place for lit).
if (typeof document !== 'undefined' && typeof document.addEventListener === 'function') document.addEventListener('securitypolicyviolation', onViolation);

function onViolation(event: SecurityPolicyViolationEvent): void {
  if (event.disposition !== 'enforce' || event.effectiveDirective !== 'trusted-types' || event.sample !== LIT_POLICY_NAME) return;
  document.removeEventListener('securitypolicyviolation', onViolation);
  // Another copy of the widget (whose lit came first) renders the element: this copy is not needed.
  if (customElements.get(TAG_NAME)) return;
  customElements.define(TAG_NAME, blockedByTrustedTypes());
}

function litBlockedMessage(): string {
  const duplicate =
    litCopiesBefore > 0
      ? ` Another copy of lit on this page created "${LIT_POLICY_NAME}" first: add 'allow-duplicates' to the directive too, or load lit once.`
      : '';
  return (
    `The page's Content-Security-Policy does not let lit create its "${LIT_POLICY_NAME}" Trusted Types policy, so <${TAG_NAME}> cannot render. ` +
    `Its trusted-types directive needs the entries ${LIT_POLICY_NAME} and ${WORKER_POLICY_NAME}: ${TRUSTED_TYPES_DIRECTIVE}.${duplicate}`
  );
}

/**
 * `<beltic-verify>` where lit could not load: renders nothing, says why once per element. Made when
 * needed (only in a browser): where there is no DOM (Node, server rendering) this module is
 * imported all the same, and there is no `HTMLElement` to extend.
 */
function blockedByTrustedTypes(): CustomElementConstructor {
  return class BlockedByTrustedTypes extends HTMLElement {
    private told = false;

    connectedCallback(): void {
      if (this.told) return;
      this.told = true;
      // After the page's own code that connected it has had its turn to listen, as for the element's other errors.
      queueMicrotask(() => this.dispatchEvent(new BelticVerifyErrorEvent({ code: 'trusted_types_blocked', message: litBlockedMessage(), recoverable: false })));
    }
  };
}

export const WORKERS_BLOCKED_MESSAGE =
  `The page's Content-Security-Policy does not allow the "${WORKER_POLICY_NAME}" Trusted Types policy, so the widget's workers cannot start: ` +
  `images are prepared on the main thread and a driver's licence barcode cannot be read live by the camera. ` +
  `Add ${WORKER_POLICY_NAME} to the trusted-types directive: ${TRUSTED_TYPES_DIRECTIVE}.`;

/**
 * Fires a recoverable `workers_blocked` error through `report`, once for this host, when the page's
 * Trusted Types policy keeps the widget's workers from starting (or, for a host connected later,
 * already has). Listens while the host is connected.
 */
export function reportBlockedWorkers(host: ReactiveControllerHost, report: (code: string, message: string, recoverable: boolean) => void): void {
  let told = false;
  let stop: (() => void) | null = null;
  host.addController({
    hostConnected() {
      if (told || stop) return;
      stop = onWorkersBlocked(() => {
        stop = null;
        if (told) return;
        told = true;
        report('workers_blocked', WORKERS_BLOCKED_MESSAGE, true);
      });
    },
    hostDisconnected() {
      stop?.();
      stop = null;
    },
  });
}
