/**
 * The notice on the capture step after the check asked for new photos. It stays until the
 * applicant acts (a photo taken or chosen, a button pressed): it is drawn from the flow's state,
 * never from a timer, so nothing but the applicant takes it away. Its heading gets focus as it
 * appears (`data-step-focus`, beltic-verify.ts) and its reasons are announced; while the camera is
 * on, its "Try again" is what lets the camera take a photo by itself again (camera/live-capture.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RetryNotice } from './reasons.js';

export interface RetryNoticeView {
  notice: RetryNotice | null;
  /** The camera is on (starting or live): the notice offers its "Try again" while it waits. */
  cameraOn: boolean;
  tryAgain: string;
  onTryAgain(): void;
}

export function renderRetryNotice({ notice, cameraOn, tryAgain, onTryAgain }: RetryNoticeView): TemplateResult | typeof nothing {
  if (!notice) return nothing;
  const [only, ...more] = notice.reasons;
  return html`<div class="notice retry-notice" part="notice retry-notice" role="group" aria-labelledby="retry-heading">
    <h3 id="retry-heading" tabindex="-1" data-step-focus=${notice.pending ? 'true' : nothing}>${notice.heading}</h3>
    ${
      more.length
        ? html`<ul>
            ${notice.reasons.map((reason) => html`<li>${reason}</li>`)}
          </ul>`
        : html`<p>${only}</p>`
    }
    ${
      notice.pending && cameraOn
        ? html`<div class="actions" part="actions">
            <button part="button" type="button" @click=${onTryAgain}>${tryAgain}</button>
          </div>`
        : nothing
    }
  </div>`;
}
