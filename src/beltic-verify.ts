/**
 * <beltic-verify>: takes an applicant from session start to a verification result.
 *
 *   <beltic-verify api-base="/beltic"></beltic-verify>
 *   el.clientToken = tokenFromYourBackend;
 *
 * The element is a view. Its controllers own the work and follow the flow themselves:
 * - flow/: the machine and the controller running its effects (session, image preparation and
 *   storage, uploads, the verification);
 * - the capture sources (camera/, sources/): a list the capture step renders in order;
 * - signals/: behaviour and device signals, delivered on the flow's milestones;
 * - ui/preview.ts: the image under review.
 * This element owns configuration, rendering by step (ui/steps.ts), focus and announcements, and
 * turns the flow's notices into its public events.
 */
// Trusted Types (workers/trusted-types.ts). Keep it the first import: it must be evaluated before lit,
// to say so when the page's policy does not let lit load, and to let lit load where there is no DOM.
import { importedWithoutDom, reportBlockedWorkers } from './workers/trusted-types.js';
import { LitElement, adoptStyles, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DOCUMENT_TYPES, looksLikeSecretKey, type DocumentType } from './api/contract.js';
import type { FlowController, FlowListener, FlowNotice } from './flow/flow-controller.js';
import type { FlowState } from './flow/machine.js';
import { internals, type Internals } from './internals.js';
import type { SourceContext } from './sources/capture-source.js';
import {
  BelticVerifyCancelEvent,
  BelticVerifyCompleteEvent,
  BelticVerifyContinueEvent,
  BelticVerifyErrorEvent,
  BelticVerifyReadyEvent,
  BelticVerifyStepChangeEvent,
  BelticVerifyUploadProgressEvent,
} from './events.js';
import { sessionIdFromClientToken } from './session-id.js';
import type { SignalsController } from './signals/signals-controller.js';
import type { CaptureParts } from './capture-parts.js';
import { styles } from './ui/styles.js';
import { en } from './ui/i18n/en.js';
import { LanguageController } from './ui/language-controller.js';
import { FocusKeeper } from './ui/focus-keeper.js';
import { errorText, type Strings } from './ui/strings.js';
import { isLaterStep, renderElsewhere, renderStep, type StepHandlers, type StepView } from './ui/steps.js';
import { photoCheckAnnouncement } from './ui/photo-check-notice.js';
import { photoSide } from './ui/photo-side.js';
import { continueHref } from './ui/continue-url.js';
import { retryAnnouncement } from './ui/reasons.js';

/**
 * Attributes a token may arrive in, each read once and removed: `client-token` (a page without
 * JavaScript of its own), `clienttoken` (a server renderer's rendering of the `clientToken` property).
 */
const TOKEN_ATTRIBUTES = ['client-token', 'clienttoken'] as const;

/** The flow made from its code (flow-parts.ts), and that code, once loaded. */
interface FlowRunner {
  flow: FlowController;
  code: typeof import('./flow-parts.js');
}

