/**
 * "Cancel" and its confirmation. The button opens a modal `<dialog>` ("Cancel the verification?"),
 * whose "Keep going" comes first and has the focus, so a stray Enter keeps the applicant's work;
 * Escape keeps it too. Only "Yes, cancel" calls `onCancel` (the element's `cancel()`, which fires
 * the cancelable `beltic-verify-cancel`). The dialog is the platform's: it holds the focus while
 * open (the rest of the page is inert), and the focus goes back to "Cancel" when it closes, with
 * no state of the widget's own.
 *
 * Offered from the intro to the review of the last side, not once the photos are being sent or
 * checked (see `cancellable`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StepName } from '../flow/machine.js';
import type { Strings } from './strings.js';

const DIALOG_ID = 'cancel-dialog';

/**
 * The steps where the applicant may cancel: those where nothing has left the device for the check.
 * From `uploading` on, the document is being created and sent, and then checked by Beltic: ending
 * the widget there would not undo it, and the result is only moments away.
 */
export function cancellable(step: StepName): boolean {
  return step === 'intro' || step === 'document' || step === 'capture' || step === 'review';
}

/** The "Cancel" button, for a step's row of actions. */
export function renderCancelButton(strings: Strings): TemplateResult {
  const open = (event: MouseEvent) => {
    const root = (event.currentTarget as HTMLElement).getRootNode() as ShadowRoot | Document;
    const dialog = root.getElementById(DIALOG_ID) as HTMLDialogElement | null;
    if (dialog && !dialog.open) dialog.showModal();
  };
  return html`<button part="button" class="secondary cancel" type="button" aria-haspopup="dialog" @click=${open}>${strings.cancel}</button>`;
}

/** The confirmation, once per step (the button finds it by its id). */
export function renderCancelDialog(strings: Strings, step: StepName, onCancel: () => void): TemplateResult | typeof nothing {
  if (!cancellable(step)) return nothing;
  const t = strings.cancelConfirm;
  const closed = (event: Event) => {
    const dialog = event.currentTarget as HTMLDialogElement;
    const confirmed = dialog.returnValue === 'cancel';
    dialog.returnValue = '';
    // Back to "Cancel", where the applicant was (not every engine gives the focus back by itself);
    // a cancel that goes ahead moves it on to the result's heading.
    (dialog.getRootNode() as ShadowRoot | Document).querySelector<HTMLElement>('button.cancel')?.focus();
    if (confirmed) onCancel();
  };
  return html`<dialog
    id=${DIALOG_ID}
    class="confirm"
    part="confirm"
    aria-labelledby="${DIALOG_ID}-heading"
    aria-describedby="${DIALOG_ID}-lead"
    @close=${closed}
  >
    <form method="dialog">
      <h3 id="${DIALOG_ID}-heading">${t.heading}</h3>
      <p id="${DIALOG_ID}-lead">${t.lead}</p>
      <div class="actions">
        <button part="button" type="submit" value="keep" autofocus>${t.keepGoing}</button>
        <button part="button" class="secondary" type="submit" value="cancel">${t.confirm}</button>
      </div>
    </form>
  </dialog>`;
}
