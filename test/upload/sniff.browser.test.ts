import { expect } from '@open-wc/testing';
import { sniffBytes, sniffImageType } from '../../src/document/sniff.js';
import { fixtureBlob } from '../helpers/widget.js';
import { encode, fixture, twoToneCanvas } from './images.js';

const canvas = () => twoToneCanvas(64, 32, [200, 0, 0], [0, 0, 200]);

/** The start of an ISO BMFF file: an `ftyp` box with these brands, then an empty `mdat`. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const brands = `${major}\0\0\0\0${compatible.join('')}`;
  const size = 8 + brands.length;
  return new Uint8Array([0, 0, 0, size, ...new TextEncoder().encode(`ftyp${brands}`), 0, 0, 0, 8, ...new TextEncoder().encode('mdat')]);
}

describe('sniffImageType', () => {
  it('recognises a canvas-encoded JPEG and PNG, and a WebP, by their bytes', async () => {
    expect(await sniffImageType(await encode(canvas(), 'image/jpeg'))).to.equal('image/jpeg');
    expect(await sniffImageType(await encode(canvas(), 'image/png'))).to.equal('image/png');
    // Written by the fixture generator: WebKit's canvas cannot encode WebP (it answers PNG).
    expect(await sniffImageType(await fixtureBlob('photo.webp'))).to.equal('image/webp');
  });

  it("recognises an iPhone's HEIC by its brands, whatever its name and type", async () => {
    const heic = await fixtureBlob('iphone.heic');
    for (const [name, type] of [
      ['IMG_0042.HEIC', ''],
      ['IMG_0042.HEIC', 'image/heic'],
      ['photo.jpg', 'image/jpeg'],
    ] as const) {
      expect(await sniffImageType(new File([heic], name, { type })), `${name} (${type || 'no type'})`).to.equal('image/heic');
    }
  });

  it('tells HEIC, generic HEIF and AVIF apart by the major brand, then the compatible ones', async () => {
    const cases: [Uint8Array, string | null][] = [
      [ftyp('heic', 'mif1', 'heic'), 'image/heic'],
      [ftyp('heix', 'mif1', 'heix'), 'image/heic'],
      [ftyp('hevc', 'msf1', 'hevc'), 'image/heic'],
      // Some writers put the structural brand first and the codec among the compatible ones.
      [ftyp('mif1', 'mif1', 'heic'), 'image/heic'],
      [ftyp('mif1', 'mif1', 'miaf'), 'image/heif'],
      [ftyp('avif', 'mif1', 'avif', 'miaf'), 'image/avif'],
      [ftyp('mif1', 'avif', 'mif1', 'miaf'), 'image/avif'],
      // The same container holding a video is not a photo.
      [ftyp('isom', 'isom', 'iso2', 'mp41'), null],
      [ftyp('qt  ', 'qt  '), null],
    ];
    for (const [bytes, expected] of cases) {
      expect(await sniffImageType(new Blob([bytes as BlobPart])), new TextDecoder().decode(bytes.subarray(4, 12))).to.equal(expected);
    }
    // Truncated before the major brand ends, or a box too short to hold one.
    expect(await sniffImageType(new Blob([ftyp('heic', 'mif1').subarray(0, 11) as BlobPart]))).to.equal(null);
    const tooShort = ftyp('heic', 'mif1');
    tooShort[3] = 12;
    expect(await sniffImageType(new Blob([tooShort as BlobPart]))).to.equal(null);
  });

  it('the upload target never takes HEIF-family bytes as they are: sniffBytes says null for them', async () => {
    expect(sniffBytes(new Uint8Array(await (await fixtureBlob('iphone.heic')).arrayBuffer()))).to.equal(null);
    expect(sniffBytes(ftyp('avif', 'mif1', 'avif'))).to.equal(null);
  });

  it('recognises a PDF', async () => {
    const pdf = new Blob(['%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'], { type: 'application/pdf' });
    expect(await sniffImageType(pdf)).to.equal('application/pdf');
  });

  it('ignores the declared type and the name: text called .jpg is nothing', async () => {
    const lying = new File(['just some text, not an image'], 'photo.jpg', { type: 'image/jpeg' });
    expect(await sniffImageType(lying)).to.equal(null);
  });

  it('trusts the bytes over a misleading type: a PNG declared as JPEG is a PNG', async () => {
    const png = await encode(canvas(), 'image/png');
    const mislabelled = new File([png], 'scan.jpg', { type: 'image/jpeg' });
    expect(await sniffImageType(mislabelled)).to.equal('image/png');
  });

  it('says null for empty, truncated and near-miss headers', async () => {
    expect(await sniffImageType(new Blob([]))).to.equal(null);
    expect(sniffBytes(new Uint8Array([0xff, 0xd8]))).to.equal(null);
    expect(sniffBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]))).to.equal(null);
    // A RIFF that is not WebP (a WAV file).
    expect(sniffBytes(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).to.equal(null);
  });

  it('classifies the generated fixtures, and fake.jpg as nothing', async function () {
    const expected: Record<string, string | null> = {
      'licence-front.jpg': 'image/jpeg',
      'passport.jpg': 'image/jpeg',
      'photo.webp': 'image/webp',
      'photo.avif': 'image/avif',
      'iphone.heic': 'image/heic',
      'fake.jpg': null,
    };
    const blobs = await Promise.all(Object.keys(expected).map(fixture));
    if (blobs.some((b) => b === null)) this.skip(); // generator not run (npm test runs it first)
    for (const [i, name] of Object.keys(expected).entries()) {
      expect(await sniffImageType(blobs[i]!), name).to.equal(expected[name]);
    }
  });
});
