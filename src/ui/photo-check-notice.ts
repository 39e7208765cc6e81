/**
 * The notice on the capture step when the checks before upload refused a photo (frame/photo-check.ts):
 * one whole sentence per problem, each saying what to do, and from the second photo of the side in a
 * row that the checks refused, the offer to use it anyway (it then goes on to the review as any
 * other). Drawn from the flow's `photoCheck`: it stays until the next photo or step.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Side } from '../api/contract.js';
import type { PhotoProblem } from '../frame/photo-check.js';
import type { Strings } from './strings.js';

/** What the notice shows of the flow's `photoCheck` (flow/flow-controller.ts). */
export interface PhotoCheckView {
  side: Side;
  problems: readonly PhotoProblem[];
  source: 'file' | 'camera';
  canUseAnyway: boolean;
}

/** The sentences of a refusal, in order: what the notice lists, and what is announced. */
export function photoCheckSentences(strings: Strings, check: Pick<PhotoCheckView, 'problems' | 'source'>): string[] {
  const t = strings.precheck;
  // A camera's photo is too small whatever the distance: its resolution is, and another camera is the fix.
  return check.problems.map((problem) => (problem === 'too_small' && check.source === 'camera' ? t.cameraTooSmall : t.problems[problem]));
}

/** What the live region says as the notice appears: its sentences, and the offer to use the photo anyway when it is made. */
export function photoCheckAnnouncement(strings: Strings, check: Pick<PhotoCheckView, 'problems' | 'source' | 'canUseAnyway'>): string {
  const sentences = photoCheckSentences(strings, check);
  return (check.canUseAnyway ? [...sentences, strings.precheck.anywayLead] : sentences).join(' ');
}

export function renderPhotoCheckNotice(strings: Strings, check: PhotoCheckView | null, side: Side, useAnyway: () => void): TemplateResult | typeof nothing {
  if (!check || check.side !== side) return nothing;
  const t = strings.precheck;
  const sentences = photoCheckSentences(strings, check);
  return html`<div class="notice photo-check" part="notice photo-check" role="group" aria-labelledby="photo-check-heading">
    <h3 id="photo-check-heading" tabindex="-1">${t.heading}</h3>
    ${
      sentences.length > 1
        ? html`<ul>
            ${sentences.map((sentence) => html`<li>${sentence}</li>`)}
          </ul>`
        : html`<p>${sentences[0]}</p>`
    }
    ${
      check.canUseAnyway
        ? html`<p>${t.anywayLead}</p>
            <div class="actions" part="actions">
              <button part="button" class="secondary use-anyway" type="button" @click=${useAnyway}>${t.useAnyway}</button>
            </div>`
        : nothing
    }
  </div>`;
}
