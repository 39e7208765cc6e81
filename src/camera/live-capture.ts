/**
 * The live camera source of the capture step, as one controller for <beltic-verify>: it follows
 * the flow, opening the camera when the applicant reaches a capture step and closing it when they
 * leave; runs the scanning loop over the viewfinder; takes the photo (automatically or by the
 * shutter) and hands it to the flow; and keeps what a back's barcode said for the review step, in
 * memory only. Its workers live while capture lasts (capture and review steps) and end with it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { html, nothing, type TemplateResult } from 'lit';
import { createRef } from 'lit/directives/ref.js';
import type { DocumentType, Side } from '../api/contract.js';
import type { AamvaFields } from '../document/aamva.js';
import type { FlowState } from '../flow/machine.js';
import type { CaptureSource, SourceContext } from '../sources/capture-source.js';
import type { GuidanceCode } from '../frame/guidance.js';
import { AnalysisClient } from './analysis-client.js';
import { BarcodeClient } from './barcode-client.js';
import { CameraController, type CameraStatus } from './camera-controller.js';
import { barcodeModeFor } from './capture-plan.js';
import { ScanLoop, type BarcodeMode, type KeptFrame, type ScanOptions } from './scan-loop.js';
import { renderViewfinder } from './viewfinder.js';

export interface CaptureTarget {
  side: Side;
  documentType: DocumentType | null;
  issuingCountry: string | null;
}

export interface LiveCaptureOptions {
  /** Overrides for the scanning loop (tests shorten or lengthen its timings). */
  scan?: Partial<Omit<ScanOptions, 'barcode'>>;
}

/** Told when a camera stream opens (the signals record the camera's kind and settings). */
export type CameraListener = (track: MediaStreamTrack) => void;

type Phase = 'scanning' | 'taking' | 'taken';

