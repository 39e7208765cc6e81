import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { estimateBarcode, estimateBarcodes } from '../../src/document/barcode-locator.js';
import { rgbaToLuma, rotate, type LumaImage } from '../../src/frame/luma.js';
import { fixturePath, loadFixtures } from '../fixtures/manifest.js';

const manifest = await loadFixtures();

async function luma(file: string): Promise<LumaImage> {
  const { data, info } = await sharp(fixturePath(file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return rgbaToLuma(data, info.width, info.height);
}

/** Difference of two PDF417 orientations, which repeat every 180°. */
const angleError = (a: number, b: number) => {
  const d = Math.abs(a - b) % 180;
  return Math.min(d, 180 - d);
};

describe('estimateBarcode', () => {
  const skewed = manifest.files.filter((entry) => entry.kind === 'camera-frame' && entry.sets.includes('skew'));
  for (const entry of skewed) {
    it(`measures the ${entry.skew}° turn of ${entry.file} within 1.5° and boxes the symbol`, async () => {
      const image = await luma(entry.file);
      const estimate = estimateBarcode(image)!;
      assert.ok(angleError(estimate.angle, entry.skew) < 1.5, `measured ${estimate.angle.toFixed(2)}°`);
      assert.ok(estimate.strength > 0.3);
      // The symbol is centred in these frames: the box must contain the centre and be about
      // as long as the symbol (pxPerModule × ~290 modules), not a fragment of it.
      const box = estimate.region!;
      assert.ok(box.x < image.width / 2 && box.x + box.width > image.width / 2);
      assert.ok(box.y < image.height / 2 && box.y + box.height > image.height / 2);
      const symbolLength = entry.pxPerModule! * 280;
      assert.ok(Math.max(box.width, box.height) > symbolLength * 0.9, `box ${JSON.stringify(box)} vs symbol ~${symbolLength.toFixed(0)} px`);
    });
  }

  it('measures turns it has never seen, both ways, to a fraction of a degree', async () => {
    const upright = await luma('licence-back.png');
    for (const degrees of [-33, -5, 2, 17, 41, 64]) {
      const estimate = estimateBarcode(rotate(upright, degrees))!;
      assert.ok(angleError(estimate.angle, degrees) < 1, `${degrees}° measured as ${estimate.angle.toFixed(2)}°`);
    }
  });

  it('finds the barcode in the lower part of the flat licence back', async () => {
    const image = await luma('licence-back.png');
    const box = estimateBarcode(image)!.region!;
    assert.ok(box.y > image.height / 2, 'the symbol is in the lower half');
    assert.ok(box.width > image.width * 0.6);
  });

  it('returns null for a blank page', async () => {
    assert.equal(estimateBarcode(await luma('blank.png')), null);
  });

  it('reports a weak orientation on a card front (text and pattern, no bar field)', async () => {
    const estimate = estimateBarcode(await luma('licence-front.jpg'));
    assert.ok(estimate && estimate.strength < 0.3, `strength ${estimate?.strength}`);
  });

  // decodePdf417 stops after its plain read below 12 field cells (pdf417.ts MIN_FIELD_CELLS): every
  // frame with a symbol must count well above it, every frame without one well below.
  const scenes = manifest.files.filter((entry) => (entry.kind === 'camera-frame' || entry.kind === 'scene') && entry.blur === 0 && entry.light !== 'glare');
  it('counts a field of bars where a symbol is, and next to none on fronts, desks and empty scenes', async () => {
    const counts: string[] = [];
    for (const entry of scenes) {
      const fieldCells = Math.max(0, ...estimateBarcodes(await luma(entry.file), 2).map((estimate) => estimate.fieldCells));
      counts.push(`${entry.file}: ${fieldCells}`);
      const hasSymbol = entry.side === 'back' || entry.kind === 'camera-frame';
      // The one exception: a 720p frame with the card far away (35% of it), whose modules are too fine to count; 'as-is' reads it.
      if (entry.kind === 'camera-frame' && entry.scale === 0.35 && entry.width === 1280) continue;
      if (hasSymbol) assert.ok(fieldCells >= 20, `${entry.file}: ${fieldCells} field cells\n${counts.join('\n')}`);
      else assert.ok(fieldCells <= 8, `${entry.file}: ${fieldCells} field cells\n${counts.join('\n')}`);
    }
    for (const file of ['licence-front.jpg', 'passport.jpg', 'de-licence-front.jpg', 'noise.png']) {
      const fieldCells = Math.max(0, ...estimateBarcodes(await luma(file), 2).map((estimate) => estimate.fieldCells));
      assert.ok(fieldCells <= 8, `${file}: ${fieldCells} field cells`);
    }
  });
});
