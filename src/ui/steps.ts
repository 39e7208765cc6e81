/**
 * One render function per step. Each gets everything it shows through `StepView` and reports
 * what the applicant does through its handlers: no state lives here.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { DocumentType, Side } from '../api/contract.js';
import type { FlowState } from '../flow/machine.js';
import { countries, guessCountry } from './countries.js';
import type { Strings } from './strings.js';

export interface StepHandlers {
  consent(): void;
  chooseDocument(documentType: DocumentType, issuingCountry: string): void;
  chooseFile(side: Side, file: Blob): void;
  /** An image dragged from a web page arrives as a URL, not a file. */
  dropUrl(side: Side, url: string): void;
  accept(): void;
  retake(): void;
  back(): void;
  retry(): void;
  startOver(): void;
}

export interface StepView {
  strings: Strings;
  lang: string;
  state: FlowState;
  documentTypes: readonly DocumentType[];
  /** An image is being prepared (decoded, compressed). */
  preparing: boolean;
  /** A message about the last chosen file (e.g. not an image), shown on the capture step. */
  captureNotice: string | null;
  previewUrl: string | null;
  progress: Partial<Record<Side, number>>;
  /** Extra capture sources (the camera) rendered above the file source. */
  captureSources?: (side: Side) => TemplateResult | typeof nothing;
  /** When set, the file source is the second choice: folded under this label (e.g. "Upload a photo instead"). */
  fileAlternativeLabel?: string | null;
  /** Shown under the photo on the review step (what the camera read from a barcode). */
  reviewNotes?: (side: Side) => TemplateResult | typeof nothing;
  on: StepHandlers;
}

const heading = (text: string) => html`<h2 part="heading" tabindex="-1">${text}</h2>`;

export function renderStarting(view: StepView): TemplateResult {
  return html`${heading(view.strings.starting)}
    <div class="spinner" role="presentation"></div>`;
}

export function renderIntro({ strings, on }: StepView): TemplateResult {
  const t = strings.intro;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    on.consent();
  };
  return html`${heading(t.heading)}
    <p>${t.lead}</p>
    <ol>
      ${t.steps.map((step) => html`<li>${step}</li>`)}
    </ol>
    <h3>${t.collectedHeading}</h3>
    <ul class="muted">
      ${t.collected.map((item) => html`<li>${item}</li>`)}
    </ul>
    <form @submit=${submit}>
      <label class="choice"><input type="checkbox" name="consent" required />${t.consent}</label>
      <div class="actions" part="actions"><button part="button" type="submit">${t.start}</button></div>
    </form>`;
}

export function renderDocument({ strings, lang, state, documentTypes, on }: StepView): TemplateResult {
  const t = strings.document;
  const chosenType = state.documentType ?? documentTypes[0];
  const chosenCountry = state.issuingCountry ?? guessCountry(lang);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    on.chooseDocument(data.get('document_type') as DocumentType, String(data.get('issuing_country')));
  };
  return html`${heading(t.heading)}
    <form @submit=${submit}>
      <fieldset>
        <legend>${t.typeLabel}</legend>
        ${documentTypes.map(
          (type) =>
            html`<label class="choice"
              ><input type="radio" name="document_type" value=${type} ?checked=${type === chosenType} required />${t.types[type]}</label
            >`,
        )}
      </fieldset>
      <label for="issuing-country">${t.countryLabel}</label>
      <select id="issuing-country" name="issuing_country" autocomplete="country">
        ${countries(lang).map((c) => html`<option value=${c.code} ?selected=${c.code === chosenCountry}>${c.name}</option>`)}
      </select>
      <div class="actions" part="actions">
        <button part="button" type="submit">${t.continue}</button>
        <button part="button" class="secondary" type="button" @click=${on.back}>${strings.back}</button>
      </div>
    </form>`;
}

