/**
 * One render function per step, in a table keyed by step name (`STEPS`): adding a step to the
 * machine without a way to show it is a type error. Each gets everything it shows through
 * `StepView` and reports what the applicant does through its handlers: no state lives here.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { REQUIRED_SIDES, type DocumentType, type Side } from '../api/contract.js';
import { captureOrder, type FlowState, type Outcome, type Step, type StepName } from '../flow/machine.js';
import { renderCancelButton, renderCancelDialog } from './cancel-confirm.js';
import { guessCountry } from './countries.js';
import type { CountryField } from './country-field.js';
import { outcomeIcon } from './icons.js';
import { photoSide } from './photo-side.js';
import { resultReasons } from './result-reason.js';
import { renderStepProgress, STEP_PROGRESS_ID, stepPosition } from './step-progress.js';
import type { Strings } from './strings.js';
import { retryNotice } from './reasons.js';
import { renderRetryNotice } from './retry-notice.js';
import { renderPhotoCheckNotice, type PhotoCheckView } from './photo-check-notice.js';

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
  /** "Try again" on the notice of a retry the check asked for. */
  acknowledgeRetry(): void;
  /** "Use this photo anyway" on the notice of a photo the checks before upload refused. */
  useRefusedPhoto(): void;
  startOver(): void;
  /** "Yes, cancel" in the confirmation of "Cancel" (the element's `cancel()`). */
  cancel(): void;
  /** A document type selected in the form, not yet chosen (the step count follows it). */
  selectDocumentType(documentType: DocumentType): void;
  /** "Continue" on a result screen was clicked: the element's event, which may keep the link from being followed. */
  continue(event: MouseEvent): void;
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
  /** Why the checks before upload refused the last photo, shown on the capture step of its side. */
  photoCheck: PhotoCheckView | null;
  previewUrl: string | null;
  progress: Partial<Record<Side, number>>;
  /** The capture sources, in order; the ones after an active source are folded as alternatives. */
  sources: readonly SourceView[];
  /** The words for the error the flow stopped on, if it did. */
  errorMessage: string;
  /** The language tag asked for (the element's, the page's or the browser's): its region is the first guess of the country. */
  languageTag: string;
  /** The issuing country field of the document step (it keeps what the applicant types). */
  countryField: Pick<CountryField, 'render'>;
  /** The document type selected in the document step's form, before it is chosen. */
  selectedDocumentType: DocumentType | null;
  /** Where "Continue" on the result screens leads (`continue-url`, checked to be http or https); null: no link. */
  continueUrl: string | null;
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

/** The step, with where it is in the flow above it and, where it may be cancelled, the confirmation that asks. */
export function renderStep(view: StepView): TemplateResult | typeof nothing {
  const step = view.state.step;
  const render = STEPS[step.name] as StepRenderer<StepName>;
  return html`${renderStepProgress(view.strings, stepPosition(step, sidesInOrder(view)))}${render(view, step as never)}${renderCancelDialog(
    view.strings,
    step.name,
    view.on.cancel,
  )}`;
}

/**
 * The sides of the document, in the order this attempt takes them; before one is chosen, those of
 * the type selected in the form (or chosen before, or offered first).
 */
function sidesInOrder({ state, selectedDocumentType, documentTypes }: StepView): readonly Side[] {
  const beforeChoice = state.step.name === 'intro' || state.step.name === 'document' || !state.documentType;
  if (!beforeChoice) return captureOrder(state);
  const type = (state.step.name === 'document' ? selectedDocumentType : null) ?? state.documentType ?? documentTypes[0];
  return type ? REQUIRED_SIDES[type] : [];
}

/** A step's heading; on the counted steps, "Step n of m" is its description, heard as it takes the focus. */
const heading = (text: string, counted = false) =>
  html`<h2 part="heading" tabindex="-1" aria-describedby=${ifDefined(counted ? STEP_PROGRESS_ID : undefined)}>${text}</h2>`;

/** The documents offered, as one phrase in the element's language ("your passport or your driver's licence"). */
function offeredDocuments(strings: Strings, lang: string, documentTypes: readonly DocumentType[]): string {
  const names = documentTypes.map((type) => strings.intro.documents[type]);
  try {
    return new Intl.ListFormat([lang, 'en'], { type: 'disjunction' }).format(names);
  } catch {
    return new Intl.ListFormat('en', { type: 'disjunction' }).format(names);
  }
}

export function renderStarting(view: StepView): TemplateResult {
  return html`${heading(view.strings.starting)}
    <div class="spinner" role="presentation"></div>`;
}

export function renderIntro({ strings, lang, documentTypes, on }: StepView): TemplateResult {
  const t = strings.intro;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    on.consent();
  };
  return html`${heading(t.heading, true)}
    <p>${t.lead(offeredDocuments(strings, lang, documentTypes))}</p>
    <ol>
      ${t.steps.map((step) => html`<li>${step}</li>`)}
    </ol>
    <h3>${t.collectedHeading}</h3>
    <ul class="muted">
      ${t.collected.map((item) => html`<li>${item}</li>`)}
    </ul>
    <form @submit=${submit}>
      <label class="choice"><input type="checkbox" name="consent" required />${t.consent}</label>
      <div class="actions" part="actions"><button part="button" type="submit">${t.start}</button>${renderCancelButton(strings)}</div>
    </form>`;
}

