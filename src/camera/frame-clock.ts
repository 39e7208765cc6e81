/**
 * When the scanning loop looks at the video again: as soon as it presents a new frame
 * (requestVideoFrameCallback), or on a timer where the browser has no such callback, or has one
 * that never calls back. WebKitGTK (GNOME Web, and any WebKitGTK app) does that whenever it runs
 * without accelerated compositing, as it does on machines without a usable GPU: waiting for the
 * callback there would hold every frame for the full wait, and the loop would see a few frames a
 * second instead of its rate.
 */

/** The part of a <video> the clock needs. */
export interface ClockedVideo {
  readonly paused: boolean;
  readonly currentTime: number;
  requestVideoFrameCallback?(callback: () => void): number;
}

/** How frames were last waited for: the video's own frame callbacks, or a timer. */
export type FramePacing = 'video' | 'timer';

/** A playing video that presents no frame for this long is stalled, or its callback is silent, ms. */
const FRAME_WAIT_MS = 250;
/**
 * After this many silent waits in a row, each while the video played on (its time advanced), its
 * callback is taken to be silent, for good. A video that has not started, or stalls, shows no new
 * frame either: those waits do not count.
 */
const SILENT_WAITS = 3;
/** The timer's interval: a camera's usual 30 frames a second. */
const TIMER_MS = 1000 / 30;

export class FrameClock {
  /** How the last frame was waited for; null before the first. */
  pacing: FramePacing | null = null;
  private silentWaits = 0;

  constructor(private readonly video: ClockedVideo) {}

  /** Resolves at the video's next frame, or after a short wait where none is signalled. */
  next(): Promise<void> {
    const video = this.video;
    if (typeof video.requestVideoFrameCallback !== 'function' || this.silentWaits >= SILENT_WAITS) return this.timer();
    if (video.paused) return delay(TIMER_MS);
    const startedAt = video.currentTime;
    return new Promise((resolve) => {
      // A paused or stalled video presents no frame: never wait for one for long.
      const timer = setTimeout(() => {
        this.silentWaits = video.currentTime > startedAt ? this.silentWaits + 1 : 0;
        resolve();
      }, FRAME_WAIT_MS);
      video.requestVideoFrameCallback!(() => {
        clearTimeout(timer);
        this.silentWaits = 0;
        this.pacing = 'video';
        resolve();
      });
    });
  }

  private timer(): Promise<void> {
    this.pacing = 'timer';
    return delay(TIMER_MS);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
