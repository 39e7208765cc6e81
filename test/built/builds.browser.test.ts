// The built files, not the sources: each loaded into a page with a strict CSP and run through a
// whole verification against the sandbox. (`npm test` builds first when dist/ is missing.)
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { BelticVerify } from '../../src/index.js';
import { captureAndAccept, chooseDocument, consent, createSession, currentStep, fixtureBlob, shadow, waitForStep } from '../helpers/widget.js';
import { CanvasCamera } from '../capture/camera-helpers.js';

const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'";

/** The image worker of a built file was fetched from next to the script and answered 200. */
function workerLoaded(frame: HTMLIFrameElement): boolean {
  const entries = frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  return entries.some((e) => /\/dist\/cdn\/assets\/image\.worker-[\w-]+\.js$/.test(e.name) && e.responseStatus === 200);
}

/** Both camera workers of a built file were fetched from `dir` (next to the script) and answered 200. */
function cameraWorkersLoaded(win: Window, dir: string): string[] {
  const entries = win.performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  return ['analysis', 'barcode'].filter((name) =>
    entries.some((e) => new RegExp(`${dir}/assets/${name}\\.worker-[\\w-]+\\.js$`).test(e.name) && e.responseStatus === 200),
  );
}

/**
 * A US licence: the front from a file, the back from the camera (a canvas showing a readable
 * back, in place of the page's getUserMedia), taken by itself once the built barcode worker
 * reads it. Resolves with what the review step says was read.
 */
async function licenceBackByCamera(element: BelticVerify, win: Window): Promise<string> {
  const camera = new CanvasCamera(1280, 720, win).install();
  try {
    await consent(element);
    await chooseDocument(element, 'drivers_license', 'US');
    await captureAndAccept(element, await fixtureBlob('licence-front.jpg'));
    await waitUntil(() => currentStep(element) === 'capture', 'the back', { timeout: 10000 });
    await camera.show('camera-1280x720-skew0-scale60-normal.png');
    await waitForStep(element, 'review', 30000);
    await waitUntil(() => element.shadowRoot!.querySelector('.reading'), 'what was read');
    return shadow(element, '.reading').textContent!;
  } finally {
    camera.dispose();
  }
}

/** A same-origin page under a strict CSP that loads one built file and holds one <beltic-verify>. */
async function pageWith(scriptTag: string, clientToken: string): Promise<{ frame: HTMLIFrameElement; element: BelticVerify; violations: string[] }> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '900px';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">${scriptTag}</head>
    <body><beltic-verify api-base="/beltic" client-token="${clientToken}"></beltic-verify></body></html>`;
  const violations: string[] = [];
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  win.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  await waitUntil(() => win.customElements.get('beltic-verify'), 'the built file registered <beltic-verify>', { timeout: 10000 });
  const element = win.document.querySelector('beltic-verify') as BelticVerify;
  return { frame, element, violations };
}

async function verifyPassport(element: BelticVerify): Promise<string> {
  const complete = oneEvent(element, 'beltic-verify-complete');
  await consent(element);
  await chooseDocument(element, 'passport');
  await captureAndAccept(element, await fixtureBlob('passport.jpg'));
  return ((await complete) as CustomEvent<{ status: string }>).detail.status;
}

describe('built files', function () {
  this.timeout(60000);

  it('the classic single-file build completes a flow on a plain page with a strict CSP', async () => {
    const session = await createSession({ scenario: 'pass' });
    const { frame, element, violations } = await pageWith('<script src="/dist/cdn/beltic-verify.classic.js"></script>', session.client_token);
    const win = frame.contentWindow as Window & { BelticVerify?: Record<string, unknown> };
    expect(win.BelticVerify?.BelticVerify, 'window.BelticVerify exposes the class').to.be.a('function');
    expect(element.hasAttribute('client-token')).to.equal(false);
    expect(await verifyPassport(element)).to.equal('passed');
    expect(workerLoaded(frame), 'the image worker resolved next to the classic script').to.equal(true);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('the script-tag ES module build completes a flow with a strict CSP, loading its image pipeline on demand', async () => {
    const session = await createSession({ scenario: 'pass' });
    const { frame, element, violations } = await pageWith('<script type="module" src="/dist/cdn/beltic-verify.js"></script>', session.client_token);
    const scripts = () =>
      (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/dist/cdn/'));
    expect(scripts().some((e) => e.name.includes('prepare-image')), 'not loaded before a photo is chosen').to.equal(false);
    expect(await verifyPassport(element)).to.equal('passed');
    expect(scripts().some((e) => e.name.includes('prepare-image')), 'loaded once a photo was chosen').to.equal(true);
    expect(workerLoaded(frame), 'the image worker resolved next to the module').to.equal(true);
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  for (const [label, scriptTag] of [
    ['classic single-file build', '<script src="/dist/cdn/beltic-verify.classic.js"></script>'],
    ['script-tag ES module build', '<script type="module" src="/dist/cdn/beltic-verify.js"></script>'],
  ] as const) {
    it(`the ${label} reads a licence back live, its camera workers loaded next to the script under a strict CSP`, async () => {
      const session = await createSession({ scenario: 'pass' });
      const { frame, element, violations } = await pageWith(scriptTag, session.client_token);
      const win = frame.contentWindow as Window & typeof globalThis;
      expect(cameraWorkersLoaded(win, '/dist/cdn'), 'no camera worker before the capture step').to.deep.equal([]);
      expect(await licenceBackByCamera(element, win)).to.include('JANE SPECIMEN');
      expect(cameraWorkersLoaded(win, '/dist/cdn')).to.deep.equal(['analysis', 'barcode']);
      expect(violations).to.deep.equal([]);
      frame.remove();
    });
  }

  it('the npm ESM build registers the element with lit resolved by the page', async () => {
    const module = (await import('/dist/define.js' as string)) as { BelticVerify: CustomElementConstructor };
    expect(customElements.get('beltic-verify')).to.equal(module.BelticVerify);
    const session = await createSession({ scenario: 'pass' });
    const element = document.createElement('beltic-verify') as BelticVerify;
    element.setAttribute('api-base', '/beltic');
    element.clientToken = session.client_token;
    document.body.append(element);
    expect(await verifyPassport(element)).to.equal('passed');
    element.remove();
  });

  it('the npm ESM build reads a licence back live with its bundled barcode worker', async () => {
    await import('/dist/define.js' as string);
    const session = await createSession({ scenario: 'pass' });
    const element = document.createElement('beltic-verify') as BelticVerify;
    element.setAttribute('api-base', '/beltic');
    element.clientToken = session.client_token;
    document.body.append(element);
    try {
      expect(await licenceBackByCamera(element, window)).to.include('JANE SPECIMEN');
      // The worker is one self-contained file: a worker cannot resolve the page's bare imports.
      expect(cameraWorkersLoaded(window, '/dist')).to.deep.equal(['analysis', 'barcode']);
    } finally {
      element.remove();
    }
  });
});
