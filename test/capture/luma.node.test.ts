import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crop, rotate, rotate90, scale, type LumaImage } from '../../src/frame/luma.js';

/** 3×2 image with distinct pixels: 1 2 3 / 4 5 6. */
const small: LumaImage = { data: new Uint8ClampedArray([1, 2, 3, 4, 5, 6]), width: 3, height: 2 };

/** Centre of mass of dark pixels, to follow where a mark went. */
function darkCentroid(image: LumaImage): [number, number] {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.data[y * image.width + x]! < 128) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  return [sx / n, sy / n];
}

function withMark(width: number, height: number, mark: { x: number; y: number; size: number }): LumaImage {
  const data = new Uint8ClampedArray(width * height).fill(255);
  for (let y = mark.y; y < mark.y + mark.size; y++) for (let x = mark.x; x < mark.x + mark.size; x++) data[y * width + x] = 0;
  return { data, width, height };
}

describe('luma operations', () => {
  it('rotate90 turns a quarter clockwise', () => {
    const turned = rotate90(small);
    assert.equal(turned.width, 2);
    assert.equal(turned.height, 3);
    // 1 2 3 / 4 5 6 turned clockwise: 4 1 / 5 2 / 6 3
    assert.deepEqual([...turned.data], [4, 1, 5, 2, 6, 3]);
  });

  it('four quarter turns give the image back', () => {
    assert.deepEqual([...rotate90(rotate90(rotate90(rotate90(small)))).data], [...small.data]);
  });

  it('rotate by 0 keeps every pixel', () => {
    const image = withMark(40, 30, { x: 5, y: 5, size: 4 });
    assert.deepEqual([...rotate(image, 0).data], [...image.data]);
  });

  it('rotate turns clockwise, grows the canvas, fills it white', () => {
    const image = withMark(100, 60, { x: 80, y: 28, size: 4 }); // a mark right of centre
    const turned = rotate(image, 30);
    assert.equal(turned.width, Math.ceil(100 * Math.cos(Math.PI / 6) + 60 * Math.sin(Math.PI / 6)));
    assert.equal(turned.data[0], 255, 'the new corner is white');
    const [x, y] = darkCentroid(turned);
    // A point 31.5 px right of centre, turned 30° clockwise (y down), lands below-right.
    assert.ok(Math.abs(x - ((turned.width - 1) / 2 + 31.5 * Math.cos(Math.PI / 6))) < 1.5);
    assert.ok(Math.abs(y - ((turned.height - 1) / 2 + 31.5 * Math.sin(Math.PI / 6))) < 1.5);
  });

  it('rotate by 90 matches rotate90 up to the border', () => {
    const image = withMark(50, 30, { x: 10, y: 4, size: 6 });
    const exact = darkCentroid(rotate90(image));
    const bilinear = darkCentroid(rotate(image, 90));
    assert.ok(Math.abs(exact[0] - bilinear[0]) < 1 && Math.abs(exact[1] - bilinear[1]) < 1);
  });

  it('crop copies a rectangle and clips it to the image', () => {
    assert.deepEqual(crop(small, { x: 1, y: 0, width: 2, height: 2 }), { data: new Uint8ClampedArray([2, 3, 5, 6]), width: 2, height: 2 });
    assert.deepEqual(crop(small, { x: 2, y: 1, width: 10, height: 10 }), { data: new Uint8ClampedArray([6]), width: 1, height: 1 });
    assert.equal(crop(small, { x: 5, y: 5, width: 2, height: 2 }).width, 0);
  });

  it('scale by 2 doubles the size and keeps flat areas flat', () => {
    const flat: LumaImage = { data: new Uint8ClampedArray(12).fill(77), width: 4, height: 3 };
    const doubled = scale(flat, 2);
    assert.equal(doubled.width, 8);
    assert.equal(doubled.height, 6);
    assert.ok(doubled.data.every((value) => value === 77));
  });
});
