/**
 * The checks a photo passes before upload (src/frame/photo-check.ts): the rules with made-up
 * measures, then every generated photo measured as the sandbox measures an upload (the same
 * shrink, the same document rule) and its barcode read as the sandbox reads a back: what the
 * checks stop, the sandbox refuses; what they let through, it finds a document in.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { decodePdf417 } from '../../src/document/pdf417.js';
import { documentPresence } from '../../src/frame/document-presence.js';
import { ANALYSIS_SIZE, measureFrame } from '../../src/frame/frame-quality.js';
import { looksLikeDocument } from '../../src/frame/guidance.js';
import type { LumaImage } from '../../src/frame/luma.js';
import {
  barcodeWorthReading,
  MIN_SHORT_SIDE_PX,
  photoMeasures,
  photoProblems,
  type BarcodeResult,
  type PhotoFacts,
  type PhotoProblem,
} from '../../src/frame/photo-check.js';
import { findDocument } from '../../src/sandbox/engine/document-visible.js';
import { MIN_SHORT_SIDE_PX as SANDBOX_MIN_SHORT_SIDE } from '../../src/sandbox/engine/checks.js';
import { inspectImage, readLuma } from '../../src/sandbox/engine/image.js';
import { fixturePath, loadFixtures } from '../fixtures/manifest.js';
import { CARD } from './metrics.js';

const manifest = await loadFixtures();

const WHOLE: PhotoFacts = { width: 1280, height: 720, found: 'in_photo', region: CARD, sharpness: 0.8 };
const CUT_OFF_REGION = { ...CARD, x: 0.1, y: 0, width: 0.8, height: 0.7, aspect: 2.07, clipped: true };

describe('photoProblems', () => {
  it('lets a whole, sharp, big enough document through, with its barcode read or not expected', () => {
    assert.deepEqual(photoProblems(WHOLE, 'not_expected'), []);
    assert.deepEqual(photoProblems(WHOLE, 'read'), []);
    assert.deepEqual(photoProblems({ ...WHOLE, found: 'whole_photo', region: null }, 'read'), []);
  });

  it('too small: said alone, whatever else (a bigger photo is needed first)', () => {
    assert.deepEqual(photoProblems({ ...WHOLE, width: 320, height: 200 }, 'not_expected'), ['too_small']);
    assert.deepEqual(photoProblems({ ...WHOLE, width: 1600, height: MIN_SHORT_SIDE_PX - 1, found: null, sharpness: 0.2 }, 'not_read'), ['too_small']);
    assert.deepEqual(photoProblems({ ...WHOLE, width: MIN_SHORT_SIDE_PX, height: 1600 }, 'not_expected'), [], 'the limit itself is enough');
    assert.equal(MIN_SHORT_SIDE_PX, SANDBOX_MIN_SHORT_SIDE, 'the sandbox refuses below the same size');
  });

  it('no document: said alone; a region filling the photo, or a small one at its edge, is no cut-off card', () => {
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: null, sharpness: null }, 'not_expected'), ['no_document']);
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: null, sharpness: 0.2 }, 'not_expected'), ['no_document']);
    const wall = { ...CARD, x: 0, y: 0, width: 1, height: 1, aspect: 1.78, clipped: true };
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: wall }, 'not_expected'), ['no_document']);
    const corner = { ...CARD, x: 0, y: 0, width: 0.3, height: 0.3, clipped: true };
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: corner }, 'not_expected'), ['no_document']);
  });

  it('cut off: a card-sized region running into the edge, or any photo whose barcode read without a whole card', () => {
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: CUT_OFF_REGION }, 'not_expected'), ['cut_off']);
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: null }, 'read'), ['cut_off']);
  });

  it('blurry, with a cut-off card or alone; the barcode is not asked for on top (fixing those makes it read)', () => {
    assert.deepEqual(photoProblems({ ...WHOLE, sharpness: 0.3 }, 'not_expected'), ['blurry']);
    assert.deepEqual(photoProblems({ ...WHOLE, sharpness: 0.3 }, 'skipped'), ['blurry']);
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: CUT_OFF_REGION, sharpness: 0.3 }, 'not_read'), ['cut_off', 'blurry']);
    assert.deepEqual(photoProblems({ ...WHOLE, found: null, region: CUT_OFF_REGION }, 'not_read'), ['cut_off']);
  });

  it('an unreadable barcode, on a whole and sharp back; a reader that could not run is not held against the photo', () => {
    assert.deepEqual(photoProblems(WHOLE, 'not_read'), ['barcode_unreadable']);
    assert.deepEqual(photoProblems(WHOLE, 'unknown'), []);
  });

  it('reads the barcode only where the photo does not already fail on its size or its sharpness', () => {
    assert.equal(barcodeWorthReading(WHOLE), true);
    assert.equal(barcodeWorthReading({ ...WHOLE, found: null, region: CUT_OFF_REGION }), true, 'a read tells a cut-off card from no card');
    assert.equal(barcodeWorthReading({ ...WHOLE, width: 320, height: 200 }), false);
    assert.equal(barcodeWorthReading({ ...WHOLE, sharpness: 0.3 }), false);
  });
});

/** A fixture measured as the sandbox measures an upload, at the size the widget uploads it (2400 px at most). */
async function check(file: string, { barcode }: { barcode: boolean }): Promise<{ problems: PhotoProblem[]; sandboxFound: boolean }> {
  const bytes = readFileSync(fixturePath(file));
  const image = (await inspectImage(bytes))!;
  const scale = Math.min(1, 2400 / Math.max(image.width, image.height));
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  const facts: PhotoFacts = {
    ...photoMeasures(documentPresence({ luma: image.analysis.luma, chroma: image.analysis.chroma, width, height })),
    width,
    height,
  };
  let read: BarcodeResult = 'not_expected';
  if (barcode) read = barcodeWorthReading(facts) ? (decodePdf417((await readLuma(bytes, 2400))!, { tryHarder: true }) ? 'read' : 'not_read') : 'skipped';
  return { problems: photoProblems(facts, read), sandboxFound: findDocument(image).found !== null };
}

