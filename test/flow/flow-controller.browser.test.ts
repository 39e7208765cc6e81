/**
 * FlowController on its own, without the element: a bare reactive host, a real BelticClient over
 * HTTP to the sandbox, real IndexedDB storage and the real image preparation. What it notifies,
 * in which order, and what it keeps.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BelticClient } from '../../src/api/client.js';
import { FlowController, type FlowNotice } from '../../src/flow/flow-controller.js';
import { initialState, type FlowState, type StepName } from '../../src/flow/machine.js';
import { createWidgetStorage } from '../../src/storage/widget-storage.js';
import { createRecordStore } from '../../src/storage/records.js';
import { apiBase, clearWidgetStorage, createSession, fixtureBlob, holdWidgetStore, widgetDatabase } from '../helpers/widget.js';
import { keys } from 'idb-keyval';

/** The smallest host: counts updates and lets the test connect and disconnect its controllers. */
class BareHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
  }
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

async function openFlow(scenario = 'pass', storage = createWidgetStorage()) {
  const session = await createSession({ scenario });
  const client = new BelticClient({ apiBase: apiBase(), token: () => session.client_token });
  const host = new BareHost();
  const flow = new FlowController(host, { timing: { pollStartMs: 50, pollMaxMs: 200 } });
  const notices: FlowNotice[] = [];
  flow.listen((notice) => notices.push(notice));
  host.connect();
  await flow.open({ client, sessionId: session.session_id, storage });
  return { flow, host, notices, storage, sessionId: session.session_id, client };
}

/** The image keys in the widget's IndexedDB store, read directly. */
async function storedBlobs(): Promise<unknown[]> {
  return (await keys(widgetDatabase())).filter((key) => Array.isArray(key) && key[0] === 'blob');
}

