/**
 * One step at a time: the widget is put straight at a step (its state saved as a reload would
 * find it), and what that step shows is checked, beside the tests that walk the whole flow. Also
 * what the element must restore when it is moved in the page, and words that follow `lang`.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { CapturedImage, FlowState } from '../../src/flow/machine.js';
import { translations } from '../../src/ui/languages.js';
import { harness } from '../helpers/harness.js';
import { clearWidgetStorage, createSession, fixtureBlob, mountAtState, shadow, typeCountry, waitForStep } from '../helpers/widget.js';

const heading = (element: HTMLElement) => element.shadowRoot!.querySelector('h2')?.textContent?.trim();

describe('<beltic-verify> one step at a time', () => {
  beforeEach(clearWidgetStorage);

  it('document: the choice, with the country names in the element’s language, following `lang` as it changes', async () => {
    const session = await createSession();
    const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
    await waitForStep(element, 'document');
    expect(heading(element)).to.equal('Which document will you use?');
    // The country field's list, filtered to what was typed (a code finds its country).
    await typeCountry(element, 'DE');
    const germany = () => shadow(element, '[role=option][data-code=DE]').textContent?.trim();
    element.lang = 'en';
    await element.updateComplete;
    expect(germany()).to.equal('Germany');
    element.lang = 'fr';
    // The French table is loaded the first time it is asked for.
    await waitUntil(() => germany() === 'Allemagne', 'the French country name', { timeout: 10000 });
    // A malformed tag (a page's lang="fr_FR"; WebKit started without a locale says "C"): English, no RangeError.
    element.lang = 'fr_FR';
    await element.updateComplete;
    expect(germany()).to.equal('Germany');
  });

  it('capture: a passport’s front is its photo page, a licence has a front and a back', async () => {
    const session = await createSession();
    const element = await mountAtState(session, (state) => ({
      ...state,
      step: { name: 'capture', side: 'front' },
      documentType: 'passport',
      issuingCountry: 'US',
    }));
    await waitForStep(element, 'capture');
    expect(heading(element)).to.equal('Photo page of your passport');
    expect(shadow(element, '[part=dropzone]')).to.exist;

    const licence = await createSession();
    const back = await mountAtState(licence, (state) => ({
      ...state,
      step: { name: 'capture', side: 'back' },
      documentType: 'drivers_license',
      issuingCountry: 'US',
    }));
    await waitForStep(back, 'capture');
    expect(heading(back)).to.equal("Back of your driver's licence");
  });

  it('review: the stored photo is shown, and still shown after the element is moved in the page', async () => {
    const session = await createSession();
    const photo = await fixtureBlob('passport.jpg');
    const element = await mountAtState(
      session,
      (state, keys): FlowState => ({
        ...state,
        step: { name: 'review', side: 'front' },
        documentType: 'passport',
        issuingCountry: 'US',
        captures: { front: imageSync(photo, keys.front!) },
      }),
      { front: photo },
    );
    await waitForStep(element, 'review');
    const preview = () => element.shadowRoot!.querySelector<HTMLImageElement>('img[part=preview]');
    await waitFor(() => preview() !== null);
    const before = preview()!.src;
    expect(before).to.match(/^blob:/);

    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(element); // disconnected, then connected again
    await waitFor(() => preview() !== null && preview()!.src !== before);
    const shown = preview()!;
    await shown.decode();
    expect(shown.naturalWidth).to.be.greaterThan(0);
    // The URL of before the move was revoked: nothing keeps the photo alive in the page but the new one.
    const revoked = await fetch(before).then(
      () => false,
      () => true,
    );
    expect(revoked).to.equal(true);
    elsewhere.remove();
  });

  it('result: each outcome has its heading, reached through the machine', async () => {
    for (const outcome of ['passed', 'review', 'failed', 'expired', 'cancelled'] as const) {
      const session = await createSession();
      const element = await mountAtState(session, (state) => ({ ...state, step: { name: 'document' } }));
      await waitForStep(element, 'document');
      harness(element).flow.dispatch({ type: 'session_closed', outcome });
      await waitForStep(element, 'result');
      expect(heading(element), outcome).to.equal(translations.en!.result[outcome].heading);
      element.remove();
    }
  });
});

function imageSync(blob: Blob, blobKey: string): CapturedImage {
  return { blobKey, contentType: 'image/jpeg', byteSize: blob.size, width: 1, height: 1, checksum: '0'.repeat(64), source: 'file' };
}

async function waitFor(predicate: () => boolean, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeout) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
