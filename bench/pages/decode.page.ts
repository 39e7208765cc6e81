/**
 * Decode time per frame and decode success: every camera frame and held card of one resolution, decoded by
 * OURS (worker) and BASELINE (zxing on the main thread) in turn, frame by frame, so both see
 * the same machine load. The time is what the caller waits: from "this frame is on screen"
 * to "here is what the barcode says, or nothing".
 */
import { createDecoder } from '../decoders/create-decoder.js';
import { LIVE_BUDGET_MS } from '../decoders/ours-barcode-client.js';
import type { DecoderName, FrameDecoder } from '../decoders/frame-decoder.js';
import { isCorrectRead } from '../shared/correct-read.js';
import { createStage, exposeBench, show } from '../shared/expose.js';
import { loadCameraFrames, loadHeldCards, type BenchFrame, type FrameGroup, type Resolution } from '../shared/fixtures.js';

export interface DecodeBenchOptions {
  resolution: Resolution;
  /** Timed decodes per frame for frames the tests require to read (fast for both). */
  repeats: number;
  /** Timed decodes per frame for the others (OURS spends up to a second failing on them). */
  repeatsUnreadable: number;
}

export interface DecoderTiming {
  ms: number[];
  /** From the first decode (decoding is deterministic): something was read… */
  read: boolean;
  /** …and it is what is printed on the fixture (shared/correct-read.ts). */
  correct: boolean;
  variant: string | null;
  /** Decodes (of `ms.length`) that ran out of time budget (ours only). */
  gaveUp: number;
  /** Ours only, per decode: the worker's time reading the pixels out, and decoding (DecodeOutcome.inWorker). */
  pixelsMs: number[];
  decodeMs: number[];
}

export interface FrameResult {
  name: string;
  group: FrameGroup;
  sets: string[];
  /** With the live scan's time budget, as the widget reads. */
  ours: DecoderTiming;
  /**
   * One more decode without a budget, when the budgeted one did not read: what the decoder
   * reads given the time. Null when the budgeted read succeeded (no budget would not change it).
   */
  oursUnbudgeted: DecoderTiming | null;
  baseline: DecoderTiming;
}

export interface DecodeBenchResult {
  /** The live scan's per-frame budget that OURS decoded with. */
  liveBudgetMs: number;
  frames: FrameResult[];
}

async function run(options: DecodeBenchOptions): Promise<DecodeBenchResult> {
  const frames = [...(await loadCameraFrames(options.resolution)), ...(await loadHeldCards(options.resolution))];
  const stage = createStage();
  const decoders: Record<DecoderName, FrameDecoder> = { ours: createDecoder('ours'), baseline: createDecoder('baseline') };
  try {
    await warmUp(decoders, stage, frames);
    const results: FrameResult[] = [];
    for (const frame of frames) {
      const repeats = frame.group === 'must-read' ? options.repeats : options.repeatsUnreadable;
      const timings = { ours: emptyTiming(), baseline: emptyTiming() };
      for (let round = 0; round < repeats; round++) {
        // Alternate who goes first, so neither always inherits the other's garbage to collect.
        const order: DecoderName[] = round % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
        for (const name of order) await timeOne(decoders[name], stage, frame, timings[name], round === 0);
      }
      const oursUnbudgeted = timings.ours.correct ? null : await decodeUnbudgeted(stage, frame);
      results.push({ name: frame.name, group: frame.group, sets: frame.sets, ...timings, oursUnbudgeted });
    }
    return { liveBudgetMs: LIVE_BUDGET_MS, frames: results };
  } finally {
    decoders.ours.dispose();
    decoders.baseline.dispose();
  }
}

async function decodeUnbudgeted(stage: HTMLCanvasElement, frame: BenchFrame): Promise<DecoderTiming> {
  const decoder = createDecoder('ours-unbudgeted');
  try {
    const timing = emptyTiming();
    await timeOne(decoder, stage, frame, timing, true);
    return timing;
  } finally {
    decoder.dispose();
  }
}

/** JIT, worker start-up and zxing's lazy tables are paid once per page, not per frame. */
async function warmUp(decoders: Record<DecoderName, FrameDecoder>, stage: HTMLCanvasElement, frames: BenchFrame[]): Promise<void> {
  const sample = frames.find((frame) => frame.group === 'must-read') ?? frames[0]!;
  show(stage, sample.bitmap);
  for (let i = 0; i < 2; i++) {
    await decoders.ours.prepare?.(stage);
    await decoders.ours.decode(stage);
    await decoders.baseline.decode(stage);
  }
}

async function timeOne(decoder: FrameDecoder, stage: HTMLCanvasElement, frame: BenchFrame, timing: DecoderTiming, first: boolean): Promise<void> {
  show(stage, frame.bitmap);
  await decoder.prepare?.(stage);
  const started = performance.now();
  const outcome = await decoder.decode(stage);
  timing.ms.push(performance.now() - started);
  if (outcome.gaveUp) timing.gaveUp++;
  if (outcome.inWorker) {
    timing.pixelsMs.push(outcome.inWorker.pixelsMs);
    timing.decodeMs.push(outcome.inWorker.decodeMs);
  }
  if (first) {
    timing.read = outcome.found;
    timing.correct = isCorrectRead(outcome, frame.expected);
    timing.variant = outcome.variant ?? null;
  }
}

function emptyTiming(): DecoderTiming {
  return { ms: [], read: false, correct: false, variant: null, gaveUp: 0, pixelsMs: [], decodeMs: [] };
}

exposeBench({ run });
