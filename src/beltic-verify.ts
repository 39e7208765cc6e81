/**
 * <beltic-verify>: takes an applicant from session start to a verification result.
 *
 *   <beltic-verify api-base="/beltic"></beltic-verify>
 *   el.clientToken = tokenFromYourBackend;
 *
 * The flow itself lives in flow/ (a pure machine plus the controller running its effects); this
 * element owns configuration, rendering by step, focus and announcements, and public events.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DOCUMENT_TYPES, looksLikeSecretKey, type DocumentType, type Side } from './api/contract.js';
import { BelticClient } from './api/client.js';
import { FlowController } from './flow/flow-controller.js';
import type { FlowError, FlowState, Outcome } from './flow/machine.js';
import { createFlowStore } from './persistence/flow-store.js';
import {
  BelticVerifyCancelEvent,
  BelticVerifyCompleteEvent,
  BelticVerifyErrorEvent,
  BelticVerifyReadyEvent,
  BelticVerifyStepChangeEvent,
  BelticVerifyUploadProgressEvent,
} from './events.js';
import { sessionIdFromClientToken } from './session-id.js';
import { LiveCapture } from './camera/live-capture.js';
import type { KeptFrame } from './camera/scan-loop.js';
import { SignalsController } from './signals/signals-controller.js';
import { styles } from './ui/styles.js';
import { errorText, stringsFor, type Strings } from './ui/strings.js';
import * as steps from './ui/steps.js';

/** Configuration problems the host page must fix; shown instead of the flow. */
type ConfigProblem = 'secret_key' | 'missing_config';

const documentTypesConverter = {
  fromAttribute(value: string | null): DocumentType[] {
    const chosen = (value ?? '').split(/[\s,]+/).filter((t): t is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(t));
    return chosen.length ? chosen : [...DOCUMENT_TYPES];
  },
};

/**
 * @tag beltic-verify
 * @summary Takes an applicant from session start to a Beltic identity-verification result.
 *
 * @fires beltic-verify-ready - The flow is loaded (fresh or resumed). `{ sessionId }`
 * @fires beltic-verify-step-change - A new step is shown. `{ step, side, previous }`
 * @fires beltic-verify-upload-progress - Bytes of an image sent. `{ side, loaded, total, percent }`
 * @fires beltic-verify-complete - The flow ended. `{ sessionId, status: passed | review | failed | expired }`
 * @fires beltic-verify-error - Something failed. `{ code, message, recoverable }`
 * @fires beltic-verify-cancel - Cancel was asked for; cancelable. `{ sessionId }`
 *
 * @csspart base - The card around everything.
 * @csspart content - The current step.
 * @csspart heading - Each step's heading.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button.
 * @csspart notice - Errors and retry reasons.
 * @csspart dropzone - Where a file is chosen or dropped.
 * @csspart preview - The image under review.
 * @csspart progress - Upload progress bars.
 * @csspart status - The polite live region (visually hidden).
 * @csspart camera - The camera source of a capture step: viewfinder and shutter.
 * @csspart viewfinder - The live video with its document-shaped guide.
 * @csspart guidance - The live advice shown on the viewfinder.
 * @csspart shutter - The "Take photo" button (also a `button` part).
 * @csspart file-alternative - The file upload, folded while the camera is live.
 * @csspart camera-problem - Why the camera cannot be used, with "Try again".
 * @csspart camera-note - The note shown when the device has no camera.
 * @csspart reading - What the barcode on the back said, on the review step (never stored).
 *
 * @cssprop --beltic-verify-accent - Buttons, focus, progress.
 * @cssprop --beltic-verify-accent-text - Text on accent.
 * @cssprop --beltic-verify-text - Body text.
 * @cssprop --beltic-verify-muted - Secondary text.
 * @cssprop --beltic-verify-surface - Card background.
 * @cssprop --beltic-verify-border - Borders.
 * @cssprop --beltic-verify-danger - Errors.
 * @cssprop --beltic-verify-success - Success.
 * @cssprop --beltic-verify-radius - Corner radius.
 * @cssprop --beltic-verify-font - Font family.
 * @cssprop --beltic-verify-focus-ring - Focus ring (a box-shadow).
 */
export class BelticVerify extends LitElement {
  static override styles = styles;

  // ------------------------------------------------------------ state