/** Configuration problems the host page must fix; shown instead of the flow. */
type ConfigProblem = 'secret_key' | 'missing_config' | 'session_mismatch';

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
 * @fires beltic-verify-continue - "Continue" was pressed on a result screen (`continue-url`); cancelable: preventDefault() keeps the link from being followed. `{ sessionId, status }`
 *
 * @csspart base - The card around everything.
 * @csspart content - The current step.
 * @csspart heading - Each step's heading.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button.
 * @csspart notice - Errors and retry reasons.
 * @csspart retry-notice - Why new photos are needed, on the capture step after a retry the check asked for (also a `notice` part).
 * @csspart dropzone - Where a file is chosen or dropped.
 * @csspart preview - The image under review.
 * @csspart progress - Upload progress bars.
 * @csspart step-progress - "Step n of m" and its bar, above each step's heading.
 * @csspart confirm - The confirmation asked for after "Cancel" (a modal dialog).
 * @csspart result-icon - The icon of a result screen.
 * @csspart reasons - Why, on the failed result screen.
 * @csspart continue - The "Continue" link of the result screens (also a `button` part).
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

  // ------------------------------------------------------------ parts

  /**
   * The flow (flow-parts.ts: the controller, its storage, the API client): not in the element's first
   * download. Loaded on connect, beside the signals; until then, null, and the element shows that it is starting.
   */
  private runner: FlowRunner | null = null;
  private get flow(): FlowController | null {
    return this.runner?.flow ?? null;
  }
  private flowLoading: Promise<FlowRunner | null> | null = null;
  /** The flow's code could not be loaded (offline): the element offers "Try again". */
  @state() private flowFailed = false;
  /** The signals follow the flow through the element, which has it only once its code is in. */
  private readonly flowFollowers = new Set<FlowListener>();
  /** Focus never falls to the page when a render removes what held it. */
  private readonly focusKeeper = new FocusKeeper(this);
  /** The words, their direction, and the locale of dates and country names. */
  private readonly language = new LanguageController(this);
  /** What capture sources are given besides the flow: the element's words and voice. */
  private readonly voice: Omit<SourceContext, 'flow'> = {
    strings: () => this.strings,
    lang: () => this.locale,
    announce: (text) => (this.announcement = text),
    reportError: (code, message, recoverable) => this.emitError(code, message, recoverable),
    keepFocus: (find) => this.focusKeeper.keep(find),
  };
  /**
   * The camera, the file source, the preview, the country field and the steps after the intro
   * (capture-parts.ts): not in the element's first download. Loaded once the intro shows (or a reload
   * resumes past it); until then, null.
   */
  private parts: CaptureParts | null = null;
  private partsLoading: Promise<CaptureParts | null> | null = null;
  private laterStylesAdopted = false;
  /** The capture parts could not be loaded (offline): a step after the intro offers "Try again". */
  @state() private partsFailed = false;
  /**
   * Behaviour signals and the device record (signals/): collect from connect, deliver on the flow's
   * milestones. Loaded on connect, beside the element's first download; the flow opens once they are
   * in place, so nothing the applicant does on the intro goes unrecorded. Null until then.
   */
  private signals: SignalsController | null = null;
  private signalsLoading: Promise<void> | null = null;
  /** Camera streams as they open, for the signals: the camera comes later, with the capture parts. */
  private readonly cameraListeners = new Set<(track: MediaStreamTrack) => void>();

  /** For this project's tests and tools (src/internals.ts); not part of the package's API. */
  get [internals](): Internals {
    const loaded = <T>(part: T | null, name: string): T => {
      if (!part) throw new Error(`<beltic-verify>'s ${name} is not loaded yet.`);
      return part;
    };
    // Read when asked for: the parts arrive after this object is made.
    const flow = () => loaded(this.flow, 'flow (it is loaded on connect)');
    const flowLoaded = () => this.flow !== null;
    const camera = () => loaded(this.parts?.camera ?? null, 'camera (it comes with the capture parts, once the intro shows)');
    const signals = () => loaded(this.signals, 'signals controller (it is loaded on connect)');
    return {
      get flow() {
        return flow();
      },
      get flowLoaded() {
        return flowLoaded();
      },
      get camera() {
        return camera();
      },
      get signals() {
        return signals();
      },
    };
  }

  // ------------------------------------------------------------ state

  private token: string | null = null;
  /**
   * The session the flow was last asked to open, and a count of those asks: a client made for an
   * earlier one sends nothing any more (its token is gone), so a flow let go of makes no call.
   */
  private opening: { sessionId: string; run: number } | null = null;
  private runs = 0;
  @state() private configProblem: ConfigProblem | null = null;
  @state() private announcement = '';
  /** The document type selected in the document step's form, until it is chosen (the step count follows it). */
  @state() private selectedDocumentType: DocumentType | null = null;
  /** `continue-url`, checked (http or https only); null: no "Continue" link. */
  private continueLink: string | null = null;
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

  /**
   * The folder (a URL, absolute or relative to the page) holding the widget's worker files, where
   * they are not next to the script: the script served from another origin, or bundled by a tool
   * that does not emit workers. One setting for the page: the widget's workers are taken from there
   * for every element (the last one set wins); README, "Hosting the worker files".
   */
  @property({ attribute: 'assets-base' }) assetsBase = '';

  /**
   * Where "Continue" on the result screens leads: the integrator's next page, an http or https URL
   * (relative to the page, or absolute). Anything else (`javascript:`, `data:`) is refused with a
   * recoverable `beltic-verify-error` (`invalid_continue_url`) and no link is shown. Pressing it
   * fires the cancelable `beltic-verify-continue` first.
   */
  @property({ attribute: 'continue-url' }) continueUrl = '';

  /** Called for a fresh client token when the current one has expired (a 401). */
  @property({ attribute: false }) getClientToken: (() => Promise<string>) | null = null;

  /**
   * The client token from the integrator's backend. A property, never reflected. The
   * `client-token` attribute is accepted for no-JS pages: it is read once and removed from the DOM.
   * So is `clienttoken`, which is what a server renderer writes for the property (React 19 renders
   * `clientToken` as an attribute, lowercased by HTML); never render the token on the server.
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
    // A new token may be the one that was missing, or one that matches `session-id`: look again.
    if (this.token && (this.configProblem === 'missing_config' || this.configProblem === 'session_mismatch')) this.configProblem = null;
    this.requestUpdate();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...TOKEN_ATTRIBUTES, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    // `lang` is the platform's own attribute: every change re-renders the words (loading their table first).
    if (name === 'lang') this.requestUpdate();
    if ((TOKEN_ATTRIBUTES as readonly string[]).includes(name)) {
      if (value === null) return;
      this.removeAttribute(name);
      this.clientToken = value;
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  // ------------------------------------------------------------ lifecycle

  constructor() {
    super();
    // Trusted Types: a recoverable `workers_blocked`, once, if the page's policy keeps the workers from starting.
    // (Any other worker that cannot start is told by the capture parts, where the workers start: `worker_unavailable`.)
    reportBlockedWorkers(this, this.voice.reportError);
  }

  override connectedCallback(): void {
    // A server renderer may connect the element (lit's `litSsrCallConnectedCallback`): its parts
    // (camera, storage, signals) need a browser, and on a server there is nothing for them to do.
    if (typeof document === 'undefined') return;
    super.connectedCallback();
    void this.loadSignals();
    void this.loadFlow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.adoptLaterStyles();
    if (changed.has('assetsBase')) this.parts?.assetsBaseChanged(this.assetsBase);
    if (changed.has('continueUrl')) this.checkContinueUrl();
    // Another `session-id` or `api-base` may be what was missing, or what matches the token: look again.
    if ((changed.has('sessionId') || changed.has('apiBase')) && (this.configProblem === 'missing_config' || this.configProblem === 'session_mismatch')) {
      this.configProblem = null;
    }
    // Before rendering: a session let go of for another one is not shown once more.
    if (!this.configProblem && this.apiBase && this.token && this.wantedSession() !== this.opening?.sessionId) void this.start();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.focusHeadingOnStepChange();
    this.focusKeeper.restore();
  }

  // ------------------------------------------------------------ public methods

  /**
   * Starts (or resumes) the flow. Called automatically once `api-base` and the token are set, and
   * again when they name another session (a token for another session, another `session-id`): the
   * flow then lets go of the one it ran (its work stops, its camera closes, what it stored in this
   * tab is wiped) and opens the new one, with `beltic-verify-ready` and the step changes from the start.
   */
  async start(): Promise<void> {
    const conflict = this.sessionConflict();
    if (conflict) return this.refuseSessionMismatch(conflict);
    const sessionId = this.wantedSession();
    if (!this.apiBase || !this.token || !sessionId) {
      this.configProblem = 'missing_config';
      this.emitError('missing_config', 'Set api-base and a client token (with session-id unless the token names its session).', false);
      return;
    }
    if (sessionId === this.opening?.sessionId) return;
    const run = ++this.runs;
    this.opening = { sessionId, run };
    const current = () => this.opening?.run === run;
    // The flow's code, and the signals (they follow the flow from its start, `session_started`: in place before it opens).
    const [runner] = await Promise.all([this.loadFlow(), this.loadSignals()]);
    // Code that could not be loaded is said (with "Try again", which starts again): nothing retries by itself.
    if (!runner || !current()) return;
    const { flow, code } = runner;
    /** The newest token for this session: one for another session (set, not yet switched to) is not sent here. */
    let own: string | null = null;
    const client = new code.BelticClient({
      apiBase: this.apiBase,
      // A flow let go of keeps its client, but the client has no token any more: it sends nothing.
      token: () => {
        if (!current()) return null;
        const named = this.token ? sessionIdFromClientToken(this.token) : null;
        if (!named || named === sessionId) own = this.token;
        return own;
      },
      refreshToken: async () => {
        if (!this.getClientToken || !current()) return null;
        // A rejection or an empty answer is a failed refresh: a retryable error, asked again on "Try again".
        const fresh = await this.getClientToken();
        if (!fresh) throw new Error('getClientToken() gave no token');
        // A refresh is for this session: a token for another one is refused (the applicant is not
        // moved to another session in the middle of this one), and so is the refresh.
        const named = sessionIdFromClientToken(fresh);
        if (named && named !== sessionId) {
          this.emitError(
            'session_mismatch',
            `getClientToken() gave a token for another session (${named}) than the one under way (${sessionId}); it was not used. It must give a fresh token for the same session. To move to another session, set clientToken.`,
            false,
          );
          throw new Error(`getClientToken() gave a token for another session (${named})`);
        }
        if (!current()) return null;
        this.clientToken = fresh;
        return this.token;
      },
    });
    const storage = code.createWidgetStorage({
      onUnavailable: () =>
        this.emitError('storage_unavailable', "This browser's storage is unavailable: the verification goes on, but a reload would start it over.", true),
    });
    void storage.sweepExpired();
    // Resolves false when another session was asked for meanwhile: that one says it is ready.
    if (await flow.open({ client, sessionId, storage })) this.dispatchEvent(new BelticVerifyReadyEvent({ sessionId }));
  }

  /**
   * The signals controller, loaded once (signals/signals-controller.ts, a chunk of its own). If its
   * file cannot be loaded (offline, blocked), the flow goes on without signals and the page is told.
   */
  private loadSignals(): Promise<void> {
    this.signalsLoading ??= import('./signals/signals-controller.js').then(
      ({ SignalsController }) => {
        const camera = { listenCamera: (listener: (track: MediaStreamTrack) => void) => this.cameraListeners.add(listener) };
        const flow = { listen: (listener: FlowListener) => this.flowFollowers.add(listener) };
        this.signals = new SignalsController(this, { flow, camera });
      },
      () => this.emitError('signals_unavailable', 'The behaviour signals could not be loaded (dist/chunks): the verification goes on without them.', true),
    );
    return this.signalsLoading;
  }

  /**
   * The flow's code (flow-parts.ts), loaded once, and the flow made from it; the element follows it, and
   * relays what it says to the signals. A failed load (offline) is said, with "Try again" in the element.
   */
  private loadFlow(): Promise<FlowRunner | null> {
    this.flowLoading ??= import('./flow-parts.js').then(
      (code) => {
        const runner = { flow: new code.FlowController(this), code };
        runner.flow.listen((notice) => {
          this.onFlowNotice(runner, notice);
          this.flowFollowers.forEach((follower) => follower(notice));
        });
        this.runner = runner;
        this.flowFailed = false;
        return runner;
      },
      () => {
        this.flowLoading = null;
        this.flowFailed = true;
        this.sayNotLoaded('the flow');
        return null;
      },
    );
    return this.flowLoading;
  }

  /** "Try again" after the flow's code failed to load: fetched again, and the session asked for (if any yet) started afresh. */
  private retryFlow(): void {
    this.opening = null;
    void this.loadFlow();
    this.requestUpdate();
  }

  /**
   * The capture parts (capture-parts.ts), loaded once; the steps after the intro wait for them. A
   * failed load (offline) is said once, with "Try again" on the step, which loads them again.
   */
  private loadCaptureParts({ flow, code }: FlowRunner): Promise<CaptureParts | null> {
    this.partsLoading ??= code.loadCaptureParts().then(
      ({ createCaptureParts }) => {
        const parts = createCaptureParts(this, { ...this.voice, flow }, this.assetsBase);
        parts.camera.listenCamera((track) => this.cameraListeners.forEach((listener) => listener(track)));
        this.parts = parts;
        this.partsFailed = false;
        this.requestUpdate();
        return parts;
      },
      () => {
        this.partsLoading = null;
        this.partsFailed = true;
        this.sayNotLoaded('the steps after the intro');
        return null;
      },
    );
    return this.partsLoading;
  }

  /** A chunk of the widget's code could not be fetched (offline): said to the applicant and to the page, recoverable. */
  private sayNotLoaded(what: string): void {
    this.announcement = errorText(this.strings, 'network');
    this.emitError('network', `The code of ${what} could not be loaded (dist/chunks): "Try again" loads it again.`, true);
  }

  /** The later steps' styles (capture-parts.ts), after the element's own in its shadow root: once, before a later step renders. */
  private adoptLaterStyles(): void {
    if (!this.parts || this.laterStylesAdopted) return;
    adoptStyles(this.renderRoot as ShadowRoot, [...(this.constructor as typeof BelticVerify).elementStyles, this.parts.styles]);
    this.laterStylesAdopted = true;
  }

  /** Forgets this device's progress for the session and starts over at the intro. */
  async reset(): Promise<void> {
    await this.flow?.reset();
  }

  /** Asks to cancel; the host page may prevent it. Everything stored is wiped. */
  async cancel(): Promise<boolean> {
    const event = new BelticVerifyCancelEvent({ sessionId: this.flow?.state?.sessionId ?? null });
    if (!this.dispatchEvent(event)) return false;
    await this.flow?.close('cancelled');
    return true;
  }

  // ------------------------------------------------------------ which session

  /** The session asked for: `session-id`, else the one the token names; null when neither says. */
  private wantedSession(): string | null {
    const named = this.token ? sessionIdFromClientToken(this.token) : null;
    // A token that names no session (another token shape) is for the session under way.
    return this.sessionId || named || (this.token ? (this.opening?.sessionId ?? null) : null);
  }

  /** `session-id` and the token name two different sessions: the token cannot be used for it. */
  private sessionConflict(): { attribute: string; token: string } | null {
    const named = this.token ? sessionIdFromClientToken(this.token) : null;
    return this.sessionId && named && named !== this.sessionId ? { attribute: this.sessionId, token: named } : null;
  }

  /** Runs neither session: the flow lets go of the one it ran, and the page is told what to fix. */
  private refuseSessionMismatch({ attribute, token }: { attribute: string; token: string }): void {
    this.opening = null;
    this.flow?.leave();
    this.configProblem = 'session_mismatch';
    this.emitError(
      'session_mismatch',
      `session-id is ${attribute} but the client token is for session ${token}: neither is started. Set a token for ${attribute}, or session-id to ${token} (or remove it: tokens from beltic-verify/server name their session).`,
      false,
    );
  }

  // ------------------------------------------------------------ the flow's notices, as public events

  private onFlowNotice(runner: FlowRunner, notice: FlowNotice): void {
    switch (notice.type) {
      case 'changed':
        // From the intro on (or a step after it, resumed): what the steps after the intro need is fetched, while the intro is read.
        if (notice.state.step.name !== 'starting') void this.loadCaptureParts(runner);
        return this.onStepMaybeChanged(notice.state, notice.previous);
      case 'upload_progress': {
        const { side, loaded, total, percent, previousPercent } = notice;
        // Announce quarters only, so a screen reader is informed without being flooded.
        if (Math.floor(percent / 25) > Math.floor(previousPercent / 25)) {
          this.announcement = this.strings.uploading.progress[photoSide(runner.flow.state?.documentType ?? null, side)](percent);
        }
        this.dispatchEvent(new BelticVerifyUploadProgressEvent({ side, loaded, total, percent }));
        return;
      }
      case 'failed':
        this.errorMessage = errorText(this.strings, notice.error.code);
        this.announcement = this.errorMessage;
        return this.emitError(notice.error.code, notice.message, notice.error.retryable);
      case 'image_refused':
        this.announcement = errorText(this.strings, notice.code);
        return this.emitError(notice.code, notice.message, true);
      case 'photo_refused': {
        // What is wrong with the photo, as the notice says it: whole sentences, one after the other.
        this.announcement = photoCheckAnnouncement(this.strings, notice.check);
        const { side, problems, source } = notice.check;
        return this.emitError(
          'photo_refused',
          `The photo of the ${side} (from the ${source}) was refused by the checks before upload: ${problems.join(', ')}.`,
          true,
        );
      }
      case 'finished':
        // Announced once nothing of the flow is left in this browser's storage.
        if (notice.outcome !== 'cancelled') this.dispatchEvent(new BelticVerifyCompleteEvent({ sessionId: notice.sessionId, status: notice.outcome }));
        return;
      case 'elsewhere':
        this.announcement = this.strings.elsewhere.heading;
        return;
      case 'left':
        // The session shown is gone (another one opens); the camera and the preview follow it themselves.
        this.errorMessage = '';
        this.lastStepKey = null;
        this.parts?.countryField.reset();
        return;
      case 'session_started':
      case 'submitting':
        return;
    }
  }

  private onStepMaybeChanged(next: FlowState, previous: FlowState | null): void {
    const step = next.step;
    const side = 'side' in step ? step.side : null;
    const before = previous?.step;
    if (before && before.name === step.name && ('side' in before ? before.side : null) === side) return;
    this.selectedDocumentType = null;
    this.dispatchEvent(new BelticVerifyStepChangeEvent({ step: step.name, side, previous: before?.name ?? null }));
    if (step.name === 'result') this.announcement = this.strings.result[step.outcome].heading;
    // The check asked for new photos: why is said as its notice appears (its heading gets focus).
    if (next.retryPending && !previous?.retryPending) this.announcement = retryAnnouncement(this.strings, next) ?? this.announcement;
  }

  /** `continue-url` is linked to only if it is http(s); anything else is said once, to the page. */
  private checkContinueUrl(): void {
    // A server renderer has no page to resolve against, and never renders a result screen.
    if (typeof document === 'undefined') return;
    this.continueLink = continueHref(this.continueUrl, document.baseURI);
    if (this.continueUrl.trim() && !this.continueLink) {
      this.emitError(
        'invalid_continue_url',
        'continue-url must be an http or https URL (absolute, or relative to the page); no "Continue" link is shown.',
        true,
      );
    }
  }

  private emitError(code: string, message: string, recoverable: boolean): void {
    this.dispatchEvent(new BelticVerifyErrorEvent({ code, message, recoverable }));
  }

  private refuseSecretKey(): void {
    this.configProblem = 'secret_key';
    this.emitError(
      'secret_key',
      'A secret API key was given to <beltic-verify>; it was discarded and never sent. Give the widget a client token from beltic-verify/server instead.',
      false,
    );
  }

  // ------------------------------------------------------------ applicant actions

  private readonly handlers: StepHandlers = {
    consent: () => this.flow?.dispatch({ type: 'consented' }),
    chooseDocument: (documentType, issuingCountry) => this.flow?.dispatch({ type: 'document_chosen', documentType, issuingCountry }),
    accept: () => this.flow?.dispatch({ type: 'image_accepted' }),
    retake: () => this.flow?.dispatch({ type: 'retake' }),
    back: () => this.flow?.dispatch({ type: 'back' }),
    retry: () => this.flow?.retry(),
    acknowledgeRetry: () => {
      // Its button goes with the press: focus goes on to the shutter (the step's heading without a camera).
      this.focusKeeper.keep((root) => root.querySelector<HTMLElement>('button.shutter:not(:disabled)'));
      this.flow?.dispatch({ type: 'retry_acknowledged' });
    },
    useRefusedPhoto: () => void this.flow?.useRefusedPhoto(),
    startOver: () => void this.reset(),
    cancel: () => void this.cancel(),
    selectDocumentType: (documentType) => (this.selectedDocumentType = documentType),
    continue: (event) => {
      const state = this.flow?.state;
      if (state?.step.name !== 'result') return;
      const follow = this.dispatchEvent(new BelticVerifyContinueEvent({ sessionId: state.sessionId, status: state.step.outcome }));
      if (!follow) event.preventDefault();
    },
  };

  // ------------------------------------------------------------ rendering

  /** The words shown (English while the first table of another language is still on its way, for what is said outside a render). */
  private get strings(): Strings {
    return this.language.current()?.strings ?? en;
  }

  /** The locale of dates and country names: the page's tag, or English where its language has no table. */
  private get locale(): string {
    return this.language.current()?.language.locale ?? 'en';
  }

  /** Moves focus to the new step's heading, unless the change happened before the applicant interacted. */
  private focusHeadingOnStepChange(): void {
    const elsewhere = this.flow?.elsewhere ?? false;
    const step = this.flow?.state?.step;
    if (!step && !elsewhere) return;
    // A step after the intro still waiting for its code: its heading gets focus once it is shown.
    if (step && !this.parts && isLaterStep(step) && !elsewhere) return;
    const key = step ? `${step.name}:${'side' in step ? step.side : ''}` : 'elsewhere';
    if (key === this.lastStepKey) return;
    const wasAutomatic = this.lastStepKey === null || this.lastStepKey.startsWith('starting');
    this.lastStepKey = key;
    this.focusKeeper.forget();
    const focusInside = this.matches(':focus-within');
    if (wasAutomatic && !focusInside) return;
    // A step may name what gets focus instead of its heading (a retry's notice: `data-step-focus`).
    (this.renderRoot.querySelector<HTMLElement>('[data-step-focus]') ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  /**
   * Server-rendered (lit's server renderer leaves the first state in a declarative shadow root) and
   * not hydrated (lit's hydrate support, where the page loads it, marks the element `_$needsHydration`):
   * the first render replaces that content instead of adding to it.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    const hydrating = (this as { _$needsHydration?: boolean })._$needsHydration === true;
    if (!hydrating && typeof ShadowRoot === 'function' && root instanceof ShadowRoot && root.childNodes.length > 0) {
      root.replaceChildren();
      this.renderOptions.renderBefore = null;
    }
    return root;
  }

  override render(): TemplateResult {
    const current = this.language.current();
    // No words until the language's table has arrived: a spinner, never a flash of another language.
    if (!current) return html`<div class="base" part="base"><div class="spinner" role="presentation"></div></div>`;
    const { language, strings } = current;
    return html`<div class="base" part="base" lang=${language.locale} dir=${language.dir}>
      <div part="content">${this.renderBody(strings, language.locale)}</div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" part="status">${this.announcement}</div>
    </div>`;
  }

  private renderBody(strings: Strings, locale: string): TemplateResult {
    if (this.configProblem) {
      return html`<div class="notice" role="alert" part="notice"><p>${errorText(strings, this.configProblem)}</p></div>`;
    }
    const runner = this.runner;
    if (!runner && this.flowFailed) return renderLoadFailure(strings, () => this.retryFlow());
    if (runner?.flow.elsewhere) return renderElsewhere(strings, () => runner.flow.continueHere());
    const state = runner?.flow.state;
    if (!runner || !state) return html`<p class="muted">${this.token ? strings.starting : strings.waitingForToken}</p>`;
    const { flow } = runner;
    const view: StepView = {
      strings,
      lang: locale,
      state,
      documentTypes: this.documentTypes,
      preparing: flow.preparing,
      captureNotice: flow.imageProblem ? errorText(strings, flow.imageProblem) : null,
      photoCheck: flow.photoCheck,
      progress: flow.progress,
      errorMessage: this.errorMessage || (state.error ? errorText(strings, state.error.code) : ''),
      languageTag: this.language.askedTag(),
      selectedDocumentType: this.selectedDocumentType,
      continueUrl: this.continueLink,
      on: this.handlers,
    };
    const parts = this.parts;
    const later = parts && { steps: parts.steps, view: { sources: parts.sources, previewUrl: parts.preview.url, countryField: parts.countryField } };
    if (!later && this.partsFailed && isLaterStep(state.step)) return renderLoadFailure(strings, () => void this.loadCaptureParts(runner));
    return html`${renderStep(view, later)}`;
  }
}

/** Code of the widget that could not be fetched (offline): said, with "Try again", which fetches it again. */
function renderLoadFailure(strings: Strings, tryAgain: () => void): TemplateResult {
  return html`<div class="notice" part="notice" role="alert">
    <p>${errorText(strings, 'network')}</p>
    <div class="actions" part="actions">
      <button part="button" type="button" @click=${tryAgain}>${strings.tryAgain}</button>
    </div>
  </div>`;
}

// lit is evaluated and the class defined. Where there is no DOM (a server), lit prepares the class
// now (its styles), with the stand-ins workers/without-dom.ts put in place, which then go.
importedWithoutDom(() => void BelticVerify.observedAttributes);
