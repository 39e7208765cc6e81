import { expect } from '@open-wc/testing';
import { checksum } from '../../src/upload/checksum.js';
import { prepareImage, type PreparedImage } from '../../src/upload/prepare-image.js';
import { ImagePreparationError } from '../../src/upload/image-errors.js';
import type { ImageRequest, ImageResult } from '../../src/upload/image-handler.js';
import type { AnalysisRequest, AnalysisResult } from '../../src/camera/analysis-handler.js';
import { runImagePipeline } from '../../src/upload/image-pipeline.js';
import { compressToTarget } from '../../src/upload/compress-to-target.js';
import { decode, drawAsJpeg } from '../../src/upload/image-codec.js';
import { WorkerClient, type RemoteError } from '../../src/workers/client.js';
import type { RpcMessage, RpcRequest } from '../../src/workers/rpc.js';
import { fixtureBlob } from '../helpers/widget.js';
import {
  bytesOf,
  encode,
  exifSegment,
  fixture,
  hasExif,
  isClose,
  metadataMarkers,
  noiseCanvas,
  pixelAt,
  spliceAfterApp0,
  twoToneCanvas,
  type Rgb,
} from './images.js';

const RED: Rgb = [220, 20, 20];
const BLUE: Rgb = [20, 20, 220];

/** 200×100 pixels stored left-red/right-blue, tagged "rotate 90° clockwise to display" (orientation 6), with GPS. */
async function sidewaysPhotoWithGps(): Promise<Blob> {
  const stored = await bytesOf(await encode(twoToneCanvas(200, 100, RED, BLUE), 'image/jpeg', 0.95));
  return new Blob([spliceAfterApp0(stored, exifSegment(6)) as BlobPart], { type: 'image/jpeg' });
}

async function expectPreparationError(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ImagePreparationError);
    expect((error as ImagePreparationError).code).to.equal(code);
    return;
  }
  expect.fail(`expected a rejection with code ${code}`);
}

async function expectConsistent(prepared: PreparedImage): Promise<void> {
  expect(prepared.contentType).to.equal('image/jpeg');
  expect(prepared.byteSize).to.equal(prepared.blob.size);
  expect(prepared.checksum).to.match(/^[0-9a-f]{64}$/);
  expect(prepared.checksum).to.equal(await checksum(prepared.blob));
  const decoded = await createImageBitmap(prepared.blob);
  expect([decoded.width, decoded.height]).to.deep.equal([prepared.width, prepared.height]);
  decoded.close();
  const bytes = await bytesOf(prepared.blob);
  expect([bytes[0], bytes[1]]).to.deep.equal([0xff, 0xd8]);
}

async function truncatedJpeg(): Promise<Blob> {
  const jpeg = await bytesOf(await encode(twoToneCanvas(200, 100, RED, BLUE), 'image/jpeg'));
  return new Blob([jpeg.subarray(0, 40) as BlobPart], { type: 'image/jpeg' });
}

function sameOrigin(url: string): boolean {
  return new URL(url, location.href).origin === location.origin;
}

