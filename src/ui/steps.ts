/**
 * How each step is shown: the first ones here (starting, intro, and the screens any step may turn
 * into), the ones after the intro in later-steps.ts, which the element loads with the capture parts
 * (capture-parts.ts) so that its first download holds only what the intro needs. The two tables are
 * keyed by step name: adding a step to the machine without a way to show it is a type error. Each
 * renderer gets everything it shows through its view and reports what the applicant does through
 * its handlers: no state lives here.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { REQUIRED_SIDES, type DocumentType, type Side } from '../api/contract.js';
import { captureOrder, type FlowState, type Step, type StepName } from '../flow/machine.js';
import { renderCancelButton, renderCancelDialog } from './cancel-confirm.js';
import type { CountryField } from './country-field.js';
import { renderStepProgress, STEP_PROGRESS_ID, stepPosition } from './step-progress.js';
import type { Strings } from './strings.js';
import type { PhotoCheckView } from './photo-check-notice.js';

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
  progress: Partial<Record<Side, number>>;
  /** The words for the error the flow stopped on, if it did. */
  errorMessage: string;
  /** The language tag asked for (the element's, the page's or the browser's): its region is the first guess of the country. */
  languageTag: string;
  /** The document type selected in the document step's form, before it is chosen. */
  selectedDocumentType: DocumentType | null;
  /** Where "Continue" on the result screens leads (`continue-url`, checked to be http or https); null: no link. */
  continueUrl: string | null;
  on: StepHandlers;
}

/** What the steps after the intro show besides, from the capture parts (capture-parts.ts). */
export interface LaterView extends StepView {
  /** The capture sources, in order; the ones after an active source are folded as alternatives. */
  sources: readonly SourceView[];
  previewUrl: string | null;
  /** The issuing country field of the document step (it keeps what the applicant types). */
  countryField: Pick<CountryField, 'render'>;
}

type StepRenderer<N extends StepName, V extends StepView = StepView> = (view: V, step: Extract<Step, { name: N }>) => TemplateResult | typeof nothing;

/** The steps after the intro, shown by later-steps.ts. */
export type LaterStepName = Exclude<StepName, 'starting' | 'intro'>;

/** Whether `step` is shown by later-steps.ts (and so waits for the capture parts). */
export function isLaterStep(step: Step): step is Extract<Step, { name: LaterStepName }> {
  return step.name !== 'starting' && step.name !== 'intro';
}

export type LaterSteps = { readonly [N in LaterStepName]: StepRenderer<N, LaterView> };

/** The steps shown before the capture parts are needed. An error the flow stopped on shows with the step it stopped at. */
const FIRST_STEPS: { readonly [N in Exclude<StepName, LaterStepName>]: StepRenderer<N> } = {
  starting: (view) => (view.state.error ? renderError(view) : renderStarting(view)),
  intro: (view) => renderIntro(view),
};

/**
 * The step, with where it is in the flow above it and, where it may be cancelled, the confirmation
 * that asks. `later` is null while the capture parts load: a step after the intro shows a spinner.
 */
export function renderStep(view: StepView, later: { steps: LaterSteps; view: Omit<LaterView, keyof StepView> } | null): TemplateResult | typeof nothing {
  const step = view.state.step;
  let shown: TemplateResult | typeof nothing;
  if (!isLaterStep(step)) shown = (FIRST_STEPS[step.name] as StepRenderer<StepName>)(view, step as never);
  else if (later) shown = (later.steps[step.name] as StepRenderer<StepName, LaterView>)({ ...view, ...later.view }, step as never);
  else return renderLoading();
  return html`${renderStepProgress(view.strings, stepPosition(step, sidesInOrder(view)))}${shown}${renderCancelDialog(view.strings, step.name, view.on.cancel)}`;
}

/** A step after the intro whose code is still on its way (a reload that resumes past the intro, on a slow network). */
function renderLoading(): TemplateResult {
  return html`<div class="spinner" role="presentation"></div>`;
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
export const heading = (text: string, counted = false) =>
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