  private flow: FlowController | null = null;
  /** Behaviour signals and the device record (signals/): collects from connect, delivers on the flow's hooks. */
  private readonly signals = new SignalsController(this);
  /** The live camera of the capture steps (capture/): opens on a capture step, closes on leaving it. */
  private readonly liveCapture = new LiveCapture(this, {
    captured: (side, photo) => this.useCameraPhoto(side, photo),
    announce: (text) => (this.announcement = text),
    strings: () => this.strings.capture.camera,
    problem: (problem) => this.emitError(`camera_${problem}`, `The camera could not be used (${problem}); the file upload is offered instead.`, true),
    started: (track) => void this.signals.recordCamera(track),
  });
  private token: string | null = null;
  @state() private configProblem: ConfigProblem | null = null;
  @state() private preparing = false;
  @state() private captureNotice: string | null = null;
  @state() private previewUrl: string | null = null;
  @state() private progress: Partial<Record<Side, number>> = {};
  @state() private announcement = '';
  private errorMessage = '';
  private lastStepKey: string | null = null;

  // ------------------------------------------------------------ properties

  /** Where the integrator mounted the server helper's proxy, e.g. "/beltic". */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** The session to verify. Optional with tokens from `beltic-verify/server`, which name their session. */
  @property({ attribute: 'session-id' }) sessionId = '';

  /** Which documents the applicant may choose from (attribute: space-separated). Default: all. */
  @property({ attribute: 'document-types', converter: documentTypesConverter }) documentTypes: DocumentType[] = [...DOCUMENT_TYPES];

  /**
   * Turns off behaviour signals and the device record (docs/signals.md): nothing is listened to,
   * no device is reported, and the session's behaviour block is sent with every field null.
   */
  @property({ type: Boolean, attribute: 'no-signals' }) noSignals = false;

  /** Called for a fresh client token when the current one has expired (a 401). */
  @property({ attribute: false }) getClientToken: (() => Promise<string>) | null = null;