describe('prepareImage', () => {
  it('applies the EXIF orientation: a sideways photo comes out upright', async () => {
    const input = await sidewaysPhotoWithGps();
    // Guard: the fixture really is what the test claims (stored landscape, EXIF with orientation).
    expect(hasExif(await bytesOf(input))).to.equal(true);

    const prepared = await prepareImage(input);

    expect([prepared.width, prepared.height]).to.deep.equal([100, 200]);
    // Rotating 90° clockwise brings the stored left (red) half to the top.
    expect(isClose(await pixelAt(prepared.blob, 50, 20), RED), 'top is red').to.equal(true);
    expect(isClose(await pixelAt(prepared.blob, 50, 180), BLUE), 'bottom is blue').to.equal(true);
    await expectConsistent(prepared);
  });

  it('strips EXIF (with its GPS) and every other metadata segment', async () => {
    const prepared = await prepareImage(await sidewaysPhotoWithGps());
    const out = await bytesOf(prepared.blob);
    expect(hasExif(out)).to.equal(false);
    expect(metadataMarkers(out)).to.deep.equal([]);
  });

  it('re-encodes a small JPEG already under the target (that is what removes metadata)', async () => {
    const input = await sidewaysPhotoWithGps();
    const prepared = await prepareImage(input, { targetBytes: 10_000_000 });
    expect(prepared.checksum).not.to.equal(await checksum(input));
    expect(hasExif(await bytesOf(prepared.blob))).to.equal(false);
  });

  it('turns a PNG into a JPEG, transparent areas white rather than black', async () => {
    const canvas = new OffscreenCanvas(120, 80);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = 'rgb(20,20,220)';
    ctx.fillRect(60, 0, 60, 80); // left half stays transparent
    const prepared = await prepareImage(await encode(canvas, 'image/png'));
    await expectConsistent(prepared);
    expect([prepared.width, prepared.height]).to.deep.equal([120, 80]);
    expect(isClose(await pixelAt(prepared.blob, 20, 40), [255, 255, 255])).to.equal(true);
    expect(isClose(await pixelAt(prepared.blob, 100, 40), BLUE)).to.equal(true);
  });

  it('accepts WebP', async () => {
    // Written by the fixture generator: WebKit's canvas cannot encode WebP (it answers PNG), but decodes it.
    const prepared = await prepareImage(await fixtureBlob('photo.webp'));
    expect([prepared.width, prepared.height]).to.deep.equal([90, 60]);
    await expectConsistent(prepared);
    expect(isClose(await pixelAt(prepared.blob, 20, 30), RED), 'left is red').to.equal(true);
    expect(isClose(await pixelAt(prepared.blob, 70, 30), BLUE), 'right is blue').to.equal(true);
  });

  it('turns an AVIF (a HEIF container, as an iPhone HEIC is) into a JPEG where the browser decodes it', async () => {
    // Every engine here decodes AVIF; none decodes HEVC, which a real HEIC holds: this is the
    // decodable HEIF's path, the one Safari takes with an iPhone's HEIC.
    const avif = await fixtureBlob('photo.avif');
    const prepared = await prepareImage(new File([avif], 'photo.avif', { type: '' }));
    expect([prepared.width, prepared.height]).to.deep.equal([90, 60]);
    await expectConsistent(prepared);
    expect(isClose(await pixelAt(prepared.blob, 20, 30), RED), 'left is red').to.equal(true);
    expect(isClose(await pixelAt(prepared.blob, 70, 30), BLUE), 'right is blue').to.equal(true);
  });

  it('refuses a HEIC the browser cannot decode as unsupported_heic (not "damaged"), whatever its name and type', async () => {
    // The fixture holds no image, so no browser decodes it; nor do Chromium, Firefox and WebKitGTK decode HEVC at all.
    const heic = await fixtureBlob('iphone.heic');
    for (const [name, type] of [
      ['IMG_0042.HEIC', ''],
      ['IMG_0042.heic', 'image/heic'],
      ['IMG_0042.heif', 'image/heif'],
    ] as const) {
      await expectPreparationError(prepareImage(new File([heic], name, { type })), 'unsupported_heic');
    }
  });

  it('refuses a HEIC as unsupported_heic on the main-thread fallback too', async () => {
    const saved = window.Worker;
    (window as { Worker?: unknown }).Worker = undefined;
    try {
      await expectPreparationError(prepareImage(await fixtureBlob('iphone.heic')), 'unsupported_heic');
    } finally {
      window.Worker = saved;
    }
  });

  it('resizes a 12 MP photo to fit maxDimension and the byte target, without foreign requests', async () => {
    // The generated fixture when present; otherwise 4000×3000 of noise, JPEG's worst case, which
    // stays far over 1.5 MB after one pass and so exercises the size-targeted fallback.
    const photo = (await fixture('photo-12mp.jpg')) ?? (await encode(noiseCanvas(4000, 3000), 'image/jpeg', 0.92));
    const source = await createImageBitmap(photo);
    expect(source.width * source.height).to.be.at.least(11_000_000);
    source.close();

    const prepared = await prepareImage(photo);

    expect(Math.max(prepared.width, prepared.height)).to.be.at.most(2400);
    expect(prepared.byteSize).to.be.at.most(1_500_000);
    await expectConsistent(prepared);
    const foreign = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => !sameOrigin(name));
    expect(foreign).to.deep.equal([]);
  });

  it('honours custom maxDimension and targetBytes', async () => {
    const prepared = await prepareImage(await encode(noiseCanvas(1600, 1200, 7), 'image/jpeg', 0.9), {
      maxDimension: 800,
      targetBytes: 150_000,
    });
    expect(Math.max(prepared.width, prepared.height)).to.be.at.most(800);
    expect(prepared.byteSize).to.be.at.most(150_000);
    await expectConsistent(prepared);
  });

  it('refuses text named .jpg, and a PDF, as unsupported_type', async () => {
    const fake = (await fixture('fake.jpg')) ?? new File(['not an image'], 'fake.jpg', { type: 'image/jpeg' });
    await expectPreparationError(prepareImage(fake), 'unsupported_type');
    await expectPreparationError(prepareImage(new Blob(['%PDF-1.4\n'], { type: 'application/pdf' })), 'unsupported_type');
  });

  it('refuses a truncated JPEG as unreadable_image', async () => {
    await expectPreparationError(prepareImage(await truncatedJpeg()), 'unreadable_image');
  });

  it('an ImagePreparationError thrown in the worker reaches the caller as one, code and all', async () => {
    // Watches what the real worker answers, to be sure the error crossed the RPC (a worker that
    // failed to start would give the same error from the main-thread fallback).
    const saved = window.Worker;
    const answers: RpcMessage<ImageResult>[] = [];
    window.Worker = class extends saved {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event) => answers.push(event.data));
      }
    };
    try {
      await expectPreparationError(prepareImage(await truncatedJpeg()), 'unreadable_image');
    } finally {
      window.Worker = saved;
    }
    expect(answers.map((m) => m.type)).to.deep.equal(['ready', 'failed']);
    expect(answers[1]).to.include({ name: 'ImagePreparationError', code: 'unreadable_image' });
  });

  it('falls back to the main thread when there is no Worker', async () => {
    const saved = window.Worker;
    (window as { Worker?: unknown }).Worker = undefined;
    try {
      const prepared = await prepareImage(await sidewaysPhotoWithGps());
      expect([prepared.width, prepared.height]).to.deep.equal([100, 200]);
      expect(hasExif(await bytesOf(prepared.blob))).to.equal(false);
    } finally {
      window.Worker = saved;
    }
  });

  it('falls back to the main thread when the worker cannot start (e.g. blocked by CSP)', async () => {
    const saved = window.Worker;
    let attempts = 0;
    window.Worker = class extends saved {
      constructor() {
        attempts++;
        super('/does-not-exist.worker.js', { type: 'module' });
      }
    };
    try {
      const prepared = await prepareImage(await sidewaysPhotoWithGps());
      expect([prepared.width, prepared.height]).to.deep.equal([100, 200]);
    } finally {
      window.Worker = saved;
    }
    expect(attempts).to.equal(1);
  });

  it('the main-thread pipeline gives the same kind of output', async () => {
    const result = await runImagePipeline(await sidewaysPhotoWithGps(), { maxDimension: 150, targetBytes: 1_000_000 });
    expect([result.width, result.height]).to.deep.equal([75, 150]);
    expect(result.strategy).to.equal('single-pass');
    expect(hasExif(await bytesOf(result.blob))).to.equal(false);
  });

  it('on the main thread, the pipeline meets a byte target the single pass misses', async () => {
    const result = await runImagePipeline(await encode(noiseCanvas(1600, 1200, 5), 'image/jpeg', 0.92), { maxDimension: 1200, targetBytes: 200_000 });
    expect(result.strategy).to.equal('size-targeted');
    expect(result.blob.size).to.be.at.most(200_000);
    expect(Math.max(result.width, result.height)).to.be.at.most(1200);
    const bytes = await bytesOf(result.blob);
    expect([bytes[0], bytes[1]]).to.deep.equal([0xff, 0xd8]);
  });

  it('the size-targeted steps meet a byte target, drawing from the decoded photo', async () => {
    const source = await decode(await encode(noiseCanvas(1600, 1200, 9), 'image/jpeg', 0.92));
    try {
      const first = { blob: await drawAsJpeg(source.image, 1200, 900, 0.88), width: 1200, height: 900 };
      expect(first.blob.size, 'the single pass is over budget').to.be.above(200_000);
      const result = await compressToTarget(first, source, { maxDimension: 1200, targetBytes: 200_000 });
      expect(result.blob.size).to.be.at.most(200_000);
      // The photo's shape is kept, and no more is taken than the budget needs (JPEG of noise: about a third of the side).
      expect(result.width / result.height).to.be.closeTo(4 / 3, 0.01);
      expect(result.width).to.be.within(300, 1140);
      const decoded = await createImageBitmap(result.blob);
      expect([decoded.width, decoded.height]).to.deep.equal([result.width, result.height]);
      decoded.close();
    } finally {
      source.release();
    }
  });

  it('fails rather than declare as JPEG what a canvas encoded as something else', async () => {
    const input = await sidewaysPhotoWithGps();
    // As WebKit does when asked for WebP: the canvas answers PNG, without an error.
    const convert = OffscreenCanvas.prototype.convertToBlob;
    OffscreenCanvas.prototype.convertToBlob = function (this: OffscreenCanvas) {
      return convert.call(this, { type: 'image/png' });
    };
    try {
      const outcome = await runImagePipeline(input, { maxDimension: 150, targetBytes: 1_000_000 }).then(
        () => null,
        (error: Error) => error,
      );
      expect(outcome?.message).to.match(/encoded as image\/png instead of image\/jpeg/);
    } finally {
      OffscreenCanvas.prototype.convertToBlob = convert;
    }
  });
});

