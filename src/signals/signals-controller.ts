/**
 * Runs the signals for one <beltic-verify>: collects from connect until the flow ends or the
 * element is removed, and delivers (signals.md):
 * - the session device record once per device and session, when the session starts here;
 * - `behavior_analysis` with `meta.evidence` / `meta.interactions` at the final submit, when the
 *   flow ends, and whenever the page is hidden or the element removed (then with `keepalive`, so
 *   the last update survives a closed tab).
 * Signals never stand in the applicant's way: every failure to deliver is swallowed, and an API
 * without the ext endpoints (404) is skipped by the client.
 *
 * With `no-signals` nothing is listened to and no device is reported; the behaviour block is still
 * sent, all null and without meta, so the server knows there is nothing to score.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BelticClient, BehaviorMeta } from '../api/client.js';
import type { BehaviorAnalysis } from '../api/contract.js';
import type { FlowNotice } from '../flow/flow-controller.js';
import type { SessionScope } from '../storage/widget-storage.js';
import { describeCamera, type CameraSummary } from './camera.js';
import { emptyBehavior, SignalsCollector } from './collector.js';
import { readDevice } from './device.js';
import type { SessionMark } from './session-mark.js';

export interface SignalsHost extends ReactiveControllerHost {
  readonly noSignals: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What the signals follow: the flow's milestones, and the camera streams as they open. */
export interface SignalsSources {
  flow: { listen(listener: (notice: FlowNotice) => void): unknown };
  camera?: { listenCamera(listener: (track: MediaStreamTrack) => void): unknown };
}

export interface SignalsOptions {
  /** Epoch milliseconds, for completion time (a reload in between is included). Injectable for tests. */
  wallClock?: () => number;
}

interface Delivery {
  client: BelticClient;
  sessionId: string;
  /** Where the session mark lives between page loads: the session's storage scope. */
  scope: SessionScope;
  mark: SessionMark;
  /** Its device record is on the wire (a start over meanwhile does not send a second). */
  reportingDevice?: boolean;
}

export class SignalsController implements ReactiveController {
  private collector: SignalsCollector | null = null;
  private delivery: Delivery | null = null;
  private camera: CameraSummary | null = null;
  /** The camera summary went out with the device record (so not again in `meta.camera`). */
  private cameraSent = false;
  private ended = false;
  private connected = false;
  private lastSent: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly wallClock: () => number;

  constructor(
    private readonly host: SignalsHost,
    sources: SignalsSources,
    options: SignalsOptions = {},
  ) {
    this.wallClock = options.wallClock ?? Date.now;
    host.addController(this);
    sources.flow.listen((notice) => {
      if (notice.type === 'session_started') void this.sessionStarted(notice.client, notice.scope);
      else if (notice.type === 'submitting') this.submitting();
      else if (notice.type === 'changed' && notice.state.step.name === 'result' && notice.previous?.step.name !== 'result') this.flowEnded();
      else if (notice.type === 'left') this.sessionLeft();
    });
    sources.camera?.listenCamera((track) => void this.recordCamera(track));
  }

  // ------------------------------------------------------------ lifecycle

  hostConnected(): void {
    this.connected = true;
    this.collect();
  }

  hostDisconnected(): void {
    this.connected = false;
    // Removed mid-flow (a single-page app navigating away): what was seen so far is kept.
    this.leave();
    this.collector?.stop();
  }

  /** `no-signals` may be set after connecting: collection stops and what was collected is dropped. */
  hostUpdated(): void {
    if (this.host.noSignals && this.collector) {
      this.collector.stop();
      this.collector = null;
    } else {
      this.collect();
    }
  }

  private collect(): void {
    if (!this.connected || this.ended || this.host.noSignals) return;
    const root = this.host.renderRoot;
    if (!(root instanceof ShadowRoot)) return;
    if (!this.collector) {
      this.collector = new SignalsCollector({ root, onLeave: () => this.leave() });
      // A collector made mid-session (no-signals turned off again) starts from what was counted.
      if (this.delivery) this.collector.carry(this.delivery.mark.tally);
    }
    this.collector.start();
  }

  // ------------------------------------------------------------ the flow's milestones

  /** The session started (or resumed: after a reload, or a start over) in this widget. */
  private async sessionStarted(client: BelticClient, scope: SessionScope): Promise<void> {
    const { sessionId } = scope;
    if (this.ended) return;
    let delivery = this.delivery;
    // A start over in this page keeps what this page knows.
    if (delivery?.sessionId === sessionId) {
      delivery.client = client;
    } else {
      // Deliverable at once; what an earlier page load of the session kept is merged in when read.
      const mark: SessionMark = { started_at: this.wallClock(), submitted_at: null, device_reported: false, tally: null };
      this.delivery = delivery = { client, sessionId, scope, mark };
      const kept = await scope.loadMark<SessionMark>().catch(() => null);
      // The flow let go of this session while its mark was read (another session opened): nothing more of it.
      if (this.delivery !== delivery) return;
      if (kept && typeof kept.started_at === 'number') {
        mark.started_at = kept.started_at;
        mark.submitted_at ??= kept.submitted_at;
        mark.device_reported ||= kept.device_reported;
        mark.tally = kept.tally;
        this.collector?.carry(kept.tally);
      }
    }
    if (this.ended) return;
    this.saveMark();
    if (!this.host.noSignals && !delivery.mark.device_reported) await this.reportDevice(delivery);
  }

