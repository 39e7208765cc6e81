/**
 * One render function per step, in a table keyed by step name (`STEPS`): adding a step to the
 * machine without a way to show it is a type error. Each gets everything it shows through
 * `StepView` and reports what the applicant does through its handlers: no state lives here.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { DocumentType, Side } from '../api/contract.js';
import type { FlowState, Step, StepName } from '../flow/machine.js';
import { countries, guessCountry } from './countries.js';
import type { Strings } from './strings.js';

/** What the capture and review steps show of each capture source (sources/capture-source.ts). */
export interface SourceView {
  /** What the source offers on the capture step of `side`. */
  render(side: Side): TemplateResult | typeof nothing;
  /** While true (e.g. the camera is live), the sources after this one are folded as alternatives. */
  readonly active: boolean;
  /** The label of the fold this source sits in when an earlier source is active. */
  alternativeLabel?(): string;
  /** Shown under the photo on the review step of `side` (e.g. what the camera read from a barcode). */
  renderReviewNotes?(side: Side): TemplateResult | typeof nothing;
}

export interface StepHandlers {
  consent(): void;
  chooseDocument(documentType: DocumentType, issuingCountry: string): void;
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
  /** An image is being prepared (decoded, compressed): the sources show it, unfolded. */
  preparing: boolean;
  /** Why the last image was refused (e.g. not a photo), shown on the capture step. */
  captureNotice: string | null;
  previewUrl: string | null;
  progress: Partial<Record<Side, number>>;
  /** The capture sources, in order; the ones after an active source are folded as alternatives. */
  sources: readonly SourceView[];
  /** The words for the error the flow stopped on, if it did. */
  errorMessage: string;
  on: StepHandlers;
}

type StepRenderer<N extends StepName> = (view: StepView, step: Extract<Step, { name: N }>) => TemplateResult | typeof nothing;

/** How each step is shown. An error the flow stopped on shows with the step it stopped at. */
export const STEPS: { readonly [N in StepName]: StepRenderer<N> } = {
  starting: (view) => (view.state.error ? renderError(view) : renderStarting(view)),
  intro: (view) => renderIntro(view),
  document: (view) => renderDocument(view),
  capture: (view, step) => renderCapture(view, step.side),
  review: (view, step) => renderReview(view, step.side),
  uploading: (view) => html`${renderUploading(view)}${renderError(view)}`,
  verifying: (view) => html`${renderVerifying(view)}${renderError(view)}`,
  result: (view, step) => renderResult(view, step.outcome),
};

export function renderStep(view: StepView): TemplateResult | typeof nothing {
  const step = view.state.step;
  const render = STEPS[step.name] as StepRenderer<StepName>;
  return render(view, step as never);
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
  return html`${heading(t.heading(state.documentType, documentName, side))}
    ${
      state.retryReasons.length
        ? html`<div class="notice" part="notice">
            <p>${t.retryLead}</p>
            <ul>
              ${state.retryReasons.map((reason) => html`<li>${reason}</li>`)}
            </ul>
          </div>`
        : nothing
    }
    ${view.captureNotice ? html`<p class="notice" part="notice">${view.captureNotice}</p>` : nothing}
    <p class="muted">${t.hint[side]}</p>
    ${renderSources(view.sources, side, view.preparing)}
    <div class="actions" part="actions">
      <button part="button" class="secondary" type="button" @click=${on.back}>${strings.back}</button>
    </div>`;
}

/**
 * Every source in order; once one is active (the camera is live), the rest fold under their
 * labels, except while an image is being prepared: that progress is never hidden in a fold.
 */
function renderSources(sources: readonly SourceView[], side: Side, preparing: boolean): (TemplateResult | typeof nothing)[] {
  let folded = false;
  return sources.map((source) => {
    const shown = folded
      ? html`<details class="file-alternative" part="file-alternative">
          <summary>${source.alternativeLabel?.() ?? ''}</summary>
          ${source.render(side)}
        </details>`
      : source.render(side);
    folded ||= source.active && !preparing;
    return shown;
  });
}

export function renderReview({ strings, previewUrl, sources, on }: StepView, side: Side): TemplateResult {
  const t = strings.review;
  const sideName = strings.capture.sideName[side];
  return html`${heading(t.heading(sideName))}
    ${previewUrl ? html`<img class="preview" part="preview" src=${previewUrl} alt=${t.imageAlt(sideName)} />` : nothing}
    ${sources.map((source) => source.renderReviewNotes?.(side) ?? nothing)}
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
    ${
      outcome === 'cancelled'
        ? html`<div class="actions" part="actions">
            <button part="button" type="button" @click=${on.startOver}>${strings.startOver}</button>
          </div>`
        : nothing
    }`;
}

/** Another tab holds the session: say so, and offer to take it over here. */
export function renderElsewhere(strings: Strings, continueHere: () => void): TemplateResult {
  const t = strings.elsewhere;
  return html`${heading(t.heading)}
    <p>${t.lead}</p>
    <div class="actions" part="actions">
      <button part="button" type="button" @click=${continueHere}>${t.continueHere}</button>
    </div>`;
}

export function renderError({ strings, state, errorMessage, on }: StepView): TemplateResult | typeof nothing {
  if (!state.error) return nothing;
  const retryable = state.error.retryable;
  return html`<div class="notice" part="notice" role="alert">
    <p>${errorMessage}</p>
    <div class="actions" part="actions">
      ${
        retryable
          ? html`<button part="button" type="button" @click=${on.retry}>${strings.tryAgain}</button>`
          : html`<button part="button" type="button" @click=${on.startOver}>${strings.startOver}</button>`
      }
    </div>
  </div>`;
}
