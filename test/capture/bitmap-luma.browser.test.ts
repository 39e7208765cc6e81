// The frame's pixels as the barcode decoder asks for them (document/frame-pixels.ts), read from an ImageBitmap
// through the worker's canvas (camera/bitmap-luma.ts): each way of asking gives the pixels the luma source does.
import { expect } from '@open-wc/testing';
import { bitmapPixels, bitmapToLuma } from '../../src/camera/bitmap-luma.js';
import { lumaPixels, type FramePixels } from '../../src/document/frame-pixels.js';
import type { LumaImage } from '../../src/frame/luma.js';

/** A grey frame in which every pixel's level says where it is, so a pixel read from the wrong place shows. */
async function patterned(width: number, height: number): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const level = ((i % width) * 7 + Math.floor(i / width) * 31) % 256;
    image.data.set([level, level, level, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
  return createImageBitmap(canvas);
}

const levels = (image: LumaImage) => ({ width: image.width, height: image.height, data: [...image.data] });

describe('bitmap pixels', () => {
  let bitmap: ImageBitmap;
  let fromBitmap: FramePixels;
  let fromLuma: FramePixels;
  before(async () => {
    bitmap = await patterned(320, 200);
    fromBitmap = bitmapPixels(bitmap, { ms: 0 });
    fromLuma = lumaPixels(bitmapToLuma(bitmap));
  });
  after(() => bitmap.close());

  it('a region reads the pixels the whole frame has there', () => {
    const rect = { x: 17, y: 40, width: 101, height: 33 };
    expect(levels(fromBitmap.region(rect))).to.deep.equal(levels(fromLuma.region(rect)));
  });

  it('scan lines, as rows or as columns, read the pixels the whole frame has there, one line to a row', () => {
    const rows = fromBitmap.lines('rows', [0, 5, 6, 199], 12, 300);
    expect([rows.width, rows.height]).to.deep.equal([300, 4]);
    expect(levels(rows)).to.deep.equal(levels(fromLuma.lines('rows', [0, 5, 6, 199], 12, 300)));
    const columns = fromBitmap.lines('columns', [3, 100, 319], 20, 150);
    expect([columns.width, columns.height]).to.deep.equal([150, 3]);
    expect(levels(columns)).to.deep.equal(levels(fromLuma.lines('columns', [3, 100, 319], 20, 150)));
    // Row 1 of the columns is column 100 from y = 20 down.
    expect(columns.data[150 + 7]).to.equal((100 * 7 + 27 * 31) % 256);
  });
});
