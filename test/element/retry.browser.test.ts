// A verification that asks for new photos (`requires_retry`), against the real sandbox through the
// real proxy: the flow starts again at the side that failed, says why in the applicant's words
// (never the server's, never the sandbox's test wording), announces it, gives its notice focus, and
// keeps it until the applicant acts. Saved states of the previous version resume (real IndexedDB).
import { aTimeout, expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import type { FlowState } from '../../src/flow/machine.js';
import { en } from '../../src/ui/i18n/en.js';
import {
  captureAndAccept,
  chooseDocument,
  chooseFile,
  clearWidgetStorage,
  consent,
  createSession,
  currentStep,
  expectAccessible,
  fixtureBlob,
  mount,
  mountAtState,
  untilComplete,
  useSandboxProfile,
  waitForStep,
} from '../helpers/widget.js';
import { harness } from '../helpers/harness.js';
import { timeLimit } from '../helpers/engines.js';

/** Words of the server's and the sandbox's own reasons, which the applicant must never read. */
const SERVER_WORDING = /sandbox|forced|blurry/i;

const step = (element: BelticVerify) => harness(element).flow.state?.step;
const liveRegion = (element: BelticVerify) => element.shadowRoot!.querySelector('[role=status]')?.textContent?.trim() ?? '';
const notice = (element: BelticVerify) => element.shadowRoot!.querySelector<HTMLElement>('.retry-notice');
const shownText = (element: BelticVerify) => element.shadowRoot!.querySelector('[part=content]')?.textContent ?? '';

/** Waits for the capture step of `side` that a retry leads to. */
async function untilRetryAt(element: BelticVerify, side: string): Promise<void> {
  await waitUntil(
    () => harness(element).flow.state?.retryPending === true && currentStep(element) === 'capture',
    () => `back at capture after requires_retry (at ${currentStep(element)})`,
    { timeout: 20000 },
  );
  await element.updateComplete;
  expect(step(element)).to.deep.equal({ name: 'capture', side });
}

describe('a retry the check asks for', function () {
  this.timeout(timeLimit(60000));
  beforeEach(clearWidgetStorage);

  it('about the back: starts again at the back, says why in the applicant’s words, announced and focused, still there 3 s later; then the front; then it passes', async () => {
    const session = await createSession({ sandbox: { scenario: 'requires_retry', retry_side: 'back' } });
    const element = await mount(session);
    const complete = untilComplete(element);
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await captureAndAccept(element, await fixtureBlob('licence-back.png'));

    await untilRetryAt(element, 'back');
    const shown = notice(element)!;
    expect(shown.querySelector('h3')!.textContent!.trim()).to.equal(en.capture.retry.heading.photos);
    expect(shown.textContent).to.include(en.reasons.photo_unclear.back);
    expect(shownText(element)).to.not.match(SERVER_WORDING);
    expect(liveRegion(element), 'announced').to.equal(en.reasons.photo_unclear.back);
    // (Elements compared as booleans: chai describing a shadow DOM element on failure can stall the page.)
    expect(element.shadowRoot!.activeElement === shown.querySelector('h3'), 'focus on the notice’s heading').to.equal(true);
    await expectAccessible(element, 'retry notice on the back');

    // Nothing but the applicant takes it away.
    await aTimeout(3000);
    expect(step(element)).to.deep.equal({ name: 'capture', side: 'back' });
    expect(notice(element)?.textContent).to.include(en.reasons.photo_unclear.back);
    expect(liveRegion(element), 'still what was announced').to.equal(en.reasons.photo_unclear.back);

    // Acting on it: a photo of the back; then the front, whose step has nothing to say about the back.
    await captureAndAccept(element, await fixtureBlob('licence-back.png'));
    await waitUntil(() => currentStep(element) === 'capture', 'the front next');
    await element.updateComplete;
    expect(step(element)).to.deep.equal({ name: 'capture', side: 'front' });
    expect(notice(element) === null, 'the reason was about the back').to.equal(true);
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    expect((await complete).detail.status).to.equal('passed');
  });

  it('the sandbox’s requires_retry scenario on a passport reads as a photo page not clear enough, with no sandbox wording', async () => {
    const session = await createSession({ scenario: 'requires_retry' });
    const element = await mount(session);
    await consent(element);
    await chooseDocument(element, 'passport', 'FR');
    await captureAndAccept(element, await fixtureBlob('passport.jpg'));
    await untilRetryAt(element, 'front');
    expect(notice(element)!.querySelector('h3')!.textContent!.trim()).to.equal(en.capture.retry.heading.onePhoto);
    expect(notice(element)!.textContent).to.include(en.reasons.photo_unclear.photo_page);
    expect(shownText(element)).to.not.match(SERVER_WORDING);
    expect(liveRegion(element)).to.equal(en.reasons.photo_unclear.photo_page);
    // Choosing a photo is acting on it: the notice no longer waits.
    await chooseFile(element, await fixtureBlob('passport.jpg'));
    await waitForStep(element, 'review');
    expect(harness(element).flow.state!.retryPending).to.equal(false);
  });

  describe('against a sandbox that answers only what Beltic documents (no failed_sides)', () => {
    before(() => useSandboxProfile('docs'));
    after(() => useSandboxProfile('default'));

    it('a retry about the back starts at the first side, with the reason in its general wording on both sides', async () => {
      const session = await createSession({ sandbox: { scenario: 'requires_retry', retry_side: 'back' } });
      const element = await mount(session);
      await consent(element);
      await chooseDocument(element, 'drivers_license', 'US');
      await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
      await captureAndAccept(element, await fixtureBlob('licence-back.png'));
      await untilRetryAt(element, 'front');
      expect(notice(element)!.textContent).to.include(en.reasons.photo_unclear.any);
      expect(shownText(element)).to.not.match(SERVER_WORDING);
      await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
      await waitUntil(() => currentStep(element) === 'capture', 'the back next');
      await element.updateComplete;
      expect(step(element)).to.deep.equal({ name: 'capture', side: 'back' });
      expect(notice(element)?.textContent, 'a reason about no side in particular shows on each side').to.include(en.reasons.photo_unclear.any);
    });
  });

  it('a check the widget does not know shows the server’s words, as they came', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mountAtState(session, (state) => ({
      ...state,
      documentType: 'drivers_license',
      issuingCountry: 'US',
      retries: 1,
      retryReasons: [{ check: 'glare_detected', sides: ['front'], text: 'There is glare on the front.' }],
      retryPending: true,
      step: { name: 'capture', side: 'front' },
    }));
    await waitForStep(element, 'capture');
    expect(notice(element)!.textContent).to.include('There is glare on the front.');
  });

  it('a retry saved by the previous version resumes: at its step, still waiting, with a general reason instead of the server’s words', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mountAtState(session, (state) => {
      const { retryPending: _pending, ...rest } = state;
      const saved = {
        ...rest,
        version: 1,
        documentType: 'drivers_license',
        issuingCountry: 'US',
        retries: 1,
        retryReasons: [
          'The photo of the front is blurry. Hold the document still and take the photo again (forced once by the sandbox scenario "requires_retry").',
        ],
        step: { name: 'capture', side: 'front' },
      };
      return saved as unknown as FlowState;
    });
    await waitForStep(element, 'capture');
    expect(harness(element).flow.state).to.include({ version: 2, retryPending: true });
    expect(notice(element)!.textContent).to.include(en.reasons.photo_unclear.any);
    expect(shownText(element)).to.not.match(SERVER_WORDING);
  });
});
