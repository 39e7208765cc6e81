/**
 * The live camera source of the capture step, as one controller for <beltic-verify>: it opens
 * the camera when the applicant reaches a capture step and closes it when they leave, runs the
 * scanning loop over the viewfinder, takes the photo (automatically or by the shutter), and
 * keeps what a back's barcode said for the review step, in memory only.
 *
 * The element tells it where the flow is (`show`), renders `renderSource` and `renderReading`,
 * and receives the photo through `captured`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { html, nothing, type TemplateResult } from 'lit';
import { createRef } from 'lit/directives/ref.js';
import type { DocumentType, Side } from '../api/contract.js';
import type { CameraStrings } from '../ui/strings.js';
import type { AamvaFields } from '../document/aamva.js';
import { AnalysisClient } from './analysis-client.js';
import { BarcodeClient } from './barcode-client.js';
import { CameraController, type CameraProblem, type CameraStatus } from './camera-controller.js';
import { barcodeModeFor } from './capture-plan.js';
import type { GuidanceCode } from '../frame/guidance.js';
import { ScanLoop, type BarcodeMode, type KeptFrame, type ScanOptions } from './scan-loop.js';
import { renderViewfinder } from './viewfinder.js';

export interface CaptureTarget {
  side: Side;
  documentType: DocumentType | null;
  issuingCountry: string | null;
}

export interface LiveCaptureCallbacks {
  /** The photo taken; resolves true once the flow took it (false: stay and scan again). */
  captured(side: Side, photo: KeptFrame): Promise<boolean>;
  /** Text for the element's polite live region. */
  announce(text: string): void;
  strings(): CameraStrings;
  /** The camera could not be used (for the element's error event; no personal data). */
  problem?(problem: CameraProblem): void;
  /** The stream is open (e.g. to record the camera's kind and settings in the device signals). */
  started?(track: MediaStreamTrack): void;
}

export interface LiveCaptureOptions {
  /** Overrides for the scanning loop (tests shorten or lengthen its timings). */
  scan?: Partial<Omit<ScanOptions, 'barcode'>>;
}

type Phase = 'scanning' | 'taking' | 'taken';

export class LiveCapture implements ReactiveController {
  readonly camera: CameraController;
  private target: CaptureTarget | null = null;
  private readonly video = createRef<HTMLVideoElement>();
  private scan: ScanLoop | null = null;
  private scanFor: HTMLVideoElement | null = null;
  private analysis: AnalysisClient | null = null;
  private barcodes: BarcodeClient | null = null;
  private guidance: GuidanceCode | null = null;
  private progress = 0;
  private phase: Phase = 'scanning';
  private takenAutomatically = false;
  private pressFailed = false;
  /** What each side's barcode said, for the review step. Memory only: never stored or sent. */
  private readings: Partial<Record<Side, AamvaFields>> = {};

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly callbacks: LiveCaptureCallbacks,
    private readonly options: LiveCaptureOptions = {},
  ) {
    this.camera = new CameraController(host, { changed: (status) => this.onCameraChanged(status) });
    host.addController(this);
  }

  /** The scanning loop of the current capture (for measurements), or null. */
  get scanLoop(): ScanLoop | null {
    return this.scan;
  }

  /** Whether the file source is the second choice now (the camera is starting or live). */
  get fileIsAlternative(): boolean {
    return this.target !== null && (this.camera.status.state === 'starting' || this.camera.status.state === 'live');
  }

  hostUpdated(): void {
    // The <video> exists only once the live viewfinder rendered: the loop starts then.
    const video = this.video.value ?? null;
    if (this.camera.status.state === 'live' && video && this.phase === 'scanning' && this.scanFor !== video) this.startScan(video);
  }

  hostDisconnected(): void {
    // The camera controller stops its own tracks; the workers and held frames go here.
    this.stopScan();
    this.analysis?.terminate();
    this.barcodes?.terminate();
    this.analysis = null;
    this.barcodes = null;
    this.readings = {};
    this.target = null;
  }

  /**
   * Where the flow is: a capture step (the camera opens), or anything else (it closes). A new
   * capture of a side forgets what its barcode said before; leaving the review keeps it.
   */
  show(target: CaptureTarget | null): void {
    const same = target && this.target && target.side === this.target.side;
    if (same) return;
    this.stopScan();
    this.target = target;
    this.phase = 'scanning';
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

  /** Forgets every barcode reading (the photos were sent, or the flow ended). */
  forgetReadings(): void {
    this.readings = {};
  }

  renderSource(strings: CameraStrings): TemplateResult | typeof nothing {
    if (!this.target) return nothing;
    return renderViewfinder({
      strings,
      camera: this.camera.status,
      guidance: this.guidance,
      progress: this.progress,
      phase: this.phase,
      takenAutomatically: this.takenAutomatically,
      pressFailed: this.pressFailed,
      video: this.video,
      on: { shutter: () => void this.take(false), retry: () => void this.camera.retry() },
    });
  }

  /** "We read: …" for a side whose barcode was read, or nothing. */
  renderReading(side: Side, strings: CameraStrings, lang: string): TemplateResult | typeof nothing {
    const fields = this.readings[side];
    if (!fields) return nothing;
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
      this.callbacks.problem?.(status.problem);
      if (status.problem !== 'absent') this.callbacks.announce(this.callbacks.strings().problems[status.problem]);
    }
    if (status.state === 'live') this.callbacks.started?.(status.track);
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
    this.scan = new ScanLoop(video, this.analysis, mode === 'off' ? null : this.barcodes, { ...this.options.scan, barcode: mode }, {
      changed: (view) => {
        if (view.guidance === this.guidance && view.progress === this.progress) return;
        this.guidance = view.guidance;
        this.progress = view.progress;
        this.host.requestUpdate();
      },
      announce: (code) => this.callbacks.announce(this.callbacks.strings().guidance[code]),
      ready: () => void this.take(true),
      barcode: (fields) => {
        if (fields && this.target?.side === side) this.readings[side] = fields;
      },
    });
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
    if (!scan || !target || this.phase !== 'scanning') return;
    this.phase = 'taking';
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
        this.callbacks.announce(this.callbacks.strings().notTaken);
      }
      return this.rescan();
    }
    this.phase = 'taken';
    const strings = this.callbacks.strings();
    this.callbacks.announce(automatically ? strings.takenAutomatically : strings.taken);
    this.host.requestUpdate();
    const accepted = await this.callbacks.captured(target.side, photo);
    if (!accepted && this.target === target) this.rescan();
  }

  /** Back to scanning after a photo that could not be used. */
  private rescan(): void {
    this.phase = 'scanning';
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