export class LiveCapture implements ReactiveController, CaptureSource {
  readonly camera: CameraController;
  private target: CaptureTarget | null = null;
  private readonly video = createRef<HTMLVideoElement>();
  private scan: ScanLoop | null = null;
  private scanFor: HTMLVideoElement | null = null;
  private analysis: AnalysisClient | null = null;
  private barcodes: BarcodeClient | null = null;
  private guidance: GuidanceCode | null = null;
  private progress = 0;
  private currentPhase: Phase = 'scanning';
  private takenAutomatically = false;
  private pressFailed = false;
  /**
   * Whether the camera may take the photo by itself. Not while the notice of a retry waits for the
   * applicant (FlowState.retryPending): a photo taken a second after the notice appeared would take
   * it away unread. The shutter works meanwhile; the notice's "Try again" arms the camera.
   */
  private armed = true;
  /**
   * Whether a dialog of the widget (the cancel confirmation) was open at the last analysed frame.
   * Nothing is taken by itself while the applicant answers one: the photo would move the flow on
   * behind the question. The dialog is the platform's and the widget keeps no state of it, so the
   * loop looks at each frame.
   */
  private asking = false;
  /** What each side's barcode said, for the review step. Memory only: never stored or sent. */
  private readings: Partial<Record<Side, AamvaFields>> = {};
  private readonly cameraListeners = new Set<CameraListener>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly context: SourceContext,
    private readonly options: LiveCaptureOptions = {},
  ) {
    this.camera = new CameraController(host, { changed: (status) => this.onCameraChanged(status) });
    host.addController(this);
    context.flow.listen((notice) => {
      if (notice.type === 'changed') this.follow(notice.state);
      // Another tab took the session, or another session opens: nothing of this one stays in a camera.
      if (notice.type === 'elsewhere' || notice.type === 'left') this.end();
    });
  }

  /** Follows camera streams as they open; returns the function that stops following. */
  listenCamera(listener: CameraListener): () => void {
    this.cameraListeners.add(listener);
    return () => this.cameraListeners.delete(listener);
  }

  /** Where the photo of the current capture is: being looked for, being taken, or taken. */
  get phase(): Phase {
    return this.currentPhase;
  }

  /** The clients of the two workers while capture lasts, null once it ended (measurements and tests). */
  get workers(): { analysis: AnalysisClient | null; barcode: BarcodeClient | null } {
    return { analysis: this.analysis, barcode: this.barcodes };
  }

  /** The scanning loop of the current capture (for measurements), or null. */
  get scanLoop(): ScanLoop | null {
    return this.scan;
  }

  /** While the camera is starting or live, the sources after it (the file) are the second choice. */
  get active(): boolean {
    return this.target !== null && (this.camera.status.state === 'starting' || this.camera.status.state === 'live');
  }

  hostUpdated(): void {
    // While a photo is prepared and checked (a file the applicant chose), the loop rests: its frames
    // could not be taken meanwhile, and on a phone they would take the checks' processor.
    if (this.context.flow.preparing) {
      if (this.currentPhase === 'scanning') this.stopScan();
      return;
    }
    // The <video> exists only once the live viewfinder rendered: the loop starts then.
    const video = this.video.value ?? null;
    if (this.camera.status.state === 'live' && video && this.currentPhase === 'scanning' && this.scanFor !== video) this.startScan(video);
  }

  /** Moved in the page mid-capture: the camera closed on removal and opens again here. */
  hostConnected(): void {
    if (this.context.flow.state) this.follow(this.context.flow.state);
  }

  hostDisconnected(): void {
    // The camera controller stops its own tracks; the workers and held frames go here.
    this.stopScan();
    this.endWorkers();
    this.readings = {};
    this.target = null;
  }

  /** The camera is open on a capture step only; the workers and readings last while capture does. */
  private follow({ step, documentType, issuingCountry, retryPending }: FlowState): void {
    this.show(step.name === 'capture' ? { side: step.side, documentType, issuingCountry } : null);
    if (step.name !== 'capture' && step.name !== 'review') this.end();
    this.arm(!(step.name === 'capture' && retryPending));
  }

  /**
   * Armed again, a scan under way starts afresh: the frames it judged while the notice waited do
   * not count, so the document is held steady for the whole time again before the photo is taken.
   */
  private arm(armed: boolean): void {
    const rearmed = armed && !this.armed;
    this.armed = armed;
    if (rearmed) this.scanAfresh();
  }

  /** The scan under way starts again: what it judged so far no longer counts towards the photo. */
  private scanAfresh(): void {
    if (!this.scan || this.currentPhase !== 'scanning') return;
    this.stopScan();
    this.progress = 0;
    this.host.requestUpdate();
  }

  /**
   * Whether the frames may count towards a photo taken by itself: armed, and no question open. A
   * question just answered starts the scan afresh.
   */
  private mayTakeItself(): boolean {
    const asking = this.questionOpen();
    const answered = this.asking && !asking;
    this.asking = asking;
    // Answered ("Keep going"): the document is held steady for the whole time again.
    if (answered) this.scanAfresh();
    return this.armed && !asking && !answered;
  }

  private questionOpen(): boolean {
    return this.host.shadowRoot?.querySelector('dialog[open]') != null;
  }

  /** Capture is over (the photos were sent, the flow ended, or another tab took the session). */
  private end(): void {
    this.show(null);
    this.readings = {};
    this.endWorkers();
  }

  private endWorkers(): void {
    this.analysis?.terminate();
    this.barcodes?.terminate();
    this.analysis = null;
    this.barcodes = null;
  }

  /**
   * A capture step (the camera opens), or anything else (it closes). A new capture of a side
   * forgets what its barcode said before; leaving the review keeps it.
   */
  private show(target: CaptureTarget | null): void {
    const same = target && this.target && target.side === this.target.side;
    if (same) return;
    this.stopScan();
    this.target = target;
    this.currentPhase = 'scanning';
    this.guidance = null;
    this.progress = 0;
    if (!target) {
      this.camera.stop();
      return;
    }
    delete this.readings[target.side];
    // The workers load while the applicant allows the camera (the decoder is the big part).
    this.analysis ??= new AnalysisClient();
    this.analysis.warm();
    if (barcodeModeFor(target.documentType, target.issuingCountry, target.side) !== 'off') {
      this.barcodes ??= new BarcodeClient();
      this.barcodes.warm();
    }
    void this.camera.start();
  }

  render(side: Side): TemplateResult | typeof nothing {
    if (this.target?.side !== side) return nothing;
    return renderViewfinder({
      strings: this.context.strings().capture.camera,
      camera: this.camera.status,
      guidance: this.guidance,
      progress: this.progress,
      phase: this.currentPhase,
      takenAutomatically: this.takenAutomatically,
      pressFailed: this.pressFailed,
      video: this.video,
      on: {
        shutter: () => {
          this.keepFocusOnCamera();
          void this.take(false);
        },
        retry: () => {
          this.keepFocusOnCamera();
          void this.camera.retry();
        },
      },
    });
  }

  /**
   * The shutter is disabled while its photo is taken, and "Try again" gives way to the viewfinder:
   * focus goes to the shutter once it can be pressed, else to the photo being prepared or the camera's
   * region, else to what replaced them (the problem's "Try again", the file control without a camera).
   */
  private keepFocusOnCamera(): void {
    this.context.keepFocus(
      (root) =>
        root.querySelector<HTMLElement>('button.shutter:not(:disabled)') ??
        root.querySelector<HTMLElement>('.preparing') ??
        root.querySelector<HTMLElement>('[part~=camera]') ??
        root.querySelector<HTMLElement>('[part~=camera-problem] button') ??
        root.querySelector<HTMLElement>('input[type=file]'),
    );
  }

  /** "We read: …" for a side whose barcode was read, or nothing. */
  renderReviewNotes(side: Side): TemplateResult | typeof nothing {
    const fields = this.readings[side];
    if (!fields) return nothing;
    const strings = this.context.strings().capture.camera;
    const lang = this.context.lang();
    const name = [fields.first_name, fields.last_name].filter(Boolean).join(' ');
    if (!name && !fields.expiry_date) return nothing;
    const expired = fields.expiry_date !== null && fields.expiry_date < new Date().toISOString().slice(0, 10);
    return html`<p class="reading" part="reading">${strings.weRead(name || '—', formatDate(fields.expiry_date, lang))}</p>
      ${expired ? html`<p class="notice" part="notice">${strings.expired}</p>` : nothing}`;
  }

  // ------------------------------------------------------------ internals

  private onCameraChanged(status: CameraStatus): void {
    if (status.state !== 'live') this.stopScan();
    if (status.state === 'problem') {
      const { problem } = status;
      this.context.reportError(`camera_${problem}`, `The camera could not be used (${problem}); the file upload is offered instead.`, true);
      if (problem !== 'absent') this.context.announce(this.context.strings().capture.camera.problems[problem]);
    }
    if (status.state === 'live') for (const listener of this.cameraListeners) listener(status.track);
  }

  private startScan(video: HTMLVideoElement): void {
    this.stopScan();
    const target = this.target;
    if (!target) return;
    const mode: BarcodeMode = barcodeModeFor(target.documentType, target.issuingCountry, target.side);
    this.analysis ??= new AnalysisClient();
    if (mode !== 'off') this.barcodes ??= new BarcodeClient();
    this.scanFor = video;
    void video.play().catch(() => undefined);
    const side = target.side;
    this.scan = new ScanLoop(
      video,
      this.analysis,
      mode === 'off' ? null : this.barcodes,
      { ...this.options.scan, barcode: mode },
      {
        changed: (view) => {
          // Disarmed or asking, no cue says a photo is coming.
          const progress = this.mayTakeItself() ? view.progress : 0;
          if (view.guidance === this.guidance && progress === this.progress) return;
          this.guidance = view.guidance;
          this.progress = progress;
          this.host.requestUpdate();
        },
        // Disarmed or asking, the advice shows but is not said: the retry's reasons, just announced, or the
        // question, are not talked over.
        announce: (code) => {
          if (this.armed && !this.questionOpen()) this.context.announce(this.context.strings().capture.camera.guidance[code]);
        },
        ready: () => {
          if (this.mayTakeItself()) void this.take(true);
        },
        barcode: (fields) => {
          if (fields && this.target?.side === side) this.readings[side] = fields;
        },
      },
    );
    this.scan.start();
  }

  private stopScan(): void {
    this.scan?.stop();
    this.scan = null;
    this.scanFor = null;
  }

  private async take(automatically: boolean): Promise<void> {
    const scan = this.scan;
    const target = this.target;
    if (!scan || !target || this.currentPhase !== 'scanning') return;
    this.currentPhase = 'taking';
    this.takenAutomatically = automatically;
    this.pressFailed = false;
    this.host.requestUpdate();
    let photo: KeptFrame | null = null;
    try {
      photo = await scan.takePhoto();
    } catch {
      photo = null;
    }
    if (this.target !== target) return;
    if (!photo) {
      // A press must never do nothing silently: the applicant is told, and presses again.
      if (!automatically) {
        this.pressFailed = true;
        this.context.announce(this.context.strings().capture.camera.notTaken);
      }
      return this.rescan();
    }
    this.currentPhase = 'taken';
    const strings = this.context.strings().capture.camera;
    this.context.announce(automatically ? strings.takenAutomatically : strings.taken);
    this.host.requestUpdate();
    // The same preparation as a file: one resize and encode in a worker, then the review.
    const accepted = await this.context.flow.takeImage(target.side, photo.blob, 'camera');
    // A photo it took by itself and the checks before upload refused: the frames that made it would
    // make the next, so the camera takes none by itself until the flow moves on (the shutter still
    // takes one), and the notice saying why is not replaced unread.
    if (!accepted && automatically && this.context.flow.photoCheck) this.armed = false;
    if (!accepted && this.target === target) this.rescan();
  }

  /** Back to scanning after a photo that could not be used. */
  private rescan(): void {
    this.currentPhase = 'scanning';
    this.scanFor = null;
    this.scan = null;
    this.host.requestUpdate();
  }
}

function formatDate(date: string | null, lang: string): string | null {
  if (!date) return null;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  } catch {
    return date;
  }
}
