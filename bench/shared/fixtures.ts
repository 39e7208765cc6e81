/**
 * The camera frames the benchmarks decode, read from the fixture manifest the tests use
 * (test/fixtures/generated/index.json, served by scripts/bench.mjs at the same path), plus
 * one frame per resolution with no barcode at all (the licence front on a desk): the frame
 * a scanner sees most often, and the one where a decoder that tries hard spends longest.
 */
import type { FixtureEntry, FixtureManifest, FixtureSet } from '../../test/fixtures/manifest.js';
import { PAYLOADS, type LicenceFields } from '../../test/fixtures/payload.js';

const FIXTURES_URL = '/test/fixtures/generated/';

/**
 * 'must-read': the tests require it; 'best-effort': dark, glare, blur, tiny, 20°; 'no-barcode'; 'held-card': a whole
 * back held to a 1080p camera the hard ways (#16's sets: tilted, moving, under a lamp, in low light, portrait, far).
 */
export type FrameGroup = 'must-read' | 'best-effort' | 'no-barcode' | 'held-card';

export interface BenchFrame {
  name: string;
  width: number;
  height: number;
  group: FrameGroup;
  sets: FixtureSet[];
  /** What is printed in the barcode; null when there is no barcode. */
  expected: ExpectedPayload | null;
  bitmap: ImageBitmap;
}

export interface ExpectedPayload {
  text: string;
  fields: LicenceFields;
}

export const RESOLUTIONS = ['1280x720', '1920x1080'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export async function loadManifest(): Promise<FixtureManifest> {
  const response = await fetch(`${FIXTURES_URL}index.json`);
  if (!response.ok) throw new Error(`fixture manifest: HTTP ${response.status}`);
  return (await response.json()) as FixtureManifest;
}

export async function loadBitmap(file: string): Promise<ImageBitmap> {
  const response = await fetch(FIXTURES_URL + file);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

/** Every camera frame of the manifest at `resolution` (or all), then the no-barcode frame(s). */
export async function loadCameraFrames(resolution?: Resolution): Promise<BenchFrame[]> {
  const manifest = await loadManifest();
  const entries = manifest.files.filter((entry) => entry.kind === 'camera-frame' && (!resolution || `${entry.width}x${entry.height}` === resolution));
  const frames = await Promise.all(entries.map(async (entry) => toBenchFrame(entry, await loadBitmap(entry.file))));
  const front = manifest.files.find((entry) => entry.kind === 'licence-front');
  if (!front) throw new Error('fixture manifest: no licence-front image');
  const sizes = resolution ? [resolution] : RESOLUTIONS;
  for (const size of sizes) frames.push(await frontOnDesk(front.file, size));
  return frames;
}

/** The held cards at `resolution` (the generator draws them at 1080p only). */
export async function loadHeldCards(resolution: Resolution): Promise<BenchFrame[]> {
  const entries = (await loadManifest()).files.filter((entry) => entry.kind === 'held-card' && `${entry.width}x${entry.height}` === resolution);
  return Promise.all(entries.map(async (entry) => toBenchFrame(entry, await loadBitmap(entry.file))));
}

function toBenchFrame(entry: FixtureEntry, bitmap: ImageBitmap): BenchFrame {
  return {
    name: entry.file,
    width: entry.width,
    height: entry.height,
    group: entry.kind === 'held-card' ? 'held-card' : entry.expected.readable === true ? 'must-read' : 'best-effort',
    sets: entry.sets,
    expected: entry.payload ? PAYLOADS[entry.payload] : null,
    bitmap,
  };
}

/** The licence front, 60% of the frame width, on a grey desk: edges and text, no PDF417. */
async function frontOnDesk(file: string, resolution: Resolution): Promise<BenchFrame> {
  const [width, height] = resolution.split('x').map(Number) as [number, number];
  const card = await loadBitmap(file);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context');
  context.fillStyle = '#7a746c';
  context.fillRect(0, 0, width, height);
  const cardWidth = width * 0.6;
  const cardHeight = (card.height / card.width) * cardWidth;
  context.drawImage(card, (width - cardWidth) / 2, (height - cardHeight) / 2, cardWidth, cardHeight);
  card.close();
  return {
    name: `licence-front-on-desk-${resolution}`,
    width,
    height,
    group: 'no-barcode',
    sets: [],
    expected: null,
    bitmap: canvas.transferToImageBitmap(),
  };
}