export function renderDocument({ strings, lang, state, documentTypes, languageTag, countryField, on }: StepView): TemplateResult {
  const t = strings.document;
  const chosenType = state.documentType ?? documentTypes[0];
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    on.chooseDocument(data.get('document_type') as DocumentType, String(data.get('issuing_country')));
  };
  return html`${heading(t.heading, true)}
    <form @submit=${submit}>
      <fieldset>
        <legend>${t.typeLabel}</legend>
        ${documentTypes.map(
          (type) =>
            html`<label class="choice"
              ><input
                type="radio"
                name="document_type"
                value=${type}
                ?checked=${type === chosenType}
                required
                @change=${() => on.selectDocumentType(type)}
              />${t.types[type]}</label
            >`,
        )}
      </fieldset>
      ${countryField.render({ lang, strings, initial: state.issuingCountry ?? guessCountry(languageTag) })}
      <div class="actions" part="actions">
        <button part="button" type="submit">${t.continue}</button>
        <button part="button" class="secondary" type="button" @click=${on.back}>${strings.back}</button>
        ${renderCancelButton(strings)}
      </div>
    </form>`;
}

export function renderCapture(view: StepView, side: Side): TemplateResult {
  const { strings, state, on } = view;
  const t = strings.capture;
  return html`${heading(captureHeading(strings, state.documentType, side), true)}
    ${renderRetryNotice({
      notice: retryNotice(strings, state, side),
      cameraOn: view.sources.some((source) => source.active),
      tryAgain: t.retry.tryAgain,
      onTryAgain: on.acknowledgeRetry,
    })}
    ${view.captureNotice ? html`<p class="notice" part="notice">${view.captureNotice}</p>` : nothing}
    ${renderPhotoCheckNotice(strings, view.photoCheck, side, on.useRefusedPhoto)}
    <p class="muted">${t.hint[side]}</p>
    ${renderSources(view.sources, side, view.preparing)}
    <div class="actions" part="actions">
      <button part="button" class="secondary" type="button" @click=${on.back}>${strings.back}</button>
      ${renderCancelButton(strings)}
    </div>`;
}

/** The whole heading written for the document type and side; the chosen document's first side's if the pair is not one it has. */
function captureHeading(strings: Strings, documentType: DocumentType | null, side: Side): string {
  const type = documentType ?? 'drivers_license';
  const headings: Partial<Record<string, string>> = strings.capture.headings[type];
  return headings[photoSide(type, side)] ?? Object.values(headings)[0] ?? strings.document.heading;
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

export function renderReview({ strings, state, previewUrl, sources, on }: StepView, side: Side): TemplateResult {
  const t = strings.review;
  const shown = photoSide(state.documentType, side);
  return html`${heading(t.heading[shown], true)}
    ${previewUrl ? html`<img class="preview" part="preview" src=${previewUrl} alt=${t.imageAlt[shown]} />` : nothing}
    ${sources.map((source) => source.renderReviewNotes?.(side) ?? nothing)}
    <p>${t.question}</p>
    <div class="actions" part="actions">
      <button part="button" type="button" @click=${on.accept}>${t.use}</button>
      <button part="button" class="secondary" type="button" @click=${on.retake}>${t.retake}</button>
      ${renderCancelButton(strings)}
    </div>`;
}

export function renderUploading({ strings, state, progress }: StepView): TemplateResult {
  const t = strings.uploading;
  const sides = Object.keys(state.captures) as Side[];
  return html`${heading(t.heading, true)}
  ${sides.map((side) => {
    const done = state.document?.files[side]?.uploaded ?? false;
    const percent = done ? 100 : (progress[side] ?? 0);
    const shown = photoSide(state.documentType, side);
    return html`<label for="progress-${side}">${done ? t.done[shown] : t.progress[shown](percent)}</label>
      <progress part="progress" id="progress-${side}" max="100" value=${percent}></progress>`;
  })}`;
}

export function renderVerifying({ strings }: StepView): TemplateResult {
  return html`${heading(strings.verifying.heading, true)}
    <p>${strings.verifying.lead}</p>
    <div class="spinner" role="presentation"></div>`;
}

/**
 * The end: an icon for the outcome (decorative: the heading says it), why where the flow knows
 * (the failed screen: result-reason.ts), what to do next, and the integrator's "Continue" link
 * (`continue-url`) with "Start again" after a cancel.
 */
export function renderResult({ strings, state, continueUrl, on }: StepView, outcome: Outcome): TemplateResult {
  const t = strings.result[outcome];
  const tone = outcome === 'passed' ? 'notice success' : outcome === 'review' ? '' : 'notice';
  const reasons = resultReasons(strings, state);
  const actions = [
    continueUrl ? html`<a class="button" part="button continue" href=${continueUrl} @click=${on.continue}>${strings.continue}</a>` : nothing,
    outcome === 'cancelled'
      ? html`<button part="button" class=${continueUrl ? 'secondary' : ''} type="button" @click=${on.startOver}>${strings.startOver}</button>`
      : nothing,
  ];
  return html`<div class="result ${outcome}">
    ${outcomeIcon(outcome)} ${heading(t.heading)}
    ${
      reasons.length
        ? html`<ul class="reasons" part="reasons">
            ${reasons.map((reason) => html`<li>${reason}</li>`)}
          </ul>`
        : nothing
    }
    <p class=${ifDefined(tone || undefined)}>${t.lead}</p>
    ${continueUrl || outcome === 'cancelled' ? html`<div class="actions" part="actions">${actions}</div>` : nothing}
  </div>`;
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
