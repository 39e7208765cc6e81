/**
 * The worker files wherever the page hosts them: `assets-base` on the element (or `data-assets-base`
 * on the classic script tag) names their folder, and the workers start from there; a worker that
 * cannot start is said once (`worker_unavailable`, recoverable, with what is lost) and the flow
 * completes on the main thread. Each case is a fresh page (an iframe), as the setting is the page's.
 *
 * "Another folder" is test/element/hosted-assets, a link to the build's dist/assets: the files an
 * integrator copies next to their own bundle (`npm test` builds dist/ when it is missing).
 */
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import type { BelticVerify } from '../../src/index.js';
import { harness } from '../helpers/harness.js';
import { fetchedResources } from '../helpers/resources.js';
import { recordedPage, rendered, STRICT_CSP, type RecordedPage } from '../helpers/recorded-page.js';
import { captureAndAccept, chooseDocument, consent, createSession, fixtureBlob, shadow, waitForStep } from '../helpers/widget.js';
import { licenceBackByCamera } from '../capture/camera-helpers.js';
import { setAssetsBase } from '../../src/workers/assets.js';
import { WorkerClient } from '../../src/workers/client.js';
import { timeLimit } from '../helpers/engines.js';

const HOSTED = '/test/element/hosted-assets/';
/** The widget's sources, as the other browser tests load them (the pages that load them have no CSP: only the folder is wrong). */
const SOURCES = '<script type="module" src="/src/define.ts"></script>';
/** The built-file tests' strict CSP (test/built/builds.browser.test.ts), Trusted Types included. */

type Page = RecordedPage;

/** A page under `csp` loading `scripts`, with one rendered <beltic-verify> with `attributes` (test/helpers/recorded-page.ts). */
async function pageWith(scripts: string, attributes: string, csp = STRICT_CSP): Promise<Page> {
  const page = await recordedPage(scripts, attributes, csp);
  await rendered(page);
  return page;
}

/** The worker scripts the page fetched, by path, with their status. */
const workerFetches = (win: Window) => fetchedResources(win, /\.worker(-[\w-]+)?\.(js|ts)$/);

async function passport(element: BelticVerify): Promise<string> {
  const complete = oneEvent(element, 'beltic-verify-complete');
  await consent(element);
  await chooseDocument(element, 'passport');
  await captureAndAccept(element, await fixtureBlob('passport.jpg'));
  return ((await complete) as CustomEvent<{ status: string }>).detail.status;
}