describe('the checks on the generated photos, and what the sandbox makes of them', () => {
  const cases: Array<[file: string, barcode: boolean, problems: PhotoProblem[]]> = [
    ['licence-front.jpg', false, []],
    ['licence-back.png', true, []],
    ['id-card-back.png', true, []],
    ['passport.jpg', false, []],
    ['scene-1280x720-dark-table-front-skew2-scale68.png', false, []],
    ['scene-1280x720-dark-table-back-skew-2-scale72.png', true, []],
    ['scene-1280x720-hand-held-back-skew-2-scale72-webcam.png', true, []],
    ['scene-1280x720-light-desk-empty.png', false, ['no_document']],
    ['scene-1280x720-dark-table-empty.png', false, ['no_document']],
    ['scene-1280x720-hand-held-empty-webcam.png', false, ['no_document']],
    ['blank.png', false, ['no_document']],
    ['noise.png', false, ['no_document']],
    ['tiny-licence-front.jpg', false, ['too_small']],
    ['tiny.png', true, ['too_small']],
    ['scene-1280x720-dark-table-back-skew-2-scale72-blur3.png', true, ['blurry']],
    // The back centred on its barcode, the card's top out of the frame: the barcode reads, the card is not whole.
    ['camera-1280x720-skew0-scale60-normal.png', true, ['cut_off']],
    ['camera-1280x720-skew0-scale60-normal-blur3.png', true, ['cut_off', 'blurry']],
    // A German licence's back declared as a US one's: whole and sharp, no barcode.
    ['de-licence-back.jpg', true, ['barcode_unreadable']],
  ];
  for (const [file, barcode, expected] of cases) {
    it(`${file}${barcode ? ' (a back with a barcode)' : ''}: ${expected.length ? expected.join(', ') : 'passes'}`, async () => {
      const { problems, sandboxFound } = await check(file, { barcode });
      assert.deepEqual(problems, expected);
      // What passes, the sandbox finds a document in; where no document is found, it finds none either.
      if (problems.length === 0) assert.equal(sandboxFound, true, 'the sandbox finds the document');
      if (problems.includes('no_document')) assert.equal(sandboxFound, false, 'the sandbox finds no document');
    });
  }
});

describe('the fake-camera videos of a back', () => {
  it('show the whole card (the camera takes the photo by itself only then)', async () => {
    const backs = manifest.files.filter((entry) => entry.kind === 'video' && entry.side === 'back');
    assert.ok(backs.length >= 2);
    for (const entry of backs) {
      const metrics = measureFrame(await shrink(firstY4mFrame(fixturePath(entry))));
      assert.ok(looksLikeDocument(metrics.document), `${entry.file}: ${JSON.stringify(metrics.document)}`);
    }
  });
});

/** The luma (Y) plane of a YUV4MPEG2 file's first frame. */
function firstY4mFrame(path: string): LumaImage {
  const bytes = readFileSync(path);
  const headerEnd = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, headerEnd).toString('latin1');
  const width = Number(/ W(\d+)/.exec(header)![1]);
  const height = Number(/ H(\d+)/.exec(header)![1]);
  const frameStart = bytes.indexOf(0x0a, headerEnd + 1) + 1;
  return { data: bytes.subarray(frameStart, frameStart + width * height), width, height };
}

async function shrink(image: LumaImage): Promise<LumaImage> {
  const { data, info } = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 1 } })
    .resize(ANALYSIS_SIZE, ANALYSIS_SIZE, { fit: 'inside', kernel: 'linear' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