export function renderCapture(view: StepView, side: Side): TemplateResult {
  const { strings, state, on } = view;
  const t = strings.capture;
  const documentName = state.documentType ? strings.document.types[state.documentType] : '';
  const dropzone = renderDropzone(side, t, on);
  return html`${heading(t.heading(documentName, side))}
    ${state.retryReasons.length
      ? html`<div class="notice" part="notice">
          <p>${t.retryLead}</p>
          <ul>
            ${state.retryReasons.map((reason) => html`<li>${reason}</li>`)}
          </ul>
        </div>`
      : nothing}
    ${view.captureNotice ? html`<p class="notice" part="notice">${view.captureNotice}</p>` : nothing}
    <p class="muted">${t.hint[side]}</p>
    ${view.captureSources?.(side) ?? nothing}
    ${view.preparing
      ? html`<p>${t.preparing}</p>
          <div class="spinner" role="presentation"></div>`
      : view.fileAlternativeLabel
        ? html`<details class="file-alternative" part="file-alternative">
            <summary>${view.fileAlternativeLabel}</summary>
            ${dropzone}
          </details>`
        : dropzone}
    <div class="actions" part="actions">
      <button part="button" class="secondary" type="button" @click=${on.back}>${strings.back}</button>
    </div>`;
}

function renderDropzone(side: Side, t: Strings['capture'], on: StepHandlers): TemplateResult {
  const pick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) on.chooseFile(side, file);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    (event.currentTarget as HTMLElement).classList.remove('over');
    const file = event.dataTransfer?.files[0];
    const url = event.dataTransfer?.getData('text/uri-list').split('\n')[0]?.trim();
    if (file) on.chooseFile(side, file);
    else if (url) on.dropUrl(side, url);
  };
  const over = (event: DragEvent) => {
    event.preventDefault();
    (event.currentTarget as HTMLElement).classList.add('over');
  };
  const leave = (event: DragEvent) => (event.currentTarget as HTMLElement).classList.remove('over');
  return html`<div class="dropzone" part="dropzone" @drop=${drop} @dragover=${over} @dragleave=${leave}>
    <label class="button" part="button" for="file-${side}">${t.chooseFile}</label>
    <input
      class="visually-hidden"
      id="file-${side}"
      type="file"
      accept="image/jpeg,image/png,image/webp"
      aria-describedby="drop-hint"
      @change=${pick}
    />
    <span id="drop-hint" class="muted">${t.dropHere}</span>
  </div>`;
}

export function renderReview({ strings, previewUrl, reviewNotes, on }: StepView, side: Side): TemplateResult {
  const t = strings.review;
  const sideName = strings.capture.sideName[side];
  return html`${heading(t.heading(sideName))}
    ${previewUrl ? html`<img class="preview" part="preview" src=${previewUrl} alt=${t.imageAlt(sideName)} />` : nothing}
    ${reviewNotes?.(side) ?? nothing}
    <p>${t.question}</p>
    <div class="actions" part="actions">
      <button part="button" type="button" @click=${on.accept}>${t.use}</button>
      <button part="button" class="secondary" type="button" @click=${on.retake}>${t.retake}</button>
    </div>`;
}

export function renderUploading({ strings, state, progress }: StepView): TemplateResult {
  const t = strings.uploading;
  const sides = Object.keys(state.captures) as Side[];
  return html`${heading(t.heading)}
    ${sides.map((side) => {
      const done = state.document?.files[side]?.uploaded ?? false;
      const percent = done ? 100 : (progress[side] ?? 0);
      const name = strings.capture.sideName[side];
      return html`<label for="progress-${side}">${done ? t.done(name) : t.progress(name, percent)}</label>
        <progress part="progress" id="progress-${side}" max="100" value=${percent}></progress>`;
    })}`;
}

export function renderVerifying({ strings }: StepView): TemplateResult {
  return html`${heading(strings.verifying.heading)}
    <p>${strings.verifying.lead}</p>
    <div class="spinner" role="presentation"></div>`;
}

export function renderResult({ strings, on }: StepView, outcome: keyof Strings['result']): TemplateResult {
  const t = strings.result[outcome];
  const tone = outcome === 'passed' ? 'notice success' : outcome === 'review' ? '' : 'notice';
  return html`${heading(t.heading)}
    <p class=${ifDefined(tone || undefined)}>${t.lead}</p>
    ${outcome === 'cancelled'
      ? html`<div class="actions" part="actions">
          <button part="button" type="button" @click=${on.startOver}>${strings.startOver}</button>
        </div>`
      : nothing}`;
}

export function renderError({ strings, state, on }: StepView, message: string): TemplateResult {
  const retryable = state.error?.retryable ?? false;
  return html`<div class="notice" part="notice" role="alert">
    <p>${message}</p>
    <div class="actions" part="actions">
      ${retryable
        ? html`<button part="button" type="button" @click=${on.retry}>${strings.tryAgain}</button>`
        : html`<button part="button" type="button" @click=${on.startOver}>${strings.startOver}</button>`}
    </div>
  </div>`;
}
