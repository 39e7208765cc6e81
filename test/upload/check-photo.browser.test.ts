/**
 * The checks before upload as the widget runs them (src/upload/check-photo.ts): the photo prepared
 * and measured in the image worker, a back's barcode read in the barcode worker, on the generated
 * photos. The same verdicts as the rules give on Node (test/capture/photo-check.node.test.ts), in
 * each engine's own decoder and canvas; and on the main thread where the image worker cannot start.
 */
import { expect } from '@open-wc/testing';
import { checkPhoto } from '../../src/upload/check-photo.js';
import type { PhotoProblem } from '../../src/frame/photo-check.js';
import { setAssetsBase } from '../../src/workers/assets.js';
import { timeLimit } from '../helpers/engines.js';
import { fixtureBlob } from '../helpers/widget.js';

describe('checkPhoto', function () {
  this.timeout(timeLimit(60000));

  const cases: Array<[file: string, barcode: boolean, problems: PhotoProblem[]]> = [
    ['licence-front.jpg', false, []],
    ['licence-back.png', true, []],
    ['passport.jpg', false, []],
    ['scene-1280x720-dark-table-front-skew2-scale68.png', false, []],
    ['scene-1280x720-light-desk-back-skew-2-scale72.png', true, []],
    ['scene-1280x720-light-desk-empty.png', false, ['no_document']],
    ['scene-1280x720-dark-table-empty.png', false, ['no_document']],
    ['blank.png', false, ['no_document']],
    ['tiny-licence-front.jpg', false, ['too_small']],
    ['scene-1280x720-dark-table-back-skew-2-scale72-blur3.png', true, ['blurry']],
    ['camera-1280x720-skew0-scale60-normal.png', true, ['cut_off']],
    ['de-licence-back.jpg', true, ['barcode_unreadable']],
  ];
  for (const [file, barcode, expected] of cases) {
    it(`${file}${barcode ? ' (a back with a barcode)' : ''}: ${expected.length ? expected.join(', ') : 'passes'}`, async () => {
      // A budget no load reaches: the verdict, not the machine's speed, is under test.
      const { image, problems } = await checkPhoto(await fixtureBlob(file), { barcode }, { barcodeBudgetMs: 120_000 });
      expect(problems).to.deep.equal(expected);
      // Checked or not, the photo is prepared as it would be uploaded.
      expect(image.contentType).to.equal('image/jpeg');
      expect(image.byteSize).to.equal(image.blob.size);
      expect(image).to.not.have.property('inspection');
    });
  }

  it('backs checked one after another share one barcode worker (the decoder is parsed once), each photo its own image worker', async () => {
    const started: string[] = [];
    const Original = globalThis.Worker;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(String(url));
      }
    };
    try {
      for (let i = 0; i < 2; i++) {
        const { problems } = await checkPhoto(await fixtureBlob('licence-back.png'), { barcode: true }, { barcodeBudgetMs: 120_000 });
        expect(problems).to.deep.equal([]);
      }
    } finally {
      globalThis.Worker = Original;
    }
    expect(started.filter((url) => url.includes('/picture.worker')).length, started.join(', ')).to.equal(2);
    // None when an earlier test's checks left it running, one otherwise.
    expect(started.filter((url) => url.includes('barcode')).length, started.join(', ')).to.be.at.most(1);
  });

  it('a barcode reader out of time holds nothing against the photo (the verification reads it again)', async () => {
    expect((await checkPhoto(await fixtureBlob('de-licence-back.jpg'), { barcode: true }, { barcodeBudgetMs: 1 })).problems).to.deep.equal([]);
  });

  it('measures on the main thread where the image worker cannot start, and goes without the barcode where its worker cannot', async () => {
    const owner = {};
    setAssetsBase('/nowhere/', owner);
    try {
      expect((await checkPhoto(await fixtureBlob('scene-1280x720-dark-table-empty.png'), { barcode: false })).problems).to.deep.equal(['no_document']);
      // The barcode worker cannot start either: an unread barcode is not held against the photo.
      expect((await checkPhoto(await fixtureBlob('de-licence-back.jpg'), { barcode: true })).problems).to.deep.equal([]);
      expect((await checkPhoto(await fixtureBlob('camera-1280x720-skew0-scale60-normal.png'), { barcode: true })).problems).to.deep.equal(['cut_off']);
    } finally {
      setAssetsBase(null, owner);
    }
  });
});
