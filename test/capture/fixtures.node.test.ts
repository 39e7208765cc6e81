/**
 * The generated fixtures are what the manifest says they are: sizes, formats, textures, the
 * y4m layout Chromium's fake camera expects, and a generator that does nothing when current.
 */
import assert from 'node:assert/strict';
import { openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { ensureFixtures } from '../fixtures/generate.js';
import { fixturePath, loadFixtures, type FixtureEntry } from '../fixtures/manifest.js';

const manifest = await loadFixtures();
const byName = (file: string) => manifest.files.find((entry) => entry.file === file)!;

async function lumaStdDev(entry: FixtureEntry): Promise<number> {
  const stats = await sharp(fixturePath(entry)).greyscale().stats();
  return stats.channels[0]!.stdev;
}

describe('fixture manifest', () => {
  it('lists the required files', () => {
    for (const file of [
      'licence-front.jpg',
      'licence-back.png',
      'licence-back.jpg',
      'expired-licence-back.png',
      'passport.jpg',
      'blank.png',
      'tiny.png',
      'fake.jpg',
      'photo-12mp.jpg',
      'licence-back-720p.y4m',
      'licence-front-720p.y4m',
    ]) {
      assert.ok(byName(file), file);
    }
    const frames = manifest.files.filter((entry) => entry.kind === 'camera-frame');
    for (const set of ['skew', 'scale', 'light', 'blur'] as const) {
      for (const width of [1280, 1920])
        assert.ok(
          frames.some((entry) => entry.sets.includes(set) && entry.width === width),
          `${set} at ${width}`,
        );
    }
    assert.deepEqual(
      [...new Set(frames.filter((entry) => entry.sets.includes('skew')).map((entry) => entry.skew))].sort((a, b) => a - b),
      [0, 3, 7, 12, 20, 90],
    );
  });

  for (const entry of manifest.files.filter((item) => item.format === 'png' || item.format === 'jpeg')) {
    it(`${entry.file} is a ${entry.width}×${entry.height} ${entry.format}`, async () => {
      const meta = await sharp(fixturePath(entry)).metadata();
      assert.equal(meta.format, entry.format);
      assert.equal(meta.width, entry.width);
      assert.equal(meta.height, entry.height);
    });
  }

  it('fake.jpg carries text, not an image', async () => {
    const bytes = readFileSync(fixturePath('fake.jpg'));
    assert.notDeepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    await assert.rejects(sharp(bytes).metadata());
  });

  it('the blank page is flat, the drawn documents are textured', async () => {
    assert.ok((await lumaStdDev(byName('blank.png'))) < 1);
    for (const file of ['licence-front.jpg', 'licence-back.png', 'passport.jpg', 'photo-12mp.jpg']) {
      assert.ok((await lumaStdDev(byName(file))) > 20, `${file} has texture`);
    }
  });

  it('the dark frames are about a third as bright as the normal ones', async () => {
    for (const width of [1280, 1920]) {
      const frames = manifest.files.filter(
        (entry) => entry.kind === 'camera-frame' && entry.width === width && entry.skew === 0 && entry.scale === 0.6 && entry.blur === 0,
      );
      const frame = (light: FixtureEntry['light']) => frames.find((entry) => entry.light === light)!;
      const mean = async (entry: FixtureEntry) => (await sharp(fixturePath(entry)).greyscale().stats()).channels[0]!.mean;
      const ratio = (await mean(frame('dark'))) / (await mean(frame('normal')));
      assert.ok(ratio > 0.3 && ratio < 0.42, `dark/normal = ${ratio.toFixed(2)}`);
    }
  });

  for (const entry of manifest.files.filter((item) => item.format === 'y4m')) {
    it(`${entry.file} is YUV4MPEG2 C420 with ${entry.frames} frames`, () => {
      const header = `YUV4MPEG2 W${entry.width} H${entry.height} F${entry.fps}:1 Ip A1:1 C420jpeg\n`;
      const fd = openSync(fixturePath(entry), 'r');
      const start = Buffer.alloc(header.length + 6);
      readSync(fd, start, 0, start.length, 0);
      closeSync(fd);
      assert.equal(start.toString('latin1'), `${header}FRAME\n`);
      const frameBytes = 6 + entry.width * entry.height * 1.5;
      assert.equal(statSync(fixturePath(entry)).size, header.length + entry.frames! * frameBytes);
    });
  }

  it('the generator does nothing when the fixtures are current', async () => {
    const result = await ensureFixtures();
    assert.equal(result.generated, false);
    assert.ok(result.ms < 500, `${result.ms} ms`);
  });
});