  /**
   * The client token from the integrator's backend. A property, never reflected. The
   * `client-token` attribute is accepted for no-JS pages: it is read once and removed from the DOM.
   */
  @property({ attribute: false })
  get clientToken(): string | null {
    return this.token ? '•••' : null;
  }
  set clientToken(value: string | null) {
    if (looksLikeSecretKey(value)) {
      this.token = null;
      this.refuseSecretKey();
      return;
    }
    this.token = value || null;
    if (this.token && this.configProblem === 'missing_config') this.configProblem = null;
    this.requestUpdate();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'client-token'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'client-token') {
      if (value === null) return;
      this.removeAttribute('client-token');
      this.clientToken = value;
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  // ------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.flow) this.addController(this.flow);
    // Moved in the page mid-capture: the camera closed on removal and opens again here.
    if (this.flow?.state) this.showCameraFor(this.flow.state);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.setPreview(null);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.flow && !this.configProblem && this.apiBase && this.token) void this.start();
    this.focusHeadingOnStepChange();
  }

  // ------------------------------------------------------------ public methods

  /** Starts (or resumes) the flow. Called automatically once `api-base` and the token are set. */
  async start(): Promise<void> {
    if (this.flow) return;
    const sessionId = this.sessionId || (this.token ? sessionIdFromClientToken(this.token) : null);
    if (!this.apiBase || !this.token || !sessionId) {
      this.configProblem = 'missing_config';
      this.emitError('missing_config', 'Set api-base and a client token (with session-id unless the token names its session).', false);
      return;
    }
    const client = new BelticClient({
      apiBase: this.apiBase,
      token: () => this.token,
      refreshToken: async () => {
        if (!this.getClientToken) return null;
        this.clientToken = await this.getClientToken();
        return this.token;
      },
    });
    const store = createFlowStore();
    void store.sweepExpired();
    this.flow = new FlowController(this, client, store, {
      changed: (next, previous) => this.onFlowChanged(next, previous),
      uploadProgress: (side, { loaded, total }) => this.onUploadProgress(side, loaded, total),
      failed: (error, message) => this.onFlowFailed(error, message),
      sessionStarted: () => this.signals.sessionStarted(client, sessionId),
      submitting: () => this.signals.submitting(),
    });
    await this.flow.open(sessionId);
    this.dispatchEvent(new BelticVerifyReadyEvent({ sessionId }));
  }

  /** Forgets this device's progress for the session and starts over at the intro. */
  async reset(): Promise<void> {
    this.setPreview(null);
    this.progress = {};
    await this.flow?.reset();
  }

  /** Asks to cancel; the host page may prevent it. Everything stored is wiped. */
  async cancel(): Promise<boolean> {
    const event = new BelticVerifyCancelEvent({ sessionId: this.flow?.state?.sessionId ?? null });
    if (!this.dispatchEvent(event)) return false;
    this.setPreview(null);
    await this.flow?.close('cancelled');
    return true;
  }

  // ------------------------------------------------------------ flow callbacks

  private onFlowChanged(next: FlowState, previous: FlowState | null): void {
    const step = next.step;
    const side = 'side' in step ? step.side : null;
    const before = previous?.step;
    if (!before || before.name !== step.name || ('side' in before ? before.side : null) !== side) {
      this.dispatchEvent(new BelticVerifyStepChangeEvent({ step: step.name, side, previous: before?.name ?? null }));
      this.captureNotice = null;
      if (step.name === 'review') void this.showPreview(next, step.side);
      else this.setPreview(null);
      if (step.name === 'uploading') this.progress = {};
      this.showCameraFor(next);
      if (step.name !== 'capture' && step.name !== 'review') this.liveCapture.forgetReadings();
    }
    if (step.name === 'result' && before?.name !== 'result') {
      this.signals.flowEnded();
      void this.onFinished(next.sessionId, step.outcome);
    }
  }

  /** The camera is open on a capture step only. */
  private showCameraFor({ step, documentType, issuingCountry }: FlowState): void {
    this.liveCapture.show(step.name === 'capture' ? { side: step.side, documentType, issuingCountry } : null);
  }

  private async onFinished(sessionId: string, outcome: Outcome): Promise<void> {
    this.announcement = this.strings.result[outcome].heading;
    // Announced once nothing of the flow is left in this browser's storage.
    await this.flow?.saved();
    if (outcome !== 'cancelled') this.dispatchEvent(new BelticVerifyCompleteEvent({ sessionId, status: outcome }));
  }

  private onUploadProgress(side: Side, loaded: number, total: number): void {
    const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
    const before = this.progress[side] ?? 0;
    this.progress = { ...this.progress, [side]: percent };
    // Announce quarters only, so a screen reader is informed without being flooded.
    if (Math.floor(percent / 25) > Math.floor(before / 25)) {
      this.announcement = this.strings.uploading.progress(this.strings.capture.sideName[side], percent);
    }
    this.dispatchEvent(new BelticVerifyUploadProgressEvent({ side, loaded, total, percent }));
  }

  private onFlowFailed(error: FlowError, message: string): void {
    this.errorMessage = errorText(this.strings, error.code);
    this.announcement = this.errorMessage;
    this.emitError(error.code, message, error.retryable);
  }

  private emitError(code: string, message: string, recoverable: boolean): void {
    this.dispatchEvent(new BelticVerifyErrorEvent({ code, message, recoverable }));
  }

  private refuseSecretKey(): void {
    this.configProblem = 'secret_key';
    this.emitError('secret_key', 'A secret API key was given to <beltic-verify>; it was discarded and never sent. Give the widget a client token from beltic-verify/server instead.', false);
  }

  // ------------------------------------------------------------ applicant actions

  private readonly handlers: steps.StepHandlers = {
    consent: () => this.flow?.dispatch({ type: 'consented' }),
    chooseDocument: (documentType, issuingCountry) => this.flow?.dispatch({ type: 'document_chosen', documentType, issuingCountry }),
    chooseFile: (side, file) => void this.useFile(side, file),
    dropUrl: (side, url) => void this.useUrl(side, url),
    accept: () => this.flow?.dispatch({ type: 'image_accepted' }),
    retake: () => this.flow?.dispatch({ type: 'retake' }),
    back: () => this.flow?.dispatch({ type: 'back' }),
    retry: () => this.flow?.retry(),
    startOver: () => void this.reset(),
  };

  /** Resolves true once the image moved the flow on to its review. */
  private async useFile(side: Side, file: Blob, source: 'file' | 'camera' = 'file'): Promise<boolean> {
    if (!this.flow || this.preparing) return false;
    this.preparing = true;
    this.captureNotice = null;
    try {
      // Loaded on demand: the image pipeline is only needed once a photo is chosen.
      const { prepareImage } = await import('./upload/prepare-image.js');
      const image = await prepareImage(file);
      await this.flow.addImage(side, image.blob, {
        contentType: image.contentType,
        byteSize: image.byteSize,
        width: image.width,
        height: image.height,
        checksum: image.checksum,
        source,
      });
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable_image';
      this.captureNotice = errorText(this.strings, code);
      this.announcement = this.captureNotice;
      this.emitError(code, (error as Error).message, true);
      return false;
    } finally {
      this.preparing = false;
    }
  }

  /** A camera photo goes through the same preparation as a file (one resize and encode in a worker). */
  private useCameraPhoto(side: Side, photo: KeptFrame): Promise<boolean> {
    return this.useFile(side, photo.blob, 'camera');
  }

  /** Same-origin images only: the widget fetches nothing from elsewhere. */
  private async useUrl(side: Side, url: string): Promise<void> {
    const target = new URL(url, location.href);
    const blob = target.origin === location.origin ? await fetch(target).then((r) => (r.ok ? r.blob() : null)).catch(() => null) : null;
    if (blob) {
      await this.useFile(side, blob);
      return;
    }
    this.captureNotice = errorText(this.strings, 'unreadable_image');
  }

  private async showPreview(state: FlowState, side: Side): Promise<void> {
    const image = state.captures[side];
    const blob = image ? await this.flow?.imageBlob(image) : null;
    if (blob) this.setPreview(URL.createObjectURL(blob));
  }

  /** One owner for the preview's object URL: revoked whenever it is replaced. */
  private setPreview(url: string | null): void {
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.previewUrl = url;
  }

  // ------------------------------------------------------------ rendering

  private get strings(): Strings {
    return stringsFor(this.resolvedLang);
  }

  private get resolvedLang(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en';
  }

  /** Moves focus to the new step's heading, unless the change happened before the applicant interacted. */
  private focusHeadingOnStepChange(): void {
    const step = this.flow?.state?.step;
    if (!step) return;
    const key = `${step.name}:${'side' in step ? step.side : ''}`;
    if (key === this.lastStepKey) return;
    const wasAutomatic = this.lastStepKey === null || this.lastStepKey.startsWith('starting');
    this.lastStepKey = key;
    const focusInside = this.matches(':focus-within');
    if (wasAutomatic && !focusInside) return;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render(): TemplateResult {
    return html`<div class="base" part="base">
      <div part="content">${this.renderBody()}</div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" part="status">${this.announcement}</div>
    </div>`;
  }

  private renderBody(): TemplateResult | typeof nothing {
    const strings = this.strings;
    if (this.configProblem) {
      return html`<div class="notice" role="alert" part="notice"><p>${errorText(strings, this.configProblem)}</p></div>`;
    }
    const state = this.flow?.state;
    if (!state) return html`<p class="muted">${this.token ? strings.starting : strings.waitingForToken}</p>`;
    const view: steps.StepView = {
      strings,
      lang: this.resolvedLang,
      state,
      documentTypes: this.documentTypes,
      preparing: this.preparing,
      captureNotice: this.captureNotice,
      previewUrl: this.previewUrl,
      progress: this.progress,
      captureSources: () => this.liveCapture.renderSource(strings.capture.camera),
      fileAlternativeLabel: this.liveCapture.fileIsAlternative ? strings.capture.camera.uploadInstead : null,
      reviewNotes: (side) => this.liveCapture.renderReading(side, strings.capture.camera, this.resolvedLang),
      on: this.handlers,
    };
    const error = state.error ? steps.renderError(view, this.errorMessage || errorText(strings, state.error.code)) : nothing;
    const step = state.step;
    switch (step.name) {
      case 'starting':
        return state.error ? error : steps.renderStarting(view);
      case 'intro':
        return steps.renderIntro(view);
      case 'document':
        return steps.renderDocument(view);
      case 'capture':
        return steps.renderCapture(view, step.side);
      case 'review':
        return steps.renderReview(view, step.side);
      case 'uploading':
        return html`${steps.renderUploading(view)}${error}`;
      case 'verifying':
        return html`${steps.renderVerifying(view)}${error}`;
      case 'result':
        return steps.renderResult(view, step.outcome);
    }
  }
}
