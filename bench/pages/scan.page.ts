/**
 * Scanning as the widget will do it: one decode per animation frame, as fast as the decoder
 * answers (OURS after the frame's analysis, which gives it the card's outline, as in the live loop),
 * for a fixed time, with a visible preview, frames cycling through the 1080p camera
 * fixtures (the resolution the design asks the camera for). Reports the main thread's
 * stalls over the whole window, how many frames were decoded and how many reads succeeded.
 */
import { createDecoder } from '../decoders/create-decoder.js';
import type { DecoderName } from '../decoders/frame-decoder.js';
import { isCorrectRead } from '../shared/correct-read.js';
import { createStage, exposeBench, nextFrame, show } from '../shared/expose.js';
import { loadCameraFrames } from '../shared/fixtures.js';
import { watchMainThread, type MainThreadStalls } from '../shared/main-thread-monitor.js';

export interface ScanBenchOptions {
  decoder: DecoderName | 'none';
  durationMs: number;
}

export interface ScanBenchResult {
  stalls: MainThreadStalls;
  framesDecoded: number;
  correctReads: number;
  /** Per-decode wait, ms, in order. */
  latencies: number[];
}

async function run(options: ScanBenchOptions): Promise<ScanBenchResult> {
  const frames = await loadCameraFrames('1920x1080');
  const stage = createStage();
  const decoder = createDecoder(options.decoder);
  // Start-up is not what this figure is about: the workers' boot and first JIT (the analysis's too), and
  // each bitmap's first draw (a camera's frames arrive ready to draw), are paid before the window.
  for (const frame of frames) show(stage, frame.bitmap);
  show(stage, frames[0]!.bitmap);
  await decoder.prepare?.(stage);
  await decoder.decode(stage);

  const latencies: number[] = [];
  let correctReads = 0;
  try {
    const { stalls } = await watchMainThread(async () => {
      const endAt = performance.now() + options.durationMs;
      for (let i = 0; performance.now() < endAt; i++) {
        await nextFrame();
        const frame = frames[i % frames.length]!;
        show(stage, frame.bitmap);
        // The frame's analysis first, as the live loop runs it on every frame (OURS reads the card's outline from it):
        // inside the window the main thread is watched over, outside each decode's wait.
        await decoder.prepare?.(stage);
        const started = performance.now();
        const outcome = await decoder.decode(stage);
        latencies.push(performance.now() - started);
        if (isCorrectRead(outcome, frame.expected)) correctReads++;
      }
    });
    return { stalls, framesDecoded: latencies.length, correctReads, latencies };
  } finally {
    decoder.dispose();
  }
}

exposeBench({ run });
