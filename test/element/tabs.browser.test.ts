/**
 * One session, one writer: two widgets on the same session (as two tabs of one browser would be:
 * they share this origin's Web Locks, BroadcastChannels and IndexedDB) never both upload. One runs
 * the flow; the other says it continues in another tab, follows the outcome, and can take over.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { harness } from '../helpers/harness.js';
import {
  apiBase,
  captureAndAccept,
  chooseDocument,
  clearWidgetStorage,
  consent,
  createSession,
  currentStep,
  fixtureBlob,
  mount,
  sandboxSession,
  shadow,
  untilComplete,
  waitForStep,
  type DemoSession,
} from '../helpers/widget.js';

const heading = (element: BelticVerify) => element.shadowRoot!.querySelector('h2')?.textContent?.trim();
const isElsewhere = (element: BelticVerify) =>
  harness(element).flowLoaded && harness(element).flow.elsewhere && heading(element) === 'Continuing in another tab';

async function untilElsewhere(element: BelticVerify): Promise<void> {
  await waitUntil(
    () => isElsewhere(element),
    () => `"continuing in another tab" (at ${heading(element)})`,
    { timeout: 10000, interval: 20 },
  );
}

/** What the sandbox holds for the session: documents, verifications, and the files of each document. */
async function sandboxCounts(session: DemoSession): Promise<{ documents: number; verifications: number }> {
  const { data } = (await sandboxSession(session.session_id)) as unknown as {
    data: { relationships: { documents: { data: unknown[] }; verifications: { data: unknown[] } } };
  };
  return { documents: data.relationships.documents.data.length, verifications: data.relationships.verifications.data.length };
}

/** The photo uploads (PUTs to the presigned URLs) this page sent since `since` (both widgets live in it). */
function uploadsSince(since: number): number {
  return performance
    .getEntriesByType('resource')
    .filter((e) => e.startTime >= since && /\/uploads\//.test(e.name) && (e as PerformanceResourceTiming).initiatorType === 'xmlhttprequest').length;
}

describe('<beltic-verify> in two tabs of one session', () => {
  beforeEach(clearWidgetStorage);
  afterEach(() => document.querySelectorAll('beltic-verify').forEach((element) => element.remove()));

  it('one uploads and verifies; the other continues in another tab and follows the outcome; nothing is sent twice', async () => {
    const session = await createSession({ scenario: 'pass' });
    const first = await mount(session);
    await waitForStep(first, 'intro');
    const second = await mount(session);
    await untilElsewhere(second);
    await second.updateComplete;
    expect(shadow(second, 'button').textContent?.trim()).to.equal('Continue here');

    const since = performance.now();
    const completes = [untilComplete(first), untilComplete(second)];
    await consent(first);
    await chooseDocument(first, 'passport');
    await captureAndAccept(first, await fixtureBlob('passport.jpg'));
    const [a, b] = await Promise.all(completes);
    expect([a!.detail.status, b!.detail.status]).to.deep.equal(['passed', 'passed']);
    // The waiting tab never showed a step after the intro: the result's screen comes with the capture parts.
    await waitForStep(second, 'result');
    expect(heading(second)).to.equal(heading(first));
    expect(await sandboxCounts(session)).to.deep.equal({ documents: 1, verifications: 1 });
    expect(uploadsSince(since), 'photo uploads').to.equal(1);
  });

  it('"Continue here" takes the session over where the other tab was, and the other tab then waits', async () => {
    const session = await createSession({ scenario: 'pass' });
    const first = await mount(session);
    await consent(first);
    await chooseDocument(first, 'passport');
    const second = await mount(session);
    await untilElsewhere(second);

    shadow<HTMLButtonElement>(second, 'button').click();
    await untilElsewhere(first);
    await waitForStep(second, 'capture');
    expect(harness(second).flow.state!.documentType).to.equal('passport');

    const completes = [untilComplete(first), untilComplete(second)];
    await captureAndAccept(second, await fixtureBlob('passport.jpg'));
    const [a, b] = await Promise.all(completes);
    expect([a!.detail.status, b!.detail.status]).to.deep.equal(['passed', 'passed']);
    expect(await sandboxCounts(session)).to.deep.equal({ documents: 1, verifications: 1 });
  });

  it('a cancel where the flow runs is seen by the waiting tab; a cancel in the waiting tab leaves the other one whole', async () => {
    // The slow scenario keeps the verification open while the third tab comes and the first one cancels.
    const session = await createSession({ scenario: 'slow' });
    const first = await mount(session);
    await consent(first);
    await chooseDocument(first, 'passport');
    const second = await mount(session);
    await untilElsewhere(second);

    // The waiting tab gives up: only it ends.
    expect(await second.cancel()).to.equal(true);
    await waitForStep(second, 'result');
    expect(harness(second).flow.state!.step).to.deep.equal({ name: 'result', outcome: 'cancelled' });
    expect(harness(first).flow.state!.step).to.deep.equal({ name: 'capture', side: 'front' });
    await captureAndAccept(first, await fixtureBlob('passport.jpg'));
    await waitForStep(first, 'verifying');

    // A third tab waits; the running one cancels: the waiting one shows the same end.
    const third = await mount(session);
    await untilElsewhere(third);
    await first.cancel();
    await waitForStep(third, 'result');
    expect(harness(third).flow.state!.step).to.deep.equal({ name: 'result', outcome: 'cancelled' });
  });

  it('a waiting tab takes over when the tab holding the session goes away (its page closed)', async () => {
    const session = await createSession({ scenario: 'pass' });
    // The first tab is a frame: removing it closes its page, which lets go of its locks.
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><script type="module">import '/src/define.ts';</script>`;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await waitUntil(() => frame.contentWindow!.customElements.get('beltic-verify') !== undefined, 'the frame defined the element', { timeout: 10000 });
    const inFrame = frame.contentDocument!.createElement('beltic-verify') as BelticVerify;
    inFrame.setAttribute('api-base', apiBase());
    inFrame.clientToken = session.client_token;
    frame.contentDocument!.body.append(inFrame);
    await waitUntil(() => currentStep(inFrame) === 'intro', 'the frame reached the intro', { timeout: 10000 });
    harness(inFrame).flow.dispatch({ type: 'consented' });
    await harness(inFrame).flow.saved();

    const second = await mount(session);
    await untilElsewhere(second);
    frame.remove();
    await waitForStep(second, 'document', 10000);
  });
});
