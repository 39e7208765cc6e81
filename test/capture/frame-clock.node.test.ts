/** How the live loop waits for frames: the video's frame callbacks where they come, a timer where they never do. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameClock, type ClockedVideo } from '../../src/camera/frame-clock.js';

/** A playing video (its time advancing) whose frame callback fires after `frameMs`, or never (null). */
function video(frameMs: number | null): ClockedVideo & { requests: number } {
  const started = performance.now();
  const v = {
    paused: false,
    get currentTime() {
      return (performance.now() - started) / 1000;
    },
    requests: 0,
    requestVideoFrameCallback(callback: () => void) {
      v.requests++;
      if (frameMs !== null) setTimeout(callback, frameMs);
      return v.requests;
    },
  };
  return v;
}

async function waits(clock: FrameClock, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await clock.next();
}

describe('frame clock', () => {
  it('waits for the frames the video presents', async () => {
    const camera = video(5);
    const clock = new FrameClock(camera);
    await waits(clock, 5);
    assert.equal(clock.pacing, 'video');
    assert.equal(camera.requests, 5);
  });

  it('goes over to a timer when a playing video never calls back (WebKitGTK without compositing), and stops asking', async () => {
    const camera = video(null);
    const clock = new FrameClock(camera);
    await waits(clock, 3);
    assert.equal(camera.requests, 3, 'three silent waits first');
    assert.equal(clock.pacing, null, 'no frame was signalled yet');
    await waits(clock, 4);
    assert.equal(clock.pacing, 'timer');
    assert.equal(camera.requests, 3, 'the silent callback is not asked again');
  });

  it('a video that shows nothing new (not started, or stalled) is waited for, not given up on', async () => {
    const camera = { ...video(null), currentTime: 0 };
    const clock = new FrameClock(camera);
    await waits(clock, 5);
    assert.equal(clock.pacing, null);
  });

  it('a callback that comes late once does not count as silent', async () => {
    let silent = true;
    const camera = {
      paused: false,
      get currentTime() {
        return performance.now() / 1000;
      },
      requestVideoFrameCallback(callback: () => void) {
        if (!silent) setTimeout(callback, 5);
        silent = !silent;
        return 0;
      },
    };
    const clock = new FrameClock(camera);
    await waits(clock, 8);
    assert.equal(clock.pacing, 'video');
  });

  it('uses the timer where there is no frame callback', async () => {
    const clock = new FrameClock({ paused: false, currentTime: 0 });
    await waits(clock, 2);
    assert.equal(clock.pacing, 'timer');
  });
});
