// The barcode worker through the path the viewfinder uses: a decoded camera frame as an
// ImageBitmap, transferred to a module worker, read there with the rotation/crop variants, and
// only the parsed AAMVA fields coming back. Prints the worker time per frame.
import { expect } from '@open-wc/testing';
import { AnalysisClient } from '../../src/camera/analysis-client.js';
import { BarcodeClient, WorkerUnavailableError } from '../../src/camera/barcode-client.js';
import { LICENCE } from '../fixtures/payload.js';
import type { FixtureEntry, FixtureManifest } from '../fixtures/manifest.js';
import { timeLimit } from '../helpers/engines.js';

async function manifest(): Promise<FixtureManifest> {
  return (await fetch('/test/fixtures/generated/index.json')).json() as Promise<FixtureManifest>;
}

async function bitmapOf(file: string): Promise<ImageBitmap> {
  const response = await fetch(`/test/fixtures/generated/${file}`);
  if (!response.ok) throw new Error(`fixture ${file} missing`);
  return createImageBitmap(await response.blob());
}

function workerFetched(): boolean {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((entry) => /barcode\.worker\.ts/.test(entry.name));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

describe('barcode worker', function () {
  this.timeout(timeLimit(120000));

  it('starts only when the first frame is read', async () => {
    const client = new BarcodeClient();
    expect(client.started).to.equal(null);
    expect(workerFetched(), 'nothing loaded before a read').to.equal(false);
    const reading = await client.read(await bitmapOf('licence-back.png'));
    expect(reading.found).to.equal(true);
    expect(client.started).to.equal(true);
    expect(workerFetched()).to.equal(true);
    client.terminate();
  });

  it('reads the camera fixtures through ImageBitmaps: every must-read frame, with the payload\u2019s fields', async () => {
    const client = new BarcodeClient();
    // The others (best effort: skew 20°, far, dark, glare, blur) are the bench's (docs/bench.md): here, in every
    // engine, they would only cost seconds each and print figures.
    const frames = (await manifest()).files.filter((entry: FixtureEntry) => entry.kind === 'camera-frame' && entry.expected.readable);
    expect(frames.length).to.be.greaterThan(10);
    const readMs: Record<string, number[]> = {};
    const misses: string[] = [];
    // The first read pays for the worker's start and JIT warm-up: not what the figures are about.
    await client.read(await bitmapOf('licence-back.png'));
    for (const entry of frames) {
      const reading = await client.read(await bitmapOf(entry.file));
      if (reading.found) {
        (readMs[`${entry.width}x${entry.height}`] ??= []).push(reading.prepareMs + reading.decodeMs);
        expect(reading.fields, entry.file).to.include({
          first_name: LICENCE.first_name,
          last_name: LICENCE.last_name,
          birth_date: LICENCE.birth_date,
          document_number: LICENCE.document_number,
          expiry_date: LICENCE.expiry_date,
          jurisdiction: LICENCE.address.administrative_area,
        });
        expect(reading.fields!.address).to.deep.include({ line1: LICENCE.address.line1, postal_code: LICENCE.address.postal_code });
      } else {
        misses.push(entry.file);
      }
      // Only parsed fields leave the worker: never the raw payload.
      expect(JSON.stringify(reading)).to.not.include('ANSI ');
    }
    for (const [size, ms] of Object.entries(readMs)) {
      console.log(
        `barcode worker ${size}: ${ms.length} must-read frames read; worker ms per frame: median ${median(ms).toFixed(0)} max ${Math.max(...ms).toFixed(0)}`,
      );
    }
    expect(misses, 'frames the decoder must read').to.deep.equal([]);
    client.terminate();
  });

  it('flattens the card from the corners the frame analysis traced, as the live loop passes them, and reads it', async () => {
    // A back held up to a webcam, fingers over its edges: without its outline it reads only from the whole frame as it
    // is; the analysis (on a 480 px copy, in its own worker) traces the card, and the card flattened from it reads.
    const file = 'scene-1280x720-hand-held-back-skew-2-scale72-webcam.png';
    const analysis = new AnalysisClient();
    const small = await createImageBitmap(await bitmapOf(file), { resizeWidth: 480, resizeHeight: 270, resizeQuality: 'medium' });
    const outline = (await analysis.measure(small)).metrics.document?.corners;
    analysis.terminate();
    expect(outline, 'the analysis traced the card').to.not.equal(undefined);
    const client = new BarcodeClient();
    const outlined = await client.read(await bitmapOf(file), { outline: outline! });
    const plain = await client.read(await bitmapOf(file));
    client.terminate();
    expect(outlined.found).to.equal(true);
    expect(outlined.variant).to.equal('flattened');
    expect(outlined.fields?.document_number).to.equal(LICENCE.document_number);
    expect(plain.variant, 'read without the outline').to.not.equal('flattened');
  });

  it('gives up on a frame when its budget runs out (a live scan wants an answer per frame)', async () => {
    const client = new BarcodeClient();
    await client.read(await bitmapOf('licence-back.png'));
    // A blurred symbol: a field of bars that does not read, so every variant would be tried; the budget cuts that short.
    // (A front stops after its plain read: it has no bars to turn upright.)
    const blurred = 'camera-1920x1080-skew0-scale60-normal-blur3.png';
    const unlimited = await client.read(await bitmapOf(blurred));
    const budgeted = await client.read(await bitmapOf(blurred), { budgetMs: 1 });
    expect(unlimited.found).to.equal(false);
    expect(unlimited.gaveUp).to.equal(false);
    expect(budgeted.gaveUp).to.equal(true);
    expect(budgeted.decodeMs).to.be.lessThan(unlimited.decodeMs);
    client.terminate();
  });

  it('an aborted read is dropped, and terminate() fails what is still waiting', async () => {
    const client = new BarcodeClient();
    const abort = new AbortController();
    const dropped = client.read(await bitmapOf('licence-back.png'), { signal: abort.signal });
    abort.abort();
    const dropError = await dropped.then(
      () => null,
      (error: Error) => error,
    );
    expect(dropError?.name).to.equal('AbortError');
    const pending = client.read(await bitmapOf('licence-back.png'));
    client.terminate();
    const terminated = await pending.then(
      () => null,
      (error: Error) => error,
    );
    expect(terminated?.name).to.equal('AbortError');
    // And a fresh worker serves the next read.
    expect((await client.read(await bitmapOf('licence-back.png'))).found).to.equal(true);
    client.terminate();
  });

  it('reads luma handed over without a copy (what a bench drives)', async () => {
    const bitmap = await bitmapOf('camera-1280x720-skew12-scale60-normal.png');
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const luma = new Uint8ClampedArray(bitmap.width * bitmap.height);
    for (let i = 0; i < luma.length; i++) luma[i] = (77 * rgba[i * 4]! + 150 * rgba[i * 4 + 1]! + 29 * rgba[i * 4 + 2]!) >> 8;
    const client = new BarcodeClient();
    const reading = await client.readTransferring({ data: luma, width: bitmap.width, height: bitmap.height });
    expect(reading.found).to.equal(true);
    expect(reading.variant).to.match(/deskew/);
    expect(luma.byteLength, 'the buffer moved to the worker').to.equal(0);
    client.terminate();
  });

  it('exports the error a page without workers gets', () => {
    expect(new WorkerUnavailableError('x').name).to.equal('WorkerUnavailableError');
  });
});
