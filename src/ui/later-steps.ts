/**
 * How the steps after the intro are shown (ui/steps.ts has the first ones and the table's types):
 * loaded with the capture parts (capture-parts.ts), not with the element.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { DocumentType, Side } from '../api/contract.js';
import type { Outcome } from '../flow/machine.js';
import { renderCancelButton } from './cancel-confirm.js';
import { guessCountry } from './countries.js';
import { outcomeIcon } from './icons.js';
import { photoSide } from './photo-side.js';
import { renderPhotoCheckNotice } from './photo-check-notice.js';
import { retryNotice } from './reasons.js';
import { resultReasons } from './result-reason.js';
import { renderRetryNotice } from './retry-notice.js';
import { heading, renderError, type LaterSteps, type LaterView, type SourceView } from './steps.js';
import type { Strings } from './strings.js';

export const LATER_STEPS: LaterSteps = {
  document: (view) => renderDocument(view),
  capture: (view, step) => renderCapture(view, step.side),
  review: (view, step) => renderReview(view, step.side),
  uploading: (view) => html`${renderUploading(view)}${renderError(view)}`,
  verifying: (view) => html`${renderVerifying(view)}${renderError(view)}`,
  result: (view, step) => renderResult(view, step.outcome),
};

function renderDocument({ strings, lang, state, documentTypes, languageTag, countryField, on }: LaterView): TemplateResult {
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

function renderCapture(view: LaterView, side: Side): TemplateResult {
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

function renderReview({ strings, state, previewUrl, sources, on }: LaterView, side: Side): TemplateResult {
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

function renderUploading({ strings, state, progress }: LaterView): TemplateResult {
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

function renderVerifying({ strings }: LaterView): TemplateResult {
  return html`${heading(strings.verifying.heading, true)}
    <p>${strings.verifying.lead}</p>
    <div class="spinner" role="presentation"></div>`;
}

/**
 * The end: an icon for the outcome (decorative: the heading says it), why where the flow knows
 * (the failed screen: result-reason.ts), what to do next, and the integrator's "Continue" link
 * (`continue-url`) with "Start again" after a cancel.
 */
function renderResult({ strings, state, continueUrl, on }: LaterView, outcome: Outcome): TemplateResult {
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
