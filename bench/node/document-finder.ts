/**
 * The document finder over the scene fixtures (a card on a dark table, on a pale desk, held up
 * to a webcam; and the same places with no card): how many scenes each finder gets right, and
 * its time per analysed frame in Node. Ours is measureFrame (outline, then brighter object, with
 * the colour plane); the baseline is the brighter-object finder alone with the rule it shipped
 * with (a region counted whatever its shape touched). Run by scripts/bench.mjs through tsx;
 * prints JSON.
 */
import sharp from 'sharp';
import { ANALYSIS_SIZE, findBrightestObject, measureFrame } from '../../src/frame/frame-quality.js';
import { FAR_COVERAGE, looksLikeDocument } from '../../src/frame/guidance.js';
import { rgbaToChroma, rgbaToLuma, type LumaImage } from '../../src/frame/luma.js';
import type { DocumentRegion } from '../../src/frame/frame-quality.js';
import { fixturePath, loadFixtures } from '../../test/fixtures/manifest.js';

const REPEATS = Number(process.argv[2] ?? 5);

type Verdict = 'document' | 'far' | 'none';

/**
 * Right when the verdict is the expected one and, for a card lying square (within 4°), the region
 * found is as wide as the card (within 0.1 of the frame): the whole frame is not the card.
 */
function isRight(region: DocumentRegion | null, expected: Verdict, entry: { skew: number; scale: number | null }): boolean {
  if (verdict(region) !== expected) return false;
  return expected === 'none' || Math.abs(entry.skew) > 4 || Math.abs(region!.width - entry.scale!) < 0.1;
}

function verdict(region: DocumentRegion | null): Verdict {
  if (!looksLikeDocument(region)) return 'none';
  return Math.max(region.width, region.height) < FAR_COVERAGE ? 'far' : 'document';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed<T>(run: () => T): { value: T; ms: number[] } {
  const ms: number[] = [];
  let value!: T;
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    value = run();
    ms.push(performance.now() - started);
  }
  return { value, ms };
}

const manifest = await loadFixtures();
const scenes = manifest.files.filter((entry) => entry.sets.includes('scene'));
const rows = [];
for (const entry of scenes) {
  const { data, info } = await sharp(fixturePath(entry))
    .resize(ANALYSIS_SIZE, ANALYSIS_SIZE, { fit: 'inside', kernel: 'linear' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const luma: LumaImage = rgbaToLuma(data, info.width, info.height);
  const expected: Verdict = entry.expected.document ? (entry.expected.far ? 'far' : 'document') : 'none';
  const ours = timed(() => measureFrame(luma, rgbaToChroma(data, info.width, info.height)).document);
  // The baseline as it shipped: a region cut off by the frame's edge still counted.
  const baseline = timed(() => findBrightestObject(luma));
  const baselineRegion = baseline.value && { ...baseline.value, clipped: false };
  rows.push({
    file: entry.file,
    surface: entry.surface,
    expected,
    ours: { verdict: verdict(ours.value), right: isRight(ours.value, expected, entry), ms: median(ours.ms) },
    baseline: { verdict: verdict(baselineRegion), right: isRight(baselineRegion, expected, entry), ms: median(baseline.ms) },
  });
}
process.stdout.write(`${JSON.stringify({ repeats: REPEATS, analysisSize: ANALYSIS_SIZE, rows })}\n`);
