/**
 * Grayscale image operations for the barcode decoder: conversion from RGBA, right-angle and
 * arbitrary rotations, crops and scaling. Pure functions over plain arrays, so they run the
 * same in a browser Worker and in Node.
 */

/** One byte per pixel, row-major, no padding. */
export interface LumaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** BT.601 luma in fixed point (77 + 150 + 29 = 256), what cameras and zxing assume. */
export function rgbaToLuma(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): LumaImage {
  const pixels = width * height;
  if (rgba.length < pixels * 4) throw new RangeError(`rgbaToLuma: ${rgba.length} bytes is less than ${width}×${height}×4`);
  const data = new Uint8ClampedArray(pixels);
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    // zxing's own weights, rounded to nearest: at 1.5 px per module a truncating grey loses reads.
    data[p] = (306 * rgba[i]! + 601 * rgba[i + 1]! + 117 * rgba[i + 2]! + 0x200) >> 10;
  }
  return { data, width, height };
}

/**
 * The blue–yellow colour difference (BT.601 Cb, 128 for grey), for the document finder: a pale
 * blue card on a beige desk can be as light as the desk, but never the same colour.
 */
export function rgbaToChroma(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): LumaImage {
  const pixels = width * height;
  if (rgba.length < pixels * 4) throw new RangeError(`rgbaToChroma: ${rgba.length} bytes is less than ${width}×${height}×4`);
  const data = new Uint8ClampedArray(pixels);
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    data[p] = (131072 - 173 * rgba[i]! - 339 * rgba[i + 1]! + 512 * rgba[i + 2]! + 0x200) >> 10;
  }
  return { data, width, height };
}

/** Quarter turn clockwise: exact and cheap, for a card held in portrait. */
export function rotate90(image: LumaImage): LumaImage {
  const { width, height, data } = image;
  const out = new Uint8ClampedArray(width * height);
  // Output is height wide: out(x', y') = in(y', height - 1 - x').
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const column = height - 1 - y;
    for (let x = 0; x < width; x++) out[x * height + column] = data[row + x]!;
  }
  return { data: out, width: height, height: width };
}

/**
 * Rotates clockwise by `degrees` with bilinear sampling, growing the canvas so no corner is
 * lost. The new area is white, like the quiet zone PDF417 needs around itself.
 */
export function rotate(image: LumaImage, degrees: number): LumaImage {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const { width, height } = image;
  const outWidth = Math.ceil(Math.abs(width * cos) + Math.abs(height * sin));
  const outHeight = Math.ceil(Math.abs(width * sin) + Math.abs(height * cos));
  const out = new Uint8ClampedArray(outWidth * outHeight).fill(255);
  const centreX = (width - 1) / 2;
  const centreY = (height - 1) / 2;
  const outCentreX = (outWidth - 1) / 2;
  const outCentreY = (outHeight - 1) / 2;
  const maxX = width - 1;
  const maxY = height - 1;

  for (let y = 0; y < outHeight; y++) {
    const v = y - outCentreY;
    // Inverse mapping (y points down, so this undoes a clockwise turn); x steps by (cos, -sin).
    let sourceX = centreX - outCentreX * cos + v * sin;
    let sourceY = centreY + outCentreX * sin + v * cos;
    let o = y * outWidth;
    for (let x = 0; x < outWidth; x++, o++, sourceX += cos, sourceY -= sin) {
      if (sourceX < 0 || sourceY < 0 || sourceX > maxX || sourceY > maxY) continue;
      out[o] = bilinear(image, sourceX, sourceY);
    }
  }
  return { data: out, width: outWidth, height: outHeight };
}

/** The image's value at (x, y), interpolated between its four nearest pixels; (x, y) must lie within the image. */
export function bilinear({ data, width, height }: LumaImage, x: number, y: number): number {
  const x0 = x | 0;
  const y0 = y | 0;
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * width + x0;
  const right = x0 < width - 1 ? 1 : 0;
  const below = y0 < height - 1 ? width : 0;
  const top = data[i]! + (data[i + right]! - data[i]!) * fx;
  const bottom = data[i + below]! + (data[i + below + right]! - data[i + below]!) * fx;
  return top + (bottom - top) * fy;
}

/** Copies `rect`, clipped to the image. */
export function crop(image: LumaImage, rect: Rect): LumaImage {
  const x = Math.max(0, Math.floor(rect.x));
  const y = Math.max(0, Math.floor(rect.y));
  const width = Math.min(image.width - x, Math.ceil(rect.width));
  const height = Math.min(image.height - y, Math.ceil(rect.height));
  if (width <= 0 || height <= 0) return { data: new Uint8ClampedArray(0), width: 0, height: 0 };
  const out = new Uint8ClampedArray(width * height);
  for (let row = 0; row < height; row++) {
    const start = (y + row) * image.width + x;
    out.set(image.data.subarray(start, start + width), row * width);
  }
  return { data: out, width, height };
}

/** Bilinear resize by `factor` (2 = twice as wide and tall). */
export function scale(image: LumaImage, factor: number): LumaImage {
  const outWidth = Math.max(1, Math.round(image.width * factor));
  const outHeight = Math.max(1, Math.round(image.height * factor));
  const out = new Uint8ClampedArray(outWidth * outHeight);
  const { width, height, data } = image;
  const step = 1 / factor;
  for (let y = 0; y < outHeight; y++) {
    const sourceY = Math.min(height - 1, Math.max(0, (y + 0.5) * step - 0.5));
    const y0 = sourceY | 0;
    const fy = sourceY - y0;
    const below = y0 < height - 1 ? width : 0;
    for (let x = 0; x < outWidth; x++) {
      const sourceX = Math.min(width - 1, Math.max(0, (x + 0.5) * step - 0.5));
      const x0 = sourceX | 0;
      const fx = sourceX - x0;
      const i = y0 * width + x0;
      const right = x0 < width - 1 ? 1 : 0;
      const top = data[i]! + (data[i + right]! - data[i]!) * fx;
      const bottom = data[i + below]! + (data[i + below + right]! - data[i + below]!) * fx;
      out[y * outWidth + x] = top + (bottom - top) * fy;
    }
  }
  return { data: out, width: outWidth, height: outHeight };
}
