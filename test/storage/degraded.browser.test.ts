/**
 * Storage that degrades, never loses: with IndexedDB removed, throwing on open, or failing in the
 * middle of the flow (quota), the widget completes a real flow from memory and says once, with a
 * recoverable `storage_unavailable`, that a reload would start over.
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { captureAndAccept, chooseDocument, clearWidgetStorage, consent, createSession, fixtureBlob, mount, untilComplete } from '../helpers/widget.js';

interface ErrorDetail {
  code: string;
  recoverable: boolean;
}

function recordErrors(element: BelticVerify): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  element.addEventListener('beltic-verify-error', (event) => errors.push((event as CustomEvent<ErrorDetail>).detail));
  return errors;
}

/** A passport, by file, to the result; returns the result and the error events. */
async function passportFlow(beforeCapture: () => void = () => undefined): Promise<{ status: string; errors: ErrorDetail[] }> {
  const session = await createSession({ scenario: 'pass' });
  const element = await mount(session);
  const errors = recordErrors(element);
  const complete = untilComplete(element);
  await consent(element);
  await chooseDocument(element, 'passport');
  beforeCapture();
  await captureAndAccept(element, await fixtureBlob('passport.jpg'));
  const { detail } = await complete;
  element.remove();
  return { status: detail.status, errors };
}

const unavailable = (errors: ErrorDetail[]) => errors.filter((e) => e.code === 'storage_unavailable');

/** Where storage is refused, Storage Buckets are too: `replacement` stands in for them (undefined: none). */
function replaceBuckets(replacement: unknown): () => void {
  Object.defineProperty(navigator, 'storageBuckets', { configurable: true, value: replacement });
  return () => delete (navigator as { storageBuckets?: unknown }).storageBuckets;
}

describe('storage that degrades, never loses', () => {
  let undo: (() => void) | null = null;
  beforeEach(clearWidgetStorage);
  afterEach(() => {
    undo?.();
    undo = null;
  });

  it('IndexedDB missing: the flow completes from memory, and says so once', async () => {
    const own = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    const restoreBuckets = replaceBuckets(undefined);
    undo = () => {
      restoreBuckets();
      if (own) Object.defineProperty(window, 'indexedDB', own);
      else delete (window as { indexedDB?: unknown }).indexedDB;
    };
    const { status, errors } = await passportFlow();
    expect(status).to.equal('passed');
    expect(unavailable(errors).map((e) => e.recoverable)).to.deep.equal([true]);
    expect(errors.map((e) => e.code)).to.not.include('image_lost');
  });

  it('IndexedDB throwing on open (storage disabled by policy): the same', async () => {
    const denied = () => new DOMException('The user denied permission to access the database.', 'UnknownError');
    indexedDB.open = () => {
      throw denied();
    };
    const restoreBuckets = replaceBuckets({ open: () => Promise.reject(denied()) });
    undo = () => {
      restoreBuckets();
      delete (indexedDB as { open?: unknown }).open;
    };
    const { status, errors } = await passportFlow();
    expect(status).to.equal('passed');
    expect(unavailable(errors)).to.have.length(1);
    expect(errors.map((e) => e.code)).to.not.include('image_lost');
  });

  it('a write failing mid-flow (quota): the photo is kept in memory and uploaded', async () => {
    const put = IDBObjectStore.prototype.put;
    undo = () => (IDBObjectStore.prototype.put = put);
    const { status, errors } = await passportFlow(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    expect(status).to.equal('passed');
    expect(unavailable(errors)).to.have.length(1);
    expect(errors.map((e) => e.code)).to.not.include('image_lost');
  });
});