describe('picture.worker, as the image worker', () => {
  const imageWorker = () => new Worker(new URL('../../src/picture.worker.ts', import.meta.url), { type: 'module' });

  it('answers through the shared worker RPC', async () => {
    const client = new WorkerClient<ImageRequest, ImageResult>({ create: imageWorker });
    try {
      const file = await sidewaysPhotoWithGps();
      const [a, b] = await Promise.all([
        client.request({ file, maxDimension: 150, targetBytes: 1_000_000 }),
        client.request({ file, maxDimension: 60, targetBytes: 1_000_000 }),
      ]);
      expect(client.inWorker, 'ran in the worker, not on a fallback').to.equal(true);
      expect([a.width, a.height], 'each answer matched to its request').to.deep.equal([75, 150]);
      expect([b.width, b.height]).to.deep.equal([30, 60]);
    } finally {
      client.terminate();
    }
  });

  it('is the analysis worker too: one worker answers a camera frame and a photo, each by its own handler', async () => {
    const client = new WorkerClient<ImageRequest | AnalysisRequest, ImageResult | AnalysisResult>({ create: imageWorker });
    try {
      const canvas = new OffscreenCanvas(320, 180);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#333';
      context.fillRect(0, 0, 320, 180);
      context.fillStyle = '#eee';
      context.fillRect(60, 40, 200, 100);
      const frame = await createImageBitmap(canvas);
      const [photo, measured] = await Promise.all([
        client.request({ file: await sidewaysPhotoWithGps(), maxDimension: 150, targetBytes: 1_000_000 }),
        client.request({ type: 'measure', frame }, { transfer: [frame] }),
      ]);
      expect(client.inWorker, 'ran in the worker, not on a fallback').to.equal(true);
      expect([(photo as ImageResult).width, (photo as ImageResult).height]).to.deep.equal([75, 150]);
      expect((measured as AnalysisResult).type).to.equal('measured');
      expect(frame.width, 'the frame was transferred').to.equal(0);
    } finally {
      client.terminate();
    }
  });

  it('fails a request with the error name, message and code (no fallback: this is the worker speaking)', async () => {
    const client = new WorkerClient<ImageRequest, ImageResult>({ create: imageWorker });
    try {
      const error = await client.request({ file: await truncatedJpeg(), maxDimension: 150, targetBytes: 1_000_000 }).then(
        () => null,
        (e: RemoteError) => e,
      );
      expect(error).to.be.instanceOf(Error);
      expect(error!.name).to.equal('ImagePreparationError');
      expect(error!.code).to.equal('unreadable_image');
      expect(error!.message).to.equal('The image could not be read. It may be damaged.');
      // The worker is still good for the next job.
      const next = await client.request({ file: await sidewaysPhotoWithGps(), maxDimension: 150, targetBytes: 1_000_000 });
      expect([next.width, next.height]).to.deep.equal([75, 150]);
    } finally {
      client.terminate();
    }
  });
});

