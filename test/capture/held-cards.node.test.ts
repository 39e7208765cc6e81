/**
 * The generator's held-card sets (#16): a whole licence back at 1080p, tilted 30° away, moving,
 * under a lamp, in low light, in portrait turned 20°, far and turned 15°. Each frame goes the live
 * path's way: the frame analysis outlines the card on its 480 px copy, and the decoder reads with
 * that outline (the symbol placed by its guard patterns first, the card flattened and the fan of variants after). The issue asks the live path to read
 * at least 90% of them (16 of 17); it reads all 17 (16 with zxing's reader, which missed a lamp's
 * reflection), and the test holds that floor (a change that reads fewer fails) while each set's
 * figure is printed. Time is the bench's (no budget here: a loaded machine would turn a slow
 * read into a miss).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { ANALYSIS_SIZE } from '../../src/frame/analysed-frame.js';
import { measureFrame } from '../../src/frame/frame-quality.js';
import { GLARE_SHARE } from '../../src/frame/guidance.js';
import { rgbaToLuma, scale, type LumaImage } from '../../src/frame/luma.js';
import type { Quad } from '../../src/frame/perspective.js';
import { decodePdf417 } from '../../src/document/pdf417.js';
import { fixturePath, HELD_CARD_SETS, loadFixtures, type FixtureEntry } from '../fixtures/manifest.js';
import { PAYLOADS } from '../fixtures/payload.js';

async function lumaOf(entry: FixtureEntry): Promise<LumaImage> {
  const { data, info } = await sharp(fixturePath(entry)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return rgbaToLuma(data, info.width, info.height);
}

/** What the live loop measures of a frame: on a copy shrunk to ANALYSIS_SIZE. */
const measured = (frame: LumaImage) => measureFrame(scale(frame, ANALYSIS_SIZE / Math.max(frame.width, frame.height)));

/** The outline as the live loop finds it, scaled back to the frame. */
function outlineFound(frame: LumaImage): Quad | undefined {
  const corners = measured(frame).document?.corners;
  return corners ? (corners.map(({ x, y }) => ({ x: x * frame.width, y: y * frame.height })) as unknown as Quad) : undefined;
}

describe('held cards: the live path reads the hard ways a back is shown', () => {
  let entries: FixtureEntry[] = [];
  before(async () => {
    entries = (await loadFixtures()).files.filter((entry) => entry.kind === 'held-card');
  });

  it('every set is generated, at 1080p', () => {
    assert.deepEqual([...new Set(entries.flatMap((entry) => entry.sets))].sort(), [...HELD_CARD_SETS].sort());
    assert.ok(entries.every((entry) => entry.width === 1920 && entry.height === 1080));
  });

  it('they read as they did (17 of 17; #16 asks for 90%), outlined by the analysis where it finds the card', async () => {
    const bySet = new Map<string, { read: number; frames: number; how: string[] }>();
    for (const entry of entries) {
      const frame = await lumaOf(entry);
      const outline = outlineFound(frame);
      const result = decodePdf417(frame, outline ? { outline } : {});
      const read = result?.text === PAYLOADS.licence.text;
      const tally = bySet.get(entry.sets[0]!) ?? { read: 0, frames: 0, how: [] };
      tally.frames++;
      if (read) tally.read++;
      tally.how.push(
        `${entry.file.slice(`held-1920x1080-${entry.sets[0]}-`.length, -'.png'.length)}: ${read ? result.variant : 'nothing'}${outline ? '' : ' (no outline)'}`,
      );
      bySet.set(entry.sets[0]!, tally);
    }
    let read = 0;
    for (const [set, tally] of bySet) {
      read += tally.read;
      console.log(`  ${set}: ${tally.read}/${tally.frames} (${tally.how.join('; ')})`);
    }
    console.log(`  ${read} of ${entries.length} read: ${read >= 0.9 * entries.length ? "#16's 90% met" : "#16's 90% not met yet"}`);
    assert.ok(read >= 17, `${read} of ${entries.length} held cards read, fewer than the 17 that did`);
  });

  it('a card under a lamp gets the glare advice, whether or not it reads', async () => {
    for (const entry of entries.filter((e) => e.sets.includes('glare-patch'))) {
      const glare = measured(await lumaOf(entry)).glare;
      assert.ok(glare >= GLARE_SHARE, `${entry.file}: glare ${glare.toFixed(4)} under the advice's ${GLARE_SHARE}`);
    }
  });
});
