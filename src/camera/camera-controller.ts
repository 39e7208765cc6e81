/**
 * The one owner of the camera stream. It asks for the rear camera at 1080p (`ideal`
 * constraints only: a device that cannot give exactly that gives what it has), falls back to
 * plainer requests when a device refuses, and stops every track when it is told to, when the
 * page is hidden (and starts again when it is shown, if still wanted), and when its host
 * element leaves the document. Problems come out as one of a few kinds the applicant can act
 * on: denied, absent, busy, lost.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type CameraProblem =
  /** The applicant or the browser refused access (NotAllowedError, SecurityError). */
  | 'denied'
  /** No camera on this device (NotFoundError, or no videoinput listed), or no camera API at all. */
  | 'absent'
  /** Another application holds the camera, or the hardware failed to start (NotReadableError, AbortError). */
  | 'busy'
  /** The camera stopped while in use (its track ended: unplugged, taken by another app, revoked). */
  | 'lost'
  /** Anything else. */
  | 'failed';

export type CameraStatus =
  | { state: 'off' }
  | { state: 'starting' }
  | { state: 'live'; stream: MediaStream; track: MediaStreamTrack; facing: 'user' | 'environment' | 'unknown' }
  | { state: 'problem'; problem: CameraProblem };

/** Rear camera, 1080p, all as preferences: `exact` would fail outright on a laptop's webcam. */
export const PREFERRED_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
};

/**
 * Asked in turn when a request fails for a reason a plainer request may not hit: some devices
 * refuse a resolution with NotReadableError or OverconstrainedError instead of scaling.
 */
const FALLBACK_CONSTRAINTS: MediaStreamConstraints[] = [
  { audio: false, video: { facingMode: { ideal: 'environment' } } },
  { audio: false, video: true },
];

/** Failures a plainer request may avoid; the others (denied, absent) would only repeat. */
const WORTH_A_PLAINER_REQUEST = new Set(['NotReadableError', 'OverconstrainedError', 'AbortError', 'TypeError']);

export function cameraProblemFor(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'absent';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

export interface CameraControllerOptions {
  /** Called after every status change. */
  changed?(status: CameraStatus): void;
  /** Where the camera API lives (tests pass their own). */
  mediaDevices?: () => MediaDevices | undefined;
}

export class CameraController implements ReactiveController {
  status: CameraStatus = { state: 'off' };
  /** The applicant is on a step that uses the camera: restart it when the page is shown again. */
  private wanted = false;
  /** Each start gets a number; a start that was overtaken (stopped meanwhile) drops its stream. */
  private generation = 0;
  private readonly mediaDevices: () => MediaDevices | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: CameraControllerOptions = {},
  ) {
    this.mediaDevices = options.mediaDevices ?? (() => globalThis.navigator?.mediaDevices);
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    window.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    window.removeEventListener('pagehide', this.onPageHide);
    this.stop();
  }

  /** Opens the camera (once; a second call while starting or live does nothing). */
  async start(): Promise<void> {
    this.wanted = true;
    if (this.status.state === 'starting' || this.status.state === 'live') return;
    if (document.visibilityState === 'hidden') return;
    const generation = ++this.generation;
    this.set({ state: 'starting' });
    const result = await this.open();
    if (generation !== this.generation) {
      if ('stream' in result) stopAll(result.stream);
      return;
    }
    if ('problem' in result) return this.set({ state: 'problem', problem: result.problem });
    const track = result.stream.getVideoTracks()[0]!;
    track.addEventListener('ended', this.onTrackEnded);
    this.set({ state: 'live', stream: result.stream, track, facing: facingOf(track) });
  }

  /** Stops every track; the camera light goes off. The applicant left the step. */
  stop(): void {
    this.wanted = false;
    this.release({ state: 'off' });
  }

  /** After a problem: try again (the applicant pressed "Try again", or allowed access in settings). */
  retry(): Promise<void> {
    this.release({ state: 'off' });
    return this.start();
  }

  // ------------------------------------------------------------ internals

  private async open(): Promise<{ stream: MediaStream } | { problem: CameraProblem }> {
    const devices = this.mediaDevices();
    if (!devices?.getUserMedia) return { problem: 'absent' };
    // Before permission the list has no labels but does have kinds: a device with no camera
    // is known without asking, so the applicant is not prompted for nothing.
    const listed = await devices.enumerateDevices?.().catch(() => null);
    if (listed && !listed.some((device) => device.kind === 'videoinput')) return { problem: 'absent' };
    let lastError: unknown = null;
    for (const constraints of [PREFERRED_CONSTRAINTS, ...FALLBACK_CONSTRAINTS]) {
      try {
        return { stream: await devices.getUserMedia(constraints) };
      } catch (error) {
        lastError = error;
        if (!WORTH_A_PLAINER_REQUEST.has((error as { name?: string }).name ?? '')) break;
      }
    }
    return { problem: cameraProblemFor(lastError) };
  }

  private release(next: CameraStatus): void {
    this.generation++;
    if (this.status.state === 'live') {
      this.status.track.removeEventListener('ended', this.onTrackEnded);
      stopAll(this.status.stream);
    }
    if (this.status.state !== next.state || next.state !== 'off') this.set(next);
  }

  private set(status: CameraStatus): void {
    this.status = status;
    this.host.requestUpdate();
    this.options.changed?.(status);
  }

  private readonly onTrackEnded = (): void => {
    if (this.status.state !== 'live') return;
    const wanted = this.wanted;
    this.release({ state: 'problem', problem: 'lost' });
    this.wanted = wanted;
  };

  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') {
      // Keep `wanted`: the camera comes back when the applicant returns to the page.
      const wanted = this.wanted;
      if (this.status.state === 'live' || this.status.state === 'starting') this.release({ state: 'off' });
      this.wanted = wanted;
    } else if (this.wanted && this.status.state === 'off') {
      void this.start();
    }
  };

  private readonly onPageHide = (): void => this.onVisibilityChange();
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** Front cameras say 'user'; laptops' webcams often say nothing, and are not mirrored then. */
function facingOf(track: MediaStreamTrack): 'user' | 'environment' | 'unknown' {
  const facing = typeof track.getSettings === 'function' ? track.getSettings().facingMode : undefined;
  return facing === 'user' || facing === 'environment' ? facing : 'unknown';
}