describe('picture.worker (inside a probe that watches its network)', () => {
  it('meets a byte target inside our worker, loading nothing from elsewhere and starting no worker of its own', async () => {
    const worker = new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module' });
    try {
      const messages: unknown[] = [];
      const next = (predicate: (m: any) => boolean) =>
        new Promise<any>((resolve, reject) => {
          const seen = messages.find(predicate);
          if (seen) return resolve(seen);
          worker.addEventListener('message', (e) => predicate(e.data) && resolve(e.data));
          worker.addEventListener('error', (e) => reject(new Error(e.message)));
        });
      worker.addEventListener('message', (e) => messages.push(e.data));

      await next((m) => m.type === 'ready');
      // Noise over a tight budget: one pass cannot meet it, so the size-targeted steps must run.
      const job: RpcRequest<ImageRequest> = {
        id: 1,
        body: { file: await encode(noiseCanvas(1600, 1200, 3), 'image/jpeg', 0.92), maxDimension: 1200, targetBytes: 200_000 },
      };
      worker.postMessage(job);
      const done = await next((m) => m.type === 'result' || m.type === 'failed');
      expect(done.type, done.message).to.equal('result');
      expect(done.id).to.equal(1);
      expect(done.body.strategy).to.equal('size-targeted');
      expect(done.body.blob.size).to.be.at.most(200_000);

      worker.postMessage({ probe: 'network' });
      const report = await next((m) => m.probe === 'network');
      expect(report.nestedWorkerUrls, 'no worker of its own').to.deep.equal([]);
      expect(report.resources.length, 'the probe sees the worker modules load').to.be.greaterThan(0);
      expect(report.resources.filter((name: string) => !sameOrigin(name))).to.deep.equal([]);
    } finally {
      worker.terminate();
    }
  });
});
