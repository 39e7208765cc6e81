/**
 * The PDF417 reader of our own (src/document/pdf417/): its codeword table against zxing's (an
 * independent implementation, kept as a development dependency for this and the bench's baseline),
 * its error correction against an encoder written here from the standard, and its reading of
 * symbols bwip-js renders: every compaction mode, sizes, levels, turned, upside down, tilted in
 * perspective, damaged within and beyond what the error correction can mend, and nothing read from
 * images without a symbol.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import bwipjs from 'bwip-js';
import sharp from 'sharp';
import { codewordOf } from '../../src/document/pdf417/codewords.js';
import { correctErrors } from '../../src/document/pdf417/error-correction.js';
import { readPdf417 } from '../../src/document/pdf417/read.js';
import { homography, warp, type Quad } from '../../src/frame/perspective.js';
import { rgbaToLuma, rotate, type LumaImage } from '../../src/frame/luma.js';
import { PAYLOADS } from '../fixtures/payload.js';

const require = createRequire(import.meta.url);
const zxingCommon = (require('@zxing/library/cjs/core/pdf417/PDF417Common.js') as { default: { SYMBOL_TABLE: Int32Array; CODEWORD_TABLE: Int32Array } })
  .default;

async function render(text: string, options: Record<string, unknown> = {}): Promise<LumaImage> {
  const png = await bwipjs.toBuffer({
    bcid: 'pdf417',
    text,
    scale: 2,
    paddingwidth: 12,
    paddingheight: 12,
    backgroundcolor: 'FFFFFF',
    ...options,
  } as bwipjs.RenderOptions);
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return rgbaToLuma(data, info.width, info.height);
}

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the codeword table', () => {
  it("names every pattern of zxing's table with zxing's codeword and cluster", () => {
    const { SYMBOL_TABLE, CODEWORD_TABLE } = zxingCommon;
    assert.equal(SYMBOL_TABLE.length, 2787);
    SYMBOL_TABLE.forEach((symbol, i) => {
      // The 17 modules, first bit first, as 8 element widths.
      const widths: number[] = [];
      let run = 1;
      for (let bit = 15; bit >= 0; bit--) {
        if (((symbol >> bit) & 1) === ((symbol >> (bit + 1)) & 1)) {
          run++;
        } else {
          widths.push(run);
          run = 1;
        }
      }
      widths.push(run);
      const codeword = codewordOf(widths.slice(0, 6).map((width, k) => width + widths[k + 1]!));
      const expected = CODEWORD_TABLE[i]! - 1;
      assert.deepEqual(codeword, { value: expected % 929, cluster: Math.floor(expected / 929) }, `pattern ${widths.join('')}`);
    });
  });

  it('knows no codeword for edge widths the standard did not choose', () => {
    assert.equal(codewordOf([2, 2, 2, 2, 2, 2]), undefined);
  });
});

describe('the error correction', () => {
  const P = 929;
  /** The standard's encoder: the data times x^k, minus its remainder by Π(x − 3^i), i = 1 … k. */
  function encode(data: number[], ecCount: number): number[] {
    let generator = [1];
    for (let i = 1, root = 3; i <= ecCount; i++, root = (root * 3) % P) {
      const next = new Array<number>(generator.length + 1).fill(0);
      generator.forEach((c, j) => {
        next[j] = (next[j]! + c) % P;
        next[j + 1] = (next[j + 1]! + P - ((c * root) % P)) % P;
      });
      generator = next;
    }
    const remainder = [...data, ...new Array<number>(ecCount).fill(0)];
    for (let i = 0; i < data.length; i++) {
      const factor = remainder[i]!;
      for (let j = 1; j <= ecCount; j++) remainder[i + j] = (remainder[i + j]! + P - ((factor * generator[j]!) % P)) % P;
    }
    return [...data, ...remainder.slice(data.length).map((r) => (P - r) % P)];
  }
  const next = random(417);
  const message = () => Array.from({ length: 40 }, () => Math.floor(next() * 900));
  const damage = (codewords: number[], count: number) => {
    const positions = new Set<number>();
    while (positions.size < count) positions.add(Math.floor(next() * codewords.length));
    for (const i of positions) codewords[i] = (codewords[i]! + 1 + Math.floor(next() * 927)) % P;
    return [...positions];
  };

  it('leaves a whole symbol as it is', () => {
    const sent = encode(message(), 16);
    assert.equal(correctErrors([...sent], 16), 0);
  });

  it('mends misread codewords up to (k − 2) / 2, and erased ones up to k − 2', () => {
    for (let trial = 0; trial < 20; trial++) {
      const sent = encode(message(), 16);
      const misread = [...sent];
      damage(misread, 7);
      assert.equal(correctErrors(misread, 16), 7);
      assert.deepEqual(misread, sent);
      const erased = [...sent];
      const positions = damage(erased, 14);
      assert.equal(correctErrors(erased, 16, positions), 14);
      assert.deepEqual(erased, sent);
      const both = [...sent];
      const lost = damage(both, 8);
      damage(both, 3);
      assert.ok((correctErrors(both, 16, lost) ?? 0) >= 8);
      assert.deepEqual(both, sent);
    }
  });

  it('refuses what is beyond that, rather than mending it into another message', () => {
    for (let trial = 0; trial < 20; trial++) {
      const sent = encode(message(), 16);
      const misread = [...sent];
      damage(misread, 12);
      assert.equal(correctErrors(misread, 16), null);
      const erased = [...sent];
      assert.equal(correctErrors(erased, 16, damage(erased, 15)), null);
    }
  });
});

