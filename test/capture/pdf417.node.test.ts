/**
 * decodePdf417 on every image of the fixture manifest, plus the proof that the variants are
 * what make tilted and portrait frames read (the reader alone fails on them).
 *
 * Prints, per series, which variant read each frame, how long it took, and the success rate.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { parseAamva } from '../../src/document/aamva.js';
import { rotate } from '../../src/frame/luma.js';
import { decodePdf417, rgbaToLuma, type LumaImage, type Pdf417Result } from '../../src/document/pdf417.js';
import { readPdf417 } from '../../src/document/pdf417/read.js';
import { estimateBarcodes } from '../../src/document/barcode-locator.js';
import { fixturePath, loadFixtures, type FixtureEntry } from '../fixtures/manifest.js';
import { PAYLOADS } from '../fixtures/payload.js';

const manifest = await loadFixtures();
const images = manifest.files.filter((entry) => entry.format === 'png' || entry.format === 'jpeg');

/** RGBA → luma as the browser path does it (canvas getImageData gives RGBA). */
async function loadLuma(entry: FixtureEntry | string): Promise<LumaImage> {
  const { data, info } = await sharp(fixturePath(entry)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return rgbaToLuma(data, info.width, info.height);
}

interface Row {
  entry: FixtureEntry;
  result: Pdf417Result | null;
  ms: number;
  harder?: Pdf417Result | null;
}
const rows: Row[] = [];

function expectPayload(entry: FixtureEntry, result: Pdf417Result | null): void {
  assert.ok(result, `${entry.file} must read`);
  const payload = PAYLOADS[entry.payload!];
  assert.equal(result.text, payload.text, 'the decoded text is the encoded payload, byte for byte');
  const fields = parseAamva(result.text);
  assert.equal(fields?.document_number, payload.fields.document_number);
  assert.equal(fields?.expiry_date, payload.fields.expiry_date);
  assert.equal(fields?.last_name, payload.fields.last_name);
}

describe('decodePdf417 on the fixture manifest', () => {
  for (const entry of images) {
    const expectation = entry.expected.readable === true ? 'reads' : entry.expected.readable === false ? 'finds nothing in' : 'tries (best effort)';
    it(`${expectation} ${entry.file}`, async () => {
      const luma = await loadLuma(entry);
      const started = performance.now();
      const result = decodePdf417(luma);
      const row: Row = { entry, result, ms: performance.now() - started };
      rows.push(row);
      if (entry.expected.readable === true) expectPayload(entry, result);
      else if (entry.expected.readable === false) assert.equal(result, null);
      else if (result) expectPayload(entry, result);
      else row.harder = decodePdf417(luma, { tryHarder: true });
    });
  }
});

describe('the variants are what read tilted and portrait frames', () => {
  const needsVariants = images.filter((entry) => entry.kind === 'camera-frame' && [12, 20, 90].includes(entry.skew) && entry.expected.readable);
  assert.ok(needsVariants.length >= 4);
  for (const entry of needsVariants) {
    it(`${entry.file}: the reader alone fails, decodePdf417 reads it with a transform`, async () => {
      const luma = await loadLuma(entry);
      assert.equal(readPdf417(luma), null, 'the reader should not read this frame as it is (else the fixture proves nothing)');
      const result = decodePdf417(luma);
      expectPayload(entry, result);
      assert.notEqual(result!.variant, 'as-is');
      assert.match(result!.variant, entry.skew === 90 ? /rot90/ : /deskew/);
    });
  }
});

/** Paints smooth stripes (a shirt, a keyboard) over the top of the image, in place. */
function paintStripes(image: LumaImage, stripes: Array<{ degrees: number; from: number; to: number }>): LumaImage {
  for (const { degrees, from, to } of stripes) {
    const angle = (degrees * Math.PI) / 180;
    for (let y = 0; y < image.height * 0.45; y++) {
      for (let x = Math.floor(image.width * from); x < image.width * to; x++) {
        const u = x * Math.cos(angle) + y * Math.sin(angle);
        image.data[y * image.width + x] = 128 + 127 * Math.sin((2 * Math.PI * u) / 10);
      }
    }
  }
  return image;
}

describe('decodePdf417 when the background outvotes the symbol', () => {
  it('reads a symbol tilted 8° under stripes with more parallel edges than it: rows across the frame find its guard patterns', async () => {
    const frame = paintStripes(rotate(await loadLuma('licence-back.png'), 8), [{ degrees: 35, from: 0, to: 1 }]);
    const result = decodePdf417(frame);
    assert.equal(result?.text, PAYLOADS.licence.text);
    assert.equal(result!.variant, 'guarded+deskew+8');
  });

  it('two stripe fields outvote the edge look: the rows still place the symbol, and its measured tilt reads it', async () => {
    const frame = paintStripes(rotate(await loadLuma('licence-back.png'), 14), [
      { degrees: 35, from: 0, to: 0.5 },
      { degrees: 62, from: 0.5, to: 1 },
    ]);
    const [look] = estimateBarcodes(frame, 1);
    assert.ok(Math.abs(look!.angle - 14) > 10, `the edge look is fooled (${look!.angle.toFixed(1)}°)`);
    const result = decodePdf417(frame);
    assert.equal(result?.text, PAYLOADS.licence.text);
    assert.equal(result!.variant, 'guarded+deskew+14');
  });
});

describe('the symbol placed by its guard patterns', () => {
  // Rows across the frame cross its start and stop patterns; the two sides fitted through them say where it is and
  // how it leans, a stray match off a side notwithstanding (-20° has one: a least-squares fit missed that side).
  for (const turn of [-30, -20, -10, -5, 0, 5, 10, 20, 30, 170, 180]) {
    it(`turned ${turn}°: read from its region, as it is within 8°, else turned by the tilt the sides measure`, async () => {
      const result = decodePdf417(rotate(await loadLuma('licence-back.png'), turn));
      assert.equal(result?.text, PAYLOADS.licence.text);
      const [, measured] = /^guarded(?:\+deskew([+-]\d+))?$/.exec(result!.variant) ?? assert.fail(`read by ${result!.variant}`);
      const tilt = turn > 90 ? turn - 180 : turn;
      if (measured === undefined) assert.ok(Math.abs(tilt) <= 8, `${tilt}° read as it is`);
      else assert.ok(Math.abs(Number(measured) - tilt) <= 2, `measured ${measured}°, turned ${tilt}°`);
    });
  }
});

describe('decodePdf417 contract', () => {
  it('stops at once when the signal is already aborted', async () => {
    const luma = await loadLuma('licence-back.png');
    assert.equal(decodePdf417(luma, { signal: { aborted: true } }), null);
  });

  it('checks the signal between variants and stops when it turns', async () => {
    // A blurred symbol: many variants are tried, and none reads.
    const luma = await loadLuma('camera-1280x720-skew0-scale60-normal-blur3.png');
    let checks = 0;
    const counting = (abortAfter: number) => ({
      get aborted() {
        checks++;
        return checks > abortAfter;
      },
    });
    assert.equal(decodePdf417(luma, { signal: counting(Infinity) }), null);
    const unstopped = checks;
    assert.ok(unstopped > 3, `${unstopped} variants tried`);
    checks = 0;
    assert.equal(decodePdf417(luma, { signal: counting(1) }), null);
    assert.equal(checks, 2, 'one variant ran, and the check before the next stopped it');
  });

  it('returns null for images too small to hold a PDF417', () => {
    assert.equal(decodePdf417({ data: new Uint8Array(10 * 10).fill(255), width: 10, height: 10 }), null);
    assert.equal(decodePdf417({ data: new Uint8Array(0), width: 0, height: 0 }), null);
  });

  it('rejects a buffer that does not match its dimensions', () => {
    assert.throws(() => decodePdf417({ data: new Uint8Array(100), width: 100, height: 100 }), TypeError);
    assert.throws(() => decodePdf417({ data: new Uint8Array(100), width: 2.5, height: 4 }), TypeError);
  });

  it('accepts a Uint8Array view into a larger buffer (a transferred frame)', async () => {
    const luma = await loadLuma('licence-back.png');
    const backing = new Uint8Array(luma.data.length + 64);
    backing.set(luma.data, 32);
    const view = backing.subarray(32, 32 + luma.data.length);
    assert.equal(decodePdf417({ data: view, width: luma.width, height: luma.height })?.text, PAYLOADS.licence.text);
  });
});

describe('rgbaToLuma', () => {
  it('weights channels like BT.601 and ignores alpha', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 0, 0, 0, 0, 255, 0, 255, 0, 255, 255, 0, 0, 255]);
    assert.deepEqual([...rgbaToLuma(rgba, 4, 1).data], [255, 0, 150, 76]);
  });

  it('refuses a buffer shorter than width × height × 4', () => {
    assert.throws(() => rgbaToLuma(new Uint8Array(15), 2, 2), RangeError);
  });
});

