/**
 * The frame measurements and the advice they lead to, on the generated camera frames shrunk to
 * the analysis size as the viewfinder does: each light, blur and scale fixture gets its advice,
 * and the clean frames get none. Also the document finder on shapes that are not documents.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { fixturePath, loadFixtures } from '../fixtures/manifest.js';
import { ANALYSIS_SIZE, measureFrame, motionBetween, type FrameMetrics } from '../../src/frame/frame-quality.js';
import { BLURRY, DARK_BRIGHTNESS, GLARE_SHARE, MOVING, guidanceFor, looksLikeDocument } from '../../src/frame/guidance.js';
import { rgbaToChroma, rgbaToLuma, type LumaImage } from '../../src/frame/luma.js';

const manifest = await loadFixtures();

async function analysed(file: string): Promise<LumaImage> {
  const { data, info } = await sharp(fixturePath(file))
    .resize(ANALYSIS_SIZE, ANALYSIS_SIZE, { fit: 'inside', kernel: 'linear' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The luma (Y) plane of a YUV4MPEG2 file's first frame. */
function firstY4mFrame(path: string): LumaImage {
  const bytes = readFileSync(path);
  const headerEnd = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, headerEnd).toString('latin1');
  const width = Number(/ W(\d+)/.exec(header)![1]);
  const height = Number(/ H(\d+)/.exec(header)![1]);
  const frameStart = bytes.indexOf(0x0a, headerEnd + 1) + 1; // after "FRAME\n"
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

const measure = async (file: string): Promise<FrameMetrics> => measureFrame(await analysed(file));

