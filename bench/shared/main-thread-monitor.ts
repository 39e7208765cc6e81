/**
 * Watches the main thread while something runs: the long tasks Chromium reports (> 50 ms of
 * uninterrupted work) and the longest gap between animation frames. A long task says the
 * page could not react to input; a rAF gap says the page could not paint (a camera preview
 * or a spinner froze). Both are needed: work split into many 40 ms tasks makes no long task
 * but still drops frames, and a rAF gap alone cannot say which work caused it.
 */
export interface MainThreadStalls {
  /** Longest single long task, ms (0 when there was none). */
  longestTaskMs: number;
  longTaskCount: number;
  /** Sum over long tasks of (duration − 50 ms): Lighthouse's "total blocking time". */
  totalBlockingMs: number;
  /** Longest interval between two requestAnimationFrame callbacks, ms. */
  longestFrameGapMs: number;
  /** Intervals between animation frames longer than 50 ms (three frames missed at 60 Hz). */
  slowFrames: number;
  /** Animation frames seen during the window. */
  frames: number;
  windowMs: number;
}

const LONG_TASK_THRESHOLD_MS = 50;
const SLOW_FRAME_MS = 50;

export class MainThreadMonitor {
  private readonly tasks: PerformanceEntry[] = [];
  private observer: PerformanceObserver | null = null;
  private startedAt = 0;
  private lastFrameAt = 0;
  private longestFrameGapMs = 0;
  private frames = 0;
  private slowFrames = 0;
  private rafHandle = 0;
  private running = false;

  start(): void {
    this.startedAt = performance.now();
    this.lastFrameAt = this.startedAt;
    this.running = true;
    // buffered: a long task still running when the observer attached is reported too; tasks
    // that ended before the window are filtered out in stop().
    this.observer = new PerformanceObserver((list) => this.tasks.push(...list.getEntries()));
    this.observer.observe({ type: 'longtask', buffered: true });
    const onFrame = (now: number): void => {
      if (!this.running) return;
      const gap = now - this.lastFrameAt;
      this.longestFrameGapMs = Math.max(this.longestFrameGapMs, gap);
      if (gap > SLOW_FRAME_MS) this.slowFrames++;
      this.lastFrameAt = now;
      this.frames++;
      this.rafHandle = requestAnimationFrame(onFrame);
    };
    this.rafHandle = requestAnimationFrame(onFrame);
  }

  /** Waits one more frame so a stall at the very end is counted, then reports. */
  async stop(): Promise<MainThreadStalls> {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const stoppedAt = performance.now();
    this.running = false;
    cancelAnimationFrame(this.rafHandle);
    // Entries are delivered asynchronously: take what is queued.
    this.tasks.push(...(this.observer?.takeRecords() ?? []));
    this.observer?.disconnect();
    const inWindow = this.tasks.filter((task) => task.startTime + task.duration >= this.startedAt && task.startTime <= stoppedAt);
    const durations = inWindow.map((task) => task.duration);
    return {
      longestTaskMs: durations.length ? Math.max(...durations) : 0,
      longTaskCount: durations.length,
      totalBlockingMs: durations.reduce((sum, duration) => sum + Math.max(0, duration - LONG_TASK_THRESHOLD_MS), 0),
      longestFrameGapMs: Math.max(this.longestFrameGapMs, stoppedAt - this.lastFrameAt),
      slowFrames: this.slowFrames,
      frames: this.frames,
      windowMs: stoppedAt - this.startedAt,
    };
  }
}

/** Runs `work` with the monitor around it. */
export async function watchMainThread<T>(work: () => Promise<T>): Promise<{ result: T; stalls: MainThreadStalls }> {
  const monitor = new MainThreadMonitor();
  monitor.start();
  // Let the first frame land so the gap clock starts from a painted frame, not from the call.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const result = await work();
  return { result, stalls: await monitor.stop() };
}