/** Waits until no widget of this page holds the session's Web Lock. */
async function untilSessionFree(sessionId: string): Promise<void> {
  const held = async () => ((await navigator.locks.query()).held ?? []).some((lock) => lock.name === `beltic-verify:${sessionId}`);
  const start = performance.now();
  while (await held()) {
    if (performance.now() - start > 5000) throw new Error('the session lock was not released');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const stepOf = (flow: FlowController): StepName | undefined => flow.state?.step.name;
const until = (flow: FlowController, step: StepName) =>
  waitUntil(
    () => stepOf(flow) === step,
    () => `step ${step} (at ${stepOf(flow)})`,
    { timeout: 15000, interval: 20 },
  );

describe('FlowController', () => {
  beforeEach(clearWidgetStorage);

  it('opens a fresh session: starting, then the session starts, then the intro; each change saved', async () => {
    const { flow, notices, storage, sessionId } = await openFlow();
    await until(flow, 'intro');
    const kinds = notices.map((n) => (n.type === 'changed' ? `changed:${n.state.step.name}` : n.type));
    expect(kinds).to.deep.equal(['changed:starting', 'session_started', 'changed:intro']);
    await flow.saved();
    expect((await storage.scope(sessionId).loadState<FlowState>())?.step.name).to.equal('intro');
  });

  it('refuses a file that is not a photo: a notice and a problem code, the step and storage unchanged', async () => {
    const { flow, notices, storage, sessionId } = await openFlow();
    await until(flow, 'intro');
    flow.dispatch({ type: 'consented' });
    flow.dispatch({ type: 'document_chosen', documentType: 'passport', issuingCountry: 'US' });
    const taken = await flow.takeImage('front', new Blob(['%PDF-1.7 not a photo'], { type: 'application/pdf' }), 'file');
    expect(taken).to.equal(false);
    expect(flow.preparing).to.equal(false);
    expect(flow.imageProblem).to.equal('unsupported_type');
    expect(notices.at(-1)).to.include({ type: 'image_refused', side: 'front', code: 'unsupported_type' });
    expect(stepOf(flow)).to.equal('capture');
    await flow.saved();
    expect((await storage.scope(sessionId).loadState<FlowState>())?.captures).to.deep.equal({});
  });

  it('holds back a photo the checks refuse: a photo_refused notice, nothing stored; the second in a row may be used anyway', async () => {
    const { flow, notices, storage, sessionId } = await openFlow();
    await until(flow, 'intro');
    flow.dispatch({ type: 'consented' });
    flow.dispatch({ type: 'document_chosen', documentType: 'passport', issuingCountry: 'FR' });
    expect(await flow.takeImage('front', await fixtureBlob('scene-1280x720-dark-table-empty.png'), 'file')).to.equal(false);
    expect(flow.photoCheck).to.deep.equal({ side: 'front', problems: ['no_document'], source: 'file', canUseAnyway: false });
    expect(notices.at(-1)).to.deep.equal({ type: 'photo_refused', check: flow.photoCheck });
    expect(flow.preparing).to.equal(false);
    expect(await flow.useRefusedPhoto(), 'not after the first refusal').to.equal(false);
    expect(await storedBlobs(), 'a refused photo is not stored').to.deep.equal([]);

    expect(await flow.takeImage('front', await fixtureBlob('tiny-licence-front.jpg'), 'file')).to.equal(false);
    expect(flow.photoCheck).to.deep.equal({ side: 'front', problems: ['too_small'], source: 'file', canUseAnyway: true });
    expect(stepOf(flow)).to.equal('capture');
    expect(await flow.useRefusedPhoto()).to.equal(true);
    expect(flow.photoCheck).to.equal(null);
    // The photo refused last is the one used: the 320×200 one.
    expect(flow.state!.captures.front).to.include({ width: 320, height: 200, source: 'file' });
    expect(stepOf(flow)).to.equal('review');
    await flow.saved();
    expect((await storage.scope(sessionId).loadState<FlowState>())?.captures.front?.width).to.equal(320);
    expect(await storedBlobs()).to.have.length(1);
  });

  it('prepares and keeps an image, runs the whole flow, and wipes the session before saying it finished', async () => {
    const { flow, notices, storage, sessionId } = await openFlow('pass');
    await until(flow, 'intro');
    flow.dispatch({ type: 'consented' });
    flow.dispatch({ type: 'document_chosen', documentType: 'passport', issuingCountry: 'US' });
    expect(await flow.takeImage('front', await fixtureBlob('passport.jpg'), 'file')).to.equal(true);
    const state = flow.state!;
    expect(state.step).to.deep.equal({ name: 'review', side: 'front' });
    const image = state.captures.front!;
    expect(image).to.include({ contentType: 'image/jpeg', source: 'file' });
    expect((await flow.imageBlob(image))?.size).to.equal(image.byteSize);

    flow.dispatch({ type: 'image_accepted' });
    await until(flow, 'result');
    expect(flow.state!.step).to.deep.equal({ name: 'result', outcome: 'passed' });
    expect(flow.progress.front).to.equal(100);
    const progress = notices.filter((n) => n.type === 'upload_progress');
    expect(progress.length).to.be.greaterThan(0);
    expect(notices.some((n) => n.type === 'submitting')).to.equal(true);

    await waitUntil(() => notices.some((n) => n.type === 'finished'), 'the finished notice', { timeout: 5000 });
    expect(notices.at(-1)).to.deep.equal({ type: 'finished', sessionId, outcome: 'passed' });
    const scope = storage.scope(sessionId);
    expect(await scope.loadState()).to.equal(null);
    expect(await scope.loadBlob(image.blobKey)).to.equal(null);
  });

  it('resumes a saved state, and runs no effect while its host is disconnected', async () => {
    const { flow, host, storage, sessionId, client } = await openFlow('pass');
    await until(flow, 'intro');
    host.disconnect();
    flow.dispatch({ type: 'consented' });
    await flow.saved();
    // Removed from the page, the controller lets go of the session (a reload or a remount takes it).
    await untilSessionFree(sessionId);

    // A second controller (a reload) opens where the first one was.
    const host2 = new BareHost();
    const resumed = new FlowController(host2);
    await resumed.open({ client, sessionId, storage });
    expect(resumed.elsewhere).to.equal(false);
    expect(stepOf(resumed)).to.equal('document');
    host2.disconnect();
    await untilSessionFree(sessionId);

    // A state saved as `starting` re-runs its effect only once the host connects.
    await storage.scope(sessionId).saveState({ ...initialState(sessionId) });
    const host3 = new BareHost();
    const third = new FlowController(host3);
    await third.open({ client, sessionId, storage });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stepOf(third)).to.equal('starting');
    host3.connect();
    await until(third, 'intro');
  });

  it('a second controller of a held session waits, and takes over when the first is removed', async () => {
    const { flow, host, storage, sessionId, client } = await openFlow('pass');
    await until(flow, 'intro');
    flow.dispatch({ type: 'consented' });
    const host2 = new BareHost();
    const second = new FlowController(host2);
    const notices: FlowNotice[] = [];
    second.listen((notice) => notices.push(notice));
    host2.connect();
    await second.open({ client, sessionId, storage });
    expect(second.elsewhere).to.equal(true);
    expect(second.state).to.equal(null);
    expect(notices.map((n) => n.type)).to.deep.equal(['elsewhere']);
    host.disconnect();
    await until(second, 'document');
    expect(second.elsewhere).to.equal(false);
  });

  it('deletes each photo from storage as soon as its upload is confirmed, long before the result', async () => {
    const { flow } = await openFlow('slow');
    await until(flow, 'intro');
    flow.dispatch({ type: 'consented' });
    flow.dispatch({ type: 'document_chosen', documentType: 'passport', issuingCountry: 'US' });
    await flow.takeImage('front', await fixtureBlob('passport.jpg'), 'file');
    expect(await storedBlobs()).to.have.length(1);
    flow.dispatch({ type: 'image_accepted' });
    await until(flow, 'verifying'); // the 'slow' scenario keeps the verification open for seconds
    await flow.saved();
    expect(flow.state!.captures.front, 'the capture is still described').to.not.equal(undefined);
    expect(await storedBlobs(), 'but its bytes are gone').to.deep.equal([]);
    expect(await flow.imageBlob(flow.state!.captures.front!)).to.equal(null);
  });

  it("runs the whole flow from memory when IndexedDB gives no answer (stuck behind another tab's write), and says so once", async () => {
    const unavailable: unknown[] = [];
    const storage = createWidgetStorage({
      onUnavailable: (error) => unavailable.push(error),
      lasting: (onFailure) => createRecordStore({ onFailure, answerWithinMs: 300 }),
    });
    // Held only while the flow opens: its first read gets no answer, and the store is not asked again.
    const release = await holdWidgetStore();
    let opened: Awaited<ReturnType<typeof openFlow>>;
    try {
      opened = await openFlow('pass', storage);
    } finally {
      release();
    }
    const { flow, notices, sessionId } = opened;
    await until(flow, 'intro');
    flow.dispatch({ type: 'consented' });
    flow.dispatch({ type: 'document_chosen', documentType: 'passport', issuingCountry: 'US' });
    expect(await flow.takeImage('front', await fixtureBlob('passport.jpg'), 'file')).to.equal(true);
    expect((await flow.imageBlob(flow.state!.captures.front!))?.type, 'the photo, from memory').to.equal('image/jpeg');
    await flow.saved();
    const sessionKeys = (await keys(widgetDatabase())).filter((key) => JSON.stringify(key).includes(sessionId));
    expect(sessionKeys, 'nothing of the session was asked of IndexedDB').to.deep.equal([]);
    flow.dispatch({ type: 'image_accepted' });
    await until(flow, 'result');
    expect(flow.state!.step).to.deep.equal({ name: 'result', outcome: 'passed' });
    await waitUntil(() => notices.some((n) => n.type === 'finished'), 'the finished notice', { timeout: 5000 });
    expect(unavailable.map(String)).to.deep.equal(["Error: IndexedDB gave no answer within 300 ms: the widget's storage counts as unavailable in this page."]);
  });

  it('closes: stops, ends on the outcome, wipes the session, and says so without a complete outcome', async () => {
    const { flow, notices, storage, sessionId } = await openFlow();
    await until(flow, 'intro');
    await flow.close('cancelled');
    expect(flow.state!.step).to.deep.equal({ name: 'result', outcome: 'cancelled' });
    expect(await storage.scope(sessionId).loadState()).to.equal(null);
    await waitUntil(() => notices.some((n) => n.type === 'finished'), 'finished');
  });
});