after(() => {
  if (rows.length === 0) return;
  const lines = ['', 'PDF417 decode per fixture (Node, default options; best-effort misses retried with tryHarder):'];
  for (const row of rows.sort((a, b) => a.entry.file.localeCompare(b.entry.file))) {
    const want = row.entry.expected.readable === undefined ? 'best-effort' : row.entry.expected.readable ? 'must-read' : 'no-barcode';
    const got = row.result ? row.result.variant : row.harder ? `tryHarder:${row.harder.variant}` : '-';
    lines.push(`  ${row.entry.file.padEnd(50)} ${want.padEnd(12)} ${got.padEnd(30)} ${row.ms.toFixed(0).padStart(5)} ms`);
  }
  const frames = rows.filter((row) => row.entry.kind === 'camera-frame');
  lines.push('', 'Success rate per camera series (default options):');
  for (const set of ['skew', 'scale', 'light', 'blur'] as const) {
    for (const size of ['1280x720', '1920x1080']) {
      const inSet = frames.filter((row) => row.entry.sets.includes(set) && `${row.entry.width}x${row.entry.height}` === size);
      const read = inSet.filter((row) => row.result);
      const detail = inSet.map((row) => `${describeFrame(row.entry, set)}:${row.result ? 'ok' : row.harder ? 'harder' : 'no'}`).join(' ');
      lines.push(`  ${set.padEnd(6)} ${size.padEnd(10)} ${read.length}/${inSet.length}  ${detail}`);
    }
  }
  const readable = frames.filter((row) => row.entry.expected.readable !== false);
  lines.push(`  all camera frames: ${readable.filter((row) => row.result).length}/${readable.length} read`);
  lines.push('', 'Decode time per frame (ms, median / max):');
  for (const size of ['1280x720', '1920x1080']) {
    const read = frames.filter((row) => row.result && `${row.entry.width}x${row.entry.height}` === size).map((row) => row.ms);
    const missed = frames.filter((row) => !row.result && `${row.entry.width}x${row.entry.height}` === size).map((row) => row.ms);
    lines.push(`  ${size.padEnd(10)} read: ${stats(read)}   not read (all variants): ${stats(missed)}`);
  }
  console.log(lines.join('\n'));
});

function describeFrame(entry: FixtureEntry, set: string): string {
  if (set === 'blur') return `blur${entry.blur}`;
  if (set === 'light') return entry.light;
  return set === 'skew' ? `${entry.skew}°` : `${Math.round((entry.scale ?? 0) * 100)}%`;
}

function stats(values: number[]): string {
  if (values.length === 0) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} / ${sorted.at(-1)!.toFixed(0)}`;
}