describe('<beltic-verify> worker files hosted elsewhere', function () {
  this.timeout(timeLimit(60000));
  // A test that failed before removing its page leaves it running (its camera, its main-thread work): the next test would pay for it.
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  for (const [label, scripts, attribute] of [
    ['the npm build, with assets-base on the element', '<script type="module" src="/dist/define.js"></script>', `assets-base="${HOSTED}"`],
    [
      'the classic build, with data-assets-base on its script tag',
      `<script src="/dist/cdn/beltic-verify.classic.js" data-assets-base="${HOSTED}"></script>`,
      '',
    ],
  ] as const) {
    it(`${label}: the workers start from that folder, and a licence's back is read live in its worker (strict CSP, Trusted Types)`, async () => {
      const session = await createSession({ scenario: 'pass' });
      const page = await pageWith(scripts, `${attribute} client-token="${session.client_token}"`);
      expect(await licenceBackByCamera(page.element, page.win)).to.include('JANE SPECIMEN');
      await waitForStep(page.element, 'review');
      const fetched = await workerFetches(page.win);
      for (const name of ['picture', 'barcode']) {
        // The picture worker file starts the camera's analysis worker and an image worker per photo (one that could not
        // start would be a worker_unavailable error, and there is none).
        const statuses = fetched.filter(({ path }) => path.startsWith(`${HOSTED}${name}.worker-`)).map(({ status }) => status);
        expect(statuses, `the ${name} worker, from the hosted folder`).to.have.length.greaterThan(0);
        expect(statuses.every((status) => status === 200)).to.equal(true);
      }
      expect(
        fetched.filter(({ path }) => !path.startsWith(HOSTED)),
        'no worker from anywhere else',
      ).to.deep.equal([]);
      expect(page.violations).to.deep.equal([]);
      expect(page.errors).to.deep.equal([]);
      page.frame.remove();
    });
  }

  it('a wrong assets-base: the flow completes on the main thread, and worker_unavailable is fired once, recoverable, saying what is lost', async () => {
    const session = await createSession({ scenario: 'pass' });
    const page = await pageWith(SOURCES, `assets-base="/nowhere/" client-token="${session.client_token}"`, '');
    let analysisInWorker: boolean | null = null;
    page.element.addEventListener('beltic-verify-step-change', (event) => {
      if ((event as CustomEvent<{ step: string }>).detail.step === 'review') analysisInWorker = harness(page.element).camera.workers.analysis?.inWorker ?? null;
    });
    expect(await passport(page.element)).to.equal('passed');
    expect(analysisInWorker, 'frames measured on the main thread').to.equal(false);
    expect(page.errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'worker_unavailable', recoverable: true }]);
    const [error] = page.errors;
    // The first worker to fail is the one named: the camera's analysis worker, or the image worker when the
    // passport's preparation starts first (both from picture.worker.ts); either says what runs on the main thread instead.
    expect(error!.message)
      .to.match(/\/nowhere\/picture\.worker\.ts.*(measured|prepared) on the main thread/)
      .and.include('assets-base');
    page.frame.remove();
  });

  it('a licence with a wrong assets-base: the barcode is not read live (said once), the back taken by the shutter, the flow completes', async function () {
    // Everything on the main thread, a 1080p back among it: what a loaded WebKit needs (camera-helpers.ts).
    this.timeout(timeLimit(120000));
    const session = await createSession({ scenario: 'pass' });
    const page = await pageWith(SOURCES, `assets-base="/nowhere" client-token="${session.client_token}"`, '');
    const { element, win } = page;
    const complete = oneEvent(element, 'beltic-verify-complete');
    expect(await licenceBackByCamera(element, win, { shutter: true }), 'nothing read').to.equal('');
    shadow<HTMLButtonElement>(element, '.actions button:not(.secondary)').click();
    expect(((await complete) as CustomEvent<{ status: string }>).detail.status).to.equal('passed');
    expect(page.errors.map(({ code }) => code)).to.deep.equal(['worker_unavailable']);
    // "/nowhere" is a folder: the files are looked for inside it. The first worker to fail is the one named:
    // the camera's, or the image worker when the front's preparation starts first.
    expect(page.errors[0]!.message).to.match(new RegExp(`from ${location.origin}/nowhere/(picture|barcode)\\.worker\\.ts \\(not found there`));
    page.frame.remove();
  });

  it('an assets-base on another origin: the browser will not start a worker from there, and worker_unavailable says so', async () => {
    const session = await createSession({ scenario: 'pass' });
    const other = new URL(location.href);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const base = new URL('/dist/assets/', other).href;
    const page = await pageWith(SOURCES, `assets-base="${base}" client-token="${session.client_token}"`, '');
    expect(await passport(page.element)).to.equal('passed');
    expect(page.errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'worker_unavailable', recoverable: true }]);
    expect(page.errors[0]!.message).to.include(other.origin).and.include("another origin than the page's");
    page.frame.remove();
  });

  it("a bundle whose import.meta is empty (esbuild's iife format): the worker URL, relative to nothing, resolves in the assets-base folder", async () => {
    // What esbuild makes of the built call site (test/element/assets-bundlers.node.test.ts checks it does):
    // `new URL(new URL("../assets/<file>", import_meta.url).href, "" + import_meta.url)` with `import_meta = {}`.
    const importMeta: { url?: string } = {};
    const owner = {};
    const client = new WorkerClient<unknown, unknown>({
      create: (Worker) => new Worker(new URL(new URL('../assets/picture.worker.ts', importMeta.url).href, `${importMeta.url}`), { type: 'module' }),
      fallback: () => Promise.reject(new Error('the fallback must not be needed')),
    });
    setAssetsBase('/src/', owner);
    try {
      client.warm();
      await waitUntil(() => client.inWorker === true, 'the worker started from /src/', { timeout: 10000 });
    } finally {
      client.terminate();
      setAssetsBase(null, owner);
    }
    // Without a folder there is nothing to resolve it against: the worker cannot start (said as worker_unavailable).
    const without = new WorkerClient<number, number>({
      create: (Worker) => new Worker(new URL(new URL('../assets/picture.worker.ts', importMeta.url).href, `${importMeta.url}`), { type: 'module' }),
      fallback: async () => (n: number) => ({ body: n + 1 }),
    });
    expect(await without.request(1)).to.equal(2);
    expect(without.inWorker).to.equal(false);
    expect(URL.name, 'URL is the page\u2019s own again').to.equal('URL');
    expect(new URL('https://example.com/').constructor).to.equal(URL);
  });
});
