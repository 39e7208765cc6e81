// The checks before upload, walked as an applicant: photos without a whole document, too small or
// blurred are stopped on the capture step with advice, before anything reaches the sandbox; the
// second photo of a side refused in a row may be sent anyway; good photos go through as before.
// Real Chromium, Firefox and WebKit, the real image and barcode workers, the real sandbox.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import type { ErrorDetail } from '../../src/events.js';
import {
  captureAndAccept,
  chooseDocument,
  chooseFile,
  clearWidgetStorage,
  consent,
  createSession,
  currentStep,
  flowLoaded,
  expectAccessible,
  fixtureBlob,
  mount,
  shadow,
  untilComplete,
  waitForStep,
} from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';
import { recordFetches, type RecordedCall } from '../helpers/resources.js';
import { timeLimit } from '../helpers/engines.js';

/** Every PUT the page sends (XHR is how the widget uploads to a presigned URL). */
function recordPuts(): { count: () => number; restore(): void } {
  const open = XMLHttpRequest.prototype.open;
  let count = 0;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, ...rest: unknown[]) {
    if (method.toUpperCase() === 'PUT') count++;
    return (open as (...args: unknown[]) => void).call(this, method, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  return { count: () => count, restore: () => (XMLHttpRequest.prototype.open = open) };
}

/** Calls that create a document, add its files or verify it: none may happen for a photo the checks stopped. */
const documentCalls = (calls: RecordedCall[]) => calls.filter(({ url }) => /\/identity\/(documents|verifications)/.test(url));

const notice = (element: BelticVerify) => element.shadowRoot!.querySelector<HTMLElement>('[part~=photo-check]');
const noticeText = (element: BelticVerify) => notice(element)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const liveRegion = (element: BelticVerify) => element.shadowRoot!.querySelector('[role=status]')?.textContent?.trim() ?? '';
const useAnyway = (element: BelticVerify) => element.shadowRoot!.querySelector<HTMLButtonElement>('button.use-anyway');

/** Chooses `file` on the capture step and waits until the checks refused it (its notice shows). */
async function refused(element: BelticVerify, file: string): Promise<string> {
  const before = harness(element).flow.photoCheck;
  await chooseFile(element, await fixtureBlob(file));
  await waitUntil(() => harness(element).flow.photoCheck !== null && harness(element).flow.photoCheck !== before, `the checks refuse ${file}`, {
    timeout: 20000,
  });
  await element.updateComplete;
  expect(currentStep(element), 'the photo stays on the capture step').to.equal('capture');
  return noticeText(element);
}

describe('<beltic-verify> checks before upload', function () {
  this.timeout(timeLimit(90000));
  let calls: RecordedCall[] = [];
  let stopRecording = () => {};
  let puts: ReturnType<typeof recordPuts> | null = null;

  beforeEach(async () => {
    await clearWidgetStorage();
    const recorder = recordFetches();
    calls = recorder.calls;
    stopRecording = recorder.stop;
    puts = recordPuts();
  });

  afterEach(() => {
    stopRecording();
    puts?.restore();
  });

  const noUpload = () => {
    expect(documentCalls(calls), 'no document was created, uploaded or verified').to.deep.equal([]);
    expect(puts!.count(), 'no PUT').to.equal(0);
  };

  it('an empty desk: "no whole document", said and announced, nothing sent', async () => {
    const element = await mount(await createSession({ scenario: 'pass' }));
    await consent(element);
    await chooseDocument(element, 'passport', 'FR');
    const errors: ErrorDetail[] = [];
    element.addEventListener('beltic-verify-error', (event) => errors.push(event.detail));
    const text = await refused(element, 'scene-1280x720-light-desk-empty.png');
    expect(errors, 'the page is told, with the problems\u2019 codes').to.deep.equal([
      { code: 'photo_refused', message: 'The photo of the front (from the file) was refused by the checks before upload: no_document.', recoverable: true },
    ]);
    expect(text).to.include('Please take this photo again');
    expect(text).to.include('We cannot see a whole document in this photo.');
    expect(useAnyway(element), 'not after the first photo').to.equal(null);
    expect(liveRegion(element)).to.equal(
      'We cannot see a whole document in this photo. Place all of it on a plain surface that contrasts with it, and take the photo again.',
    );
    await expectAccessible(element, 'a photo refused by the checks');
    noUpload();
  });

  it('a 320×200 photo: "too small", nothing sent', async () => {
    const element = await mount(await createSession({ scenario: 'pass' }));
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    const text = await refused(element, 'tiny-licence-front.jpg');
    expect(text).to.include('This photo is too small to read your document.');
    expect(text, 'one problem: a bigger photo first').to.not.include('blurry');
    noUpload();
  });

  it('a blurred back of a US licence: "blurry", nothing sent; the front went through', async () => {
    const element = await mount(await createSession({ scenario: 'pass' }));
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await waitForStep(element, 'capture');
    expect(harness(element).flow.state!.step).to.deep.equal({ name: 'capture', side: 'back' });
    const text = await refused(element, 'scene-1280x720-dark-table-back-skew-2-scale72-blur3.png');
    expect(text).to.include('This photo is blurry.');
    noUpload();
  });

  it('a back with its top cut off: "cut off", though its barcode reads', async () => {
    const element = await mount(await createSession({ scenario: 'pass' }));
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await waitForStep(element, 'capture');
    const text = await refused(element, 'camera-1280x720-skew0-scale60-normal.png');
    expect(text).to.include('Part of your document is cut off.');
    noUpload();
  });

  it('the second refusal in a row offers "Use this photo anyway", which sends that photo (and the sandbox then asks again)', async () => {
    const element = await mount(await createSession({ scenario: 'pass' }));
    await consent(element);
    await chooseDocument(element, 'passport', 'FR');
    await refused(element, 'scene-1280x720-dark-table-empty.png');
    expect(useAnyway(element), 'not after the first').to.equal(null);
    const text = await refused(element, 'scene-1280x720-light-desk-empty.png');
    expect(text).to.include('you can use it anyway');
    expect(liveRegion(element)).to.include('you can use it anyway');
    await expectAccessible(element, 'a second refusal, with "use anyway"');
    noUpload();

    useAnyway(element)!.click();
    await waitForStep(element, 'review');
    // The photo refused last is the one kept: the light desk's (another size of file than the dark table's would do too).
    const kept = harness(element).flow.state!.captures.front!;
    expect(kept).to.include({ source: 'file', width: 1280, height: 720 });
    shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
    // The sandbox's own check finds no document either, and asks for a new photo.
    await waitUntil(() => harness(element).flow.state?.retryReasons.length, 'the sandbox asks again', { timeout: 30000 });
    expect(documentCalls(calls).length, 'this time the photo was sent').to.be.greaterThan(0);
    expect(puts!.count()).to.equal(1);
    expect(harness(element).flow.state!.retryReasons.map((reason) => reason.check)).to.include('document_visible');
  });

  it('a good photo after a refused one goes through, and the count starts again', async () => {
    const element = await mount(await createSession({ scenario: 'pass' }));
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await refused(element, 'scene-1280x720-dark-table-empty.png');
    await chooseFile(element, await fixtureBlob('scene-1280x720-dark-table-front-skew2-scale68.png'));
    await waitForStep(element, 'review', 20000);
    expect(notice(element)).to.equal(null);
    shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
    await waitForStep(element, 'capture');
    // The back's first refusal is a first: no "use anyway" yet.
    await refused(element, 'scene-1280x720-dark-table-back-skew-2-scale72-blur3.png');
    expect(useAnyway(element)).to.equal(null);
  });

  it('good photos go through the whole flow untouched: a licence photographed on a table, front and back', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    const complete = untilComplete(element);
    const refusals: unknown[] = [];
    await flowLoaded(element);
    harness(element).flow.listen((flowNotice) => flowNotice.type === 'photo_refused' && refusals.push(flowNotice));
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('scene-1280x720-dark-table-front-skew2-scale68.png'));
    await waitForStep(element, 'capture');
    await captureAndAccept(element, await fixtureBlob('scene-1280x720-dark-table-back-skew-2-scale72.png'));
    expect((await complete).detail.status).to.equal('passed');
    expect(refusals).to.deep.equal([]);
    expect(puts!.count()).to.equal(2);
  });
});