/** As the analysis worker measures a frame: luma and the blue–yellow plane, from the same pixels. */
async function measureInColour(file: string, options: { chroma: boolean } = { chroma: true }): Promise<FrameMetrics> {
  const { data, info } = await sharp(fixturePath(file))
    .resize(ANALYSIS_SIZE, ANALYSIS_SIZE, { fit: 'inside', kernel: 'linear' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return measureFrame(rgbaToLuma(data, info.width, info.height), options.chroma ? rgbaToChroma(data, info.width, info.height) : undefined);
}
const adviceFor = async (file: string) => guidanceFor({ metrics: await measure(file), motion: 0, barcode: 'not_expected' });

/** A flat image with a bright shape on a dark ground, drawn by `inside(x, y)`. */
function shape(width: number, height: number, inside: (x: number, y: number) => boolean): LumaImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = inside(x, y) ? 230 : 40;
  return { data, width, height };
}

describe('frame quality on the camera fixtures', () => {
  for (const size of ['1280x720', '1920x1080']) {
    it(`${size}: clean frames at every skew get no advice`, async () => {
      for (const skew of [0, 3, 7, 12, 20]) {
        const file = `camera-${size}-skew${skew}-scale60-normal.png`;
        assert.equal(await adviceFor(file), null, file);
      }
      assert.equal(await adviceFor(`camera-${size}-skew0-scale90-normal.png`), null);
    });

    it(`${size}: dark, glare and small frames get their advice`, async () => {
      const dark = await measure(`camera-${size}-skew0-scale60-dark.png`);
      assert.ok(dark.brightness < DARK_BRIGHTNESS, `brightness ${dark.brightness}`);
      assert.equal(guidanceFor({ metrics: dark, motion: 0, barcode: 'reading' }), 'dark');
      const glare = await measure(`camera-${size}-skew0-scale60-glare.png`);
      assert.ok(glare.glare >= GLARE_SHARE, `glare ${glare.glare}`);
      assert.equal(guidanceFor({ metrics: glare, motion: 0, barcode: 'reading' }), 'glare');
      assert.equal(await adviceFor(`camera-${size}-skew0-scale35-normal.png`), 'far');
    });
  }

  it('a defocused frame is blurry, a sharp one is not (contrast aside)', async () => {
    const blurred = await measure('camera-1280x720-skew0-scale60-normal-blur3.png');
    const sharp720 = await measure('camera-1280x720-skew0-scale60-normal.png');
    assert.ok(blurred.sharpness! < BLURRY, `blurred ${blurred.sharpness}`);
    assert.ok(sharp720.sharpness! >= BLURRY + 0.1, `sharp ${sharp720.sharpness}`);
    assert.equal(guidanceFor({ metrics: blurred, motion: 0, barcode: 'not_expected' }), 'blurry');
    // A dark frame keeps its edges' crispness: sharpness does not depend on contrast.
    const dark = await measure('camera-1280x720-skew0-scale60-dark.png');
    assert.ok(Math.abs(dark.sharpness! - sharp720.sharpness!) < 0.15);
  });

  it('finds the card in a frame where it lies whole, with its shape', async () => {
    const { document } = await measure('camera-1280x720-skew0-scale35-normal.png');
    assert.ok(document);
    assert.ok(looksLikeDocument(document));
    assert.ok(Math.abs(document.aspect - 1.59) < 0.1, `aspect ${document.aspect}`);
    assert.equal(document.clipped, false);
    assert.ok(document.width > 0.4 && document.width < 0.55, `width ${document.width}`);
    const portrait = await measure('camera-1280x720-skew90-scale85-normal.png');
    assert.ok(portrait.document && portrait.document.height > 0.95);
  });

  it('the fake-camera videos need no advice (their first frame, as Chromium plays it)', async () => {
    const videos = manifest.files.filter((item) => item.kind === 'video');
    assert.ok(videos.length >= 3);
    for (const entry of videos) {
      const metrics = measureFrame(await shrink(firstY4mFrame(fixturePath(entry))));
      assert.equal(guidanceFor({ metrics, motion: 0, barcode: 'not_expected' }), null, entry.file);
    }
  });
});

describe('document finder in the scenes of everyday use', () => {
  const scenes = manifest.files.filter((entry) => entry.sets.includes('scene'));

  it('has scenes with and without a card on each surface', () => {
    for (const surface of ['dark-table', 'light-desk', 'hand-held'] as const) {
      assert.ok(
        scenes.some((entry) => entry.surface === surface && entry.expected.document),
        `${surface} with a card`,
      );
      assert.ok(
        scenes.some((entry) => entry.surface === surface && !entry.expected.document),
        `${surface} without`,
      );
    }
  });

  for (const entry of scenes) {
    const want = entry.expected.document ? (entry.expected.far ? 'a document, too far' : 'a document') : 'no document';
    it(`${entry.file}: ${want}`, async () => {
      const metrics = await measureInColour(entry.file);
      const advice = guidanceFor({ metrics, motion: 0, barcode: 'not_expected' });
      assert.equal(looksLikeDocument(metrics.document), Boolean(entry.expected.document), JSON.stringify(metrics.document));
      if (!entry.expected.document) return assert.notEqual(advice, 'far');
      assert.equal(advice, entry.expected.far ? 'far' : null);
      if (Math.abs(entry.skew) <= 4)
        assert.ok(Math.abs(metrics.document!.width - entry.scale!) < 0.05, `width ${metrics.document!.width}, card ${entry.scale}`);
    });
  }
});

describe('document finder on shapes that are not documents', () => {
  it('a disc (like Chromium\u2019s default fake camera pattern) is not document-shaped', () => {
    const disc = measureFrame(shape(480, 270, (x, y) => (x - 240) ** 2 + (y - 135) ** 2 < 80 ** 2));
    assert.ok(disc.document);
    assert.equal(looksLikeDocument(disc.document), false, `aspect ${disc.document.aspect}`);
  });

  it('a card turned 20\u00b0 is still document-shaped', () => {
    const angle = (20 * Math.PI) / 180;
    const card = measureFrame(
      shape(480, 270, (x, y) => {
        const dx = x - 240;
        const dy = y - 135;
        const u = dx * Math.cos(angle) + dy * Math.sin(angle);
        const v = -dx * Math.sin(angle) + dy * Math.cos(angle);
        return Math.abs(u) < 130 && Math.abs(v) < 82;
      }),
    );
    assert.ok(looksLikeDocument(card.document), JSON.stringify(card.document));
  });

  it('a flat frame has no document and no edges to judge', () => {
    const flat = measureFrame({ data: new Uint8Array(480 * 270).fill(120), width: 480, height: 270 });
    assert.equal(flat.document, null);
    assert.equal(flat.sharpness, null);
    assert.equal(flat.glare, 0);
  });
});

describe('motionBetween', () => {
  it('is 0 for the same frame and large for a moved one', async () => {
    const frame = await analysed('camera-1280x720-skew0-scale35-normal.png');
    const still = measureFrame(frame);
    assert.equal(motionBetween(still.thumbnail, measureFrame(frame).thumbnail), 0);
    // The same frame shifted by a tenth of its width: a card sliding across the view.
    const shift = Math.round(frame.width / 10);
    const moved = new Uint8Array(frame.data.length);
    for (let y = 0; y < frame.height; y++) moved.set(frame.data.subarray(y * frame.width, (y + 1) * frame.width - shift), y * frame.width + shift);
    const motion = motionBetween(still.thumbnail, measureFrame({ ...frame, data: moved }).thumbnail);
    assert.ok(motion > MOVING, `motion ${motion}`);
  });

  it('treats thumbnails of different sizes as all change', () => {
    assert.equal(motionBetween(new Uint8Array(4), new Uint8Array(5)), 1);
  });
});
