/**
 * Test images built in the browser: canvas-encoded JPEG/PNG, an EXIF segment spliced into a JPEG,
 * and a reader of JPEG marker segments to prove what the output contains. WebP, AVIF and HEIC come
 * from the fixture generator (test/fixtures/generate.ts): not every engine's canvas can write them
 * (WebKit's answers PNG when asked for WebP).
 */

export type Rgb = [number, number, number];

/** A canvas of `width`×`height` whose left half is `left` and right half `right`. */
export function twoToneCanvas(width: number, height: number, left: Rgb, right: Rgb): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = `rgb(${left.join(',')})`;
  ctx.fillRect(0, 0, width / 2, height);
  ctx.fillStyle = `rgb(${right.join(',')})`;
  ctx.fillRect(width / 2, 0, width / 2, height);
  return canvas;
}

/** Random pixels: the worst case for JPEG, so the size budget is really tested. */
export function noiseCanvas(width: number, height: number, seed = 1): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(width, height);
  const words = new Uint32Array(image.data.buffer);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    // xorshift32: fast and deterministic, so sizes do not vary from run to run.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = (state | 0xff000000) >>> 0;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

export async function encode(canvas: OffscreenCanvas, type: string, quality?: number): Promise<Blob> {
  const blob = await canvas.convertToBlob(quality === undefined ? { type } : { type, quality });
  if (blob.type !== type) throw new Error(`This browser cannot encode ${type}.`);
  return blob;
}

export async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * An APP1 "Exif" segment (big-endian TIFF) with IFD0 { Orientation, GPSInfo } and a GPS IFD
 * { GPSLatitudeRef 'N', GPSLatitude 52° 31' 0" }: personal data the output must not carry.
 */
export function exifSegment(orientation: number): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(92));
  let o = 0;
  const u16 = (v: number) => {
    tiff.setUint16(o, v);
    o += 2;
  };
  const u32 = (v: number) => {
    tiff.setUint32(o, v);
    o += 4;
  };
  u16(0x4d4d);
  u16(0x002a);
  u32(8); // "MM", 42, IFD0 at 8
  u16(2); // IFD0: 2 entries
  u16(0x0112);
  u16(3);
  u32(1);
  u16(orientation);
  u16(0); // Orientation, SHORT
  u16(0x8825);
  u16(4);
  u32(1);
  u32(38); // GPSInfo IFD pointer, LONG → 38
  u32(0); // no IFD1
  u16(2); // GPS IFD at 38: 2 entries
  u16(0x0001);
  u16(2);
  u32(2);
  u16(0x4e00);
  u16(0); // GPSLatitudeRef "N\0"
  u16(0x0002);
  u16(5);
  u32(3);
  u32(68); // GPSLatitude, 3 RATIONAL at 68
  u32(0);
  for (const [num, den] of [
    [52, 1],
    [31, 1],
    [0, 1],
  ]) {
    u32(num!);
    u32(den!);
  }

  const header = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
  const length = 2 + header.length + tiff.byteLength;
  const segment = new Uint8Array(2 + length);
  segment.set([0xff, 0xe1, length >> 8, length & 0xff, ...header]);
  segment.set(new Uint8Array(tiff.buffer), 4 + header.length);
  return segment;
}

/** Inserts `segment` after the JPEG's SOI and its APP0 (JFIF) segment, where cameras put EXIF. */
export function spliceAfterApp0(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + ((jpeg[4]! << 8) | jpeg[5]!);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, at));
  out.set(segment, at);
  out.set(jpeg.subarray(at), at + segment.length);
  return out;
}

export interface JpegSegment {
  marker: number;
  /** The segment's payload (after the length bytes). */
  payload: Uint8Array;
}

/** The marker segments before the image data (SOS), where all metadata lives. */
export function jpegHeaderSegments(jpeg: Uint8Array): JpegSegment[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('Not a JPEG.');
  const segments: JpegSegment[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) throw new Error(`Bad JPEG marker at ${i}.`);
    const marker = jpeg[i + 1]!;
    const length = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    segments.push({ marker, payload: jpeg.subarray(i + 4, i + 2 + length) });
    if (marker === 0xda) break; // start of scan: metadata is over
    i += 2 + length;
  }
  return segments;
}

export function hasExif(jpeg: Uint8Array): boolean {
  return jpegHeaderSegments(jpeg).some((s) => s.marker === 0xe1 && String.fromCharCode(...s.payload.subarray(0, 4)) === 'Exif');
}

/**
 * Every APP1..APP15 segment (EXIF, XMP, maker notes, …) except the ICC colour profile (APP2
 * "ICC_PROFILE"), which Chromium's encoder writes itself and which says nothing about the person.
 */
export function metadataMarkers(jpeg: Uint8Array): number[] {
  return jpegHeaderSegments(jpeg)
    .filter((s) => s.marker >= 0xe1 && s.marker <= 0xef)
    .filter((s) => !(s.marker === 0xe2 && String.fromCharCode(...s.payload.subarray(0, 11)) === 'ICC_PROFILE'))
    .map((s) => s.marker);
}

/** The colour at (x, y) of a decoded image. */
export async function pixelAt(blob: Blob, x: number, y: number): Promise<Rgb> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
  return [r!, g!, b!];
}

export function isClose(actual: Rgb, expected: Rgb, tolerance = 40): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);
}

/** A generated fixture (test/fixtures/generate.ts), or null when the generator has not run. */
export async function fixture(name: string): Promise<Blob | null> {
  const response = await fetch(`/test/fixtures/generated/${name}`);
  if (!response.ok) return null;
  const blob = await response.blob();
  // The dev server may answer an SPA fallback page for a missing file.
  return blob.type.startsWith('text/html') ? null : blob;
}