  /** The final submit: the verification is about to be created. */
  private submitting(): void {
    if (!this.delivery || this.ended) return;
    this.delivery.mark.submitted_at = this.wallClock();
    this.saveMark();
    this.enqueue(false);
  }

  /** The flow reached its result (or was cancelled): last update, then collection stops. */
  private flowEnded(): void {
    if (this.ended) return;
    const delivery = this.delivery;
    if (delivery) this.enqueue(true);
    this.ended = true;
    this.collector?.stop();
    // The flow wipes the session's keys too; this removal comes after the last write of the mark.
    if (delivery) void delivery.scope.removeMark();
  }

  /** Another session opens in this element: what was counted belonged to the one left; start afresh. */
  private sessionLeft(): void {
    this.collector?.stop();
    this.collector = null;
    this.delivery = null;
    this.ended = false;
    this.cameraSent = false;
    this.lastSent = null;
    this.collect();
  }

  /**
   * Once a camera stream is open: records the camera's kind and settings (never its label or deviceId). Sent with the device record when that is still to come, else
   * with the next behaviour update (`meta.camera`), as the API has no call to amend a device.
   */
  async recordCamera(track: MediaStreamTrack): Promise<void> {
    if (this.host.noSignals) return;
    this.camera = await describeCamera(track).catch(() => null);
  }

  // ------------------------------------------------------------ delivery

  /** Page hidden, unloading, or the element removed: send now, with keepalive, and keep the counts. */
  private leave(): void {
    if (!this.delivery || this.ended) return;
    this.saveMark();
    // Hidden and then unloaded fires twice in a row: an unchanged block is not sent again.
    void this.send(true, true);
  }

  private saveMark(): void {
    const delivery = this.delivery;
    if (!delivery || this.ended) return;
    if (this.collector && !this.host.noSignals) delivery.mark.tally = this.collector.tally;
    void delivery.scope.saveMark(delivery.mark);
  }

  private async reportDevice(delivery: Delivery): Promise<void> {
    if (delivery.reportingDevice) return;
    delivery.reportingDevice = true;
    try {
      const device = await readDevice(window, this.camera);
      await delivery.client.reportSessionDevice(delivery.sessionId, { ...device });
      // Also when the API has no such call (false): asking again would change nothing.
      delivery.mark.device_reported = true;
      // Unless the flow let go of the session meanwhile: what follows belongs to the next one.
      if (this.delivery !== delivery) return;
      if (device.camera) this.cameraSent = true;
      this.saveMark();
    } catch {
      // Left unreported: the next start of this session (a reload) tries again.
    } finally {
      delivery.reportingDevice = false;
    }
  }

  /** Updates in order, so an older block can never overwrite a newer one. */
  private enqueue(keepalive: boolean): void {
    this.queue = this.queue.then(() => this.send(keepalive));
  }

  private async send(keepalive: boolean, skipIfUnchanged = false): Promise<void> {
    const delivery = this.delivery;
    if (!delivery) return;
    const { behavior, meta } = this.payload(delivery.mark);
    const body = JSON.stringify({ behavior, meta });
    if (skipIfUnchanged && body === this.lastSent) return;
    try {
      await delivery.client.updateBehavior(delivery.sessionId, { ...behavior }, meta, { keepalive });
      this.lastSent = body;
    } catch {
      // Best effort: the next update carries everything again.
    }
  }

  /** The block and meta as they stand; public for the tests and the demo through `snapshot()`. */
  private payload(mark: SessionMark): { behavior: BehaviorAnalysis; meta: BehaviorMeta | null } {
    if (this.host.noSignals || !this.collector) return { behavior: emptyBehavior(), meta: null };
    const submitted = mark.submitted_at !== null;
    const completionSeconds = submitted ? Math.round((mark.submitted_at! - mark.started_at) / 100) / 10 : null;
    const { behavior, evidence, interactions } = this.collector.snapshot({ submitted, completionSeconds });
    const meta: BehaviorMeta = { evidence, interactions };
    if (this.camera && !this.cameraSent) meta.camera = { ...this.camera };
    return { behavior, meta };
  }

  /** Whether this device's record went out for the current session (tests and QA). */
  get deviceReported(): boolean {
    return this.delivery?.mark.device_reported ?? false;
  }

  /** What would be sent now (tests and QA): the block and its meta, or null before the session starts. */
  snapshot(): { behavior: BehaviorAnalysis; meta: BehaviorMeta | null } | null {
    return this.delivery ? this.payload(this.delivery.mark) : null;
  }
}