describe('reading rendered symbols', () => {
  const texts = {
    'an AAMVA licence (text and byte compaction)': PAYLOADS.licence.text,
    'every text sub-mode': 'Hello, World! mixed 0123 & punct ;<>@[\\]_`~ (x) {y} \'q\' "z" tab\tEND',
    'numeric compaction': '1234567890123456789012345678901234567890123456',
    'bytes as UTF-8': 'Grüße aus Köln: €42',
    'a single character': 'A',
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`reads ${name}`, async () => {
      assert.equal(readPdf417(await render(text)), text);
    });
  }

  it('reads every size and level: 1 to 30 columns, error correction 0 to 8, 1 to 3 px a module', async () => {
    const short = 'DAQ D12345678 DBA 2031-01-15';
    for (const [text, options] of [
      [short, { columns: 1, eclevel: 0 }],
      [short, { columns: 3, eclevel: 2, scale: 1 }],
      [PAYLOADS.licence.text, { columns: 8, eclevel: 8, scale: 3 }],
      [PAYLOADS.licence.text, { columns: 30, eclevel: 4 }],
      [PAYLOADS.licence.text, { columns: 12, eclevel: 5, rowmult: 2 }],
    ] as const) {
      assert.equal(readPdf417(await render(text, options)), text, JSON.stringify(options));
    }
  });

  it('reads it upside down, and turned up to 8° either way', async () => {
    const symbol = await render(PAYLOADS.licence.text, { columns: 13, eclevel: 5 });
    for (const degrees of [180, -8, -4, 4, 8, 176, 184]) {
      assert.equal(readPdf417(rotate(symbol, degrees)), PAYLOADS.licence.text, `turned ${degrees}°`);
    }
  });

  it('reads it seen in perspective, its far side a fifth shorter', async () => {
    const symbol = await render(PAYLOADS.licence.text, { columns: 13, eclevel: 5, scale: 3 });
    const { width, height } = symbol;
    // The output's corners, and the symbol's corners they show: the right side shrunk by a fifth.
    const frame: Quad = [
      { x: 0, y: 0 },
      { x: width, y: height * 0.1 },
      { x: width, y: height * 0.9 },
      { x: 0, y: height },
    ];
    const whole: Quad = [
      { x: 0, y: 0 },
      { x: width, y: 0 },
      { x: width, y: height },
      { x: 0, y: height },
    ];
    assert.equal(readPdf417(warp(symbol, homography(frame, whole)!, width, height)), PAYLOADS.licence.text);
  });

  it('mends a band of lost columns, and refuses a symbol with more lost than its error correction holds', async () => {
    const symbol = await render(PAYLOADS.licence.text, { columns: 10, eclevel: 5 });
    const blotted = (share: number) => {
      const copy = { ...symbol, data: Uint8Array.from(symbol.data) };
      const from = Math.round(symbol.width * 0.4);
      for (let y = 0; y < symbol.height; y++) copy.data.fill(255, y * symbol.width + from, y * symbol.width + from + Math.round(symbol.width * share));
      return copy;
    };
    assert.equal(readPdf417(blotted(0.06)), PAYLOADS.licence.text, 'a band about half a column wide');
    assert.equal(readPdf417(blotted(0.35)), null, 'a third of the symbol gone');
  });

  it('damaged at random (blots, noise, a turn), reads the exact text or nothing: never other text, never an exception', async () => {
    const symbol = await render(PAYLOADS.licence.text, { columns: 10, eclevel: 4 });
    const next = random(99);
    let exact = 0;
    for (let trial = 0; trial < 200; trial++) {
      const image = rotate(symbol, (next() - 0.5) * 12);
      const { data, width, height } = image;
      for (let blots = Math.floor(next() * 12); blots > 0; blots--) {
        const [left, top, size, ink] = [next() * width, next() * height, next() * 60, next() < 0.5 ? 0 : 255].map(Math.floor) as [
          number,
          number,
          number,
          number,
        ];
        for (let y = top; y < Math.min(height, top + size); y++) data.fill(ink, y * width + left, y * width + Math.min(width, left + size));
      }
      const noise = next() * 80;
      for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + (next() - 0.5) * noise));
      const text = readPdf417(image);
      if (text !== null) assert.equal(text, PAYLOADS.licence.text, `trial ${trial}`);
      if (text !== null) exact++;
    }
    // About three in four read (the rest are refused): enough that the check above is not vacuous.
    assert.ok(exact >= 100, `only ${exact} of 200 read`);
  });

  it('reads nothing in noise, stripes or a blank page', () => {
    const next = random(7);
    const size = { width: 640, height: 240 };
    const noise = { ...size, data: Uint8Array.from({ length: 640 * 240 }, () => Math.floor(next() * 256)) };
    const stripes = { ...size, data: Uint8Array.from({ length: 640 * 240 }, (_, i) => (((i % 640) >> 2) % 2 ? 255 : 0)) };
    const blank = { ...size, data: new Uint8Array(640 * 240).fill(255) };
    for (const image of [noise, stripes, blank]) assert.equal(readPdf417(image), null);
  });
});
