/**
 * Safari's private browsing, for real: the 'private-browsing' group runs this file in WebKit with an
 * ephemeral data store (scripts/engines/webkit-browser.py --ephemeral), where IndexedDB opens and
 * keeps plain values but refuses every Blob. The photos cannot be kept on the device: the widget keeps
 * them in memory, completes the flow and says once, recoverably, that a reload would start over.
 * (Chromium's incognito and Firefox's private windows keep Blobs in memory-backed IndexedDB: nothing to
 * degrade there, so the group is WebKit's alone.)
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { captureAndAccept, chooseDocument, consent, createSession, fixtureBlob, mount, untilComplete, waitForStep } from '../helpers/widget.js';
import { timeLimit } from '../helpers/engines.js';

describe('in a private window that refuses Blobs in IndexedDB', function () {
  // A whole licence flow with its photos' checks, in a WebKit beside the others' files.
  this.timeout(timeLimit(60000));
  it('IndexedDB is there but refuses a Blob (the case this group exists for)', async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('beltic-private-probe');
      request.onupgradeneeded = () => request.result.createObjectStore('s');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const refused = await new Promise<string>((resolve) => {
      try {
        const transaction = db.transaction('s', 'readwrite');
        transaction.objectStore('s').put(new Blob(['x']), 'k');
        transaction.oncomplete = () => resolve('kept');
        transaction.onerror = () => resolve(transaction.error?.name ?? 'error');
        transaction.onabort = () => resolve(transaction.error?.name ?? 'aborted');
      } catch (error) {
        resolve((error as Error).name);
      }
    });
    db.close();
    expect(refused).to.not.equal('kept');
  });

  it('a licence, both photos by file, reaches the result from memory, and storage_unavailable is said once, recoverable', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    const errors: { code: string; recoverable: boolean }[] = [];
    element.addEventListener('beltic-verify-error', (event) => errors.push((event as CustomEvent).detail));
    const complete = untilComplete(element);
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await waitForStep(element, 'capture');
    await captureAndAccept(element, await fixtureBlob('licence-back.png'));
    expect((await complete).detail.status).to.equal('passed');
    expect(errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'storage_unavailable', recoverable: true }]);
    element.remove();
  });
});
