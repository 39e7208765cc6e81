// The built files, not the sources: each loaded into a page with a strict CSP, Trusted Types
// required, and run through a whole verification against the sandbox. (`npm test` builds first
// when dist/ is missing.)
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import type { BelticVerify } from '../../src/index.js';
import { captureAndAccept, chooseDocument, consent, createSession, fixtureBlob, shadow, waitForStep } from '../helpers/widget.js';
import { licenceBackByCamera } from '../capture/camera-helpers.js';
import { recordedPage, rendered, STRICT_CSP, TRUSTED_TYPES, type RecordedPage } from '../helpers/recorded-page.js';
import { fetchedOk } from '../helpers/resources.js';
import { timeLimit } from '../helpers/engines.js';
import { styles } from '../../src/ui/styles.js';
import { laterStyles } from '../../src/ui/later-styles.js';

/** The README's: Trusted Types for scripts, with lit's policy and the widget's own (for its workers). */

const BUILDS = {
  classic: '<script src="/dist/cdn/beltic-verify.classic.js"></script>',
  module: '<script type="module" src="/dist/cdn/beltic-verify.js"></script>',
  // What an integrator's bundler picks up: the same code as the module build, lit and the other libraries bundled in.
  npm: '<script type="module" src="/dist/define.js"></script>',
};

/** The image worker of a built file (the picture worker's file) was fetched from the package's dist/assets and answered 200. */
async function workerLoaded(frame: HTMLIFrameElement): Promise<boolean> {
  return (await fetchedOk(frame.contentWindow!, /\/dist\/assets\/picture\.worker-[\w-]+\.js$/)).length > 0;
}

/**
 * Both camera workers' files of a built file were fetched from `dir`/assets and answered 200 (every build shares
 * dist/assets): the analysis worker's (picture.worker) and the barcode worker's.
 */
async function cameraWorkersLoaded(win: Window, dir: string): Promise<string[]> {
  const loaded = await fetchedOk(win, new RegExp(`${dir}/assets/(picture|barcode)\\.worker-[\\w-]+\\.js$`));
  return ['picture', 'barcode'].filter((name) => loaded.some((path) => path.includes(`/${name}.worker-`)));
}

type BuiltPage = RecordedPage;

/** Every script `entry` imports statically, with it, and the dynamic imports matching `dynamic`: absolute URLs (quoted either way: the build writes `import(`…`)`). */
async function scriptsReached(entry: string, dynamic: RegExp): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [new URL(entry, location.href).href];
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = await (await fetch(url)).text();
    for (const [, path] of code.matchAll(/(?:\bfrom|\bimport)\s*["'`]([^"'`]+\.js)["'`]/g)) queue.push(new URL(path!, url).href);
    for (const [, path] of code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) if (dynamic.test(path!)) queue.push(new URL(path!, url).href);
  }
  return [...seen];
}

/** A page under `csp` (the strict one by default) that loads one built file and holds one <beltic-verify> (test/helpers/recorded-page.ts). */
function pageWith(scriptTag: string, clientToken: string, csp = STRICT_CSP): Promise<BuiltPage> {
  return recordedPage(scriptTag, `client-token="${clientToken}"`, csp);
}

async function verifyPassport(element: BelticVerify): Promise<string> {
  const complete = oneEvent(element, 'beltic-verify-complete');
  await consent(element);
  await chooseDocument(element, 'passport');
  await captureAndAccept(element, await fixtureBlob('passport.jpg'));
  return ((await complete) as CustomEvent<{ status: string }>).detail.status;
}

describe('built files', function () {
  this.timeout(timeLimit(60000));

  it('the classic single-file build completes a flow on a plain page with a strict CSP', async () => {
    const session = await createSession({ scenario: 'pass' });
    const page = await pageWith(BUILDS.classic, session.client_token);
    await rendered(page);
    const { frame, element, violations, errors } = page;
    const win = frame.contentWindow as Window & { BelticVerify?: Record<string, unknown> };
    expect(win.BelticVerify?.BelticVerify, 'window.BelticVerify exposes the class').to.be.a('function');
    expect(element.hasAttribute('client-token')).to.equal(false);
    expect(await verifyPassport(element)).to.equal('passed');
    expect(await workerLoaded(frame), 'the image worker resolved from the classic script').to.equal(true);
    expect(violations).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    frame.remove();
  });

  it('the script-tag ES module build completes a flow with a strict CSP, loading its image pipeline on demand', async () => {
    const session = await createSession({ scenario: 'pass' });
    const page = await pageWith(BUILDS.module, session.client_token);
    await rendered(page);
    const { frame, element, violations, errors } = page;
    const scripts = () =>
      (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/dist/'));
    expect(
      scripts().some((e) => e.name.includes('/chunks/check-photo-')),
      'not loaded before a photo is chosen',
    ).to.equal(false);
    expect(await verifyPassport(element)).to.equal('passed');
    expect(
      scripts().some((e) => e.name.includes('/chunks/check-photo-')),
      'loaded once a photo was chosen',
    ).to.equal(true);
    expect(await workerLoaded(frame), 'the image worker resolved from the module').to.equal(true);
    expect(violations).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    frame.remove();
  });

  it('the script-tag ES module build fetches what follows the intro once the intro shows; where that fails, the next step says so and offers "Try again"', async () => {
    const session = await createSession({ scenario: 'pass' });
    // The page may run the first download, the signals and the flow, not the capture parts: a CSP listing those files alone.
    const allowed = await scriptsReached('/dist/cdn/beltic-verify.js', /signals-controller-|flow-parts-/);
    expect(allowed.some((url) => url.includes('/chunks/capture-parts-'))).to.equal(false);
    const scriptSrc = [...allowed, new URL('/test/built/page-recorder.js', location.href).href].join(' ');
    const page = await pageWith(BUILDS.module, session.client_token, STRICT_CSP.replace("script-src 'self'", `script-src ${scriptSrc}`));
    await rendered(page);
    // The intro, then its form sent by hand: the next step is never shown, so consent() would wait for it.
    await waitForStep(page.element, 'intro');
    shadow<HTMLInputElement>(page.element, 'input[name=consent]').click();
    shadow<HTMLButtonElement>(page.element, 'form button[type=submit]').click();
    await waitUntil(() => page.errors.some((error) => error.code === 'network'), 'the failed load was reported', { timeout: 10000 });
    expect(page.errors.find((error) => error.code === 'network')!.recoverable).to.equal(true);
    const notice = page.element.shadowRoot!.querySelector('[part~=notice]')!;
    expect(notice.textContent).to.include('Check your connection and try again');
    expect(notice.querySelector('button')!.textContent).to.equal('Try again');
    // The page hears of the refusal on its own schedule (Firefox: at times after the error event).
    await waitUntil(() => page.violations.some((violation) => violation.includes('/chunks/capture-parts-')), 'the CSP violation', { timeout: 10000 });
    page.frame.remove();
  });

  it('the script-tag ES module build paints without the flow\u2019s code; where that cannot be fetched, the element says so once and "Try again" fetches it again', async () => {
    const session = await createSession({ scenario: 'pass' });
    // The first download and the signals only.
    const allowed = await scriptsReached('/dist/cdn/beltic-verify.js', /signals-controller-/);
    expect(allowed.some((url) => url.includes('/chunks/flow-parts-'))).to.equal(false);
    const scriptSrc = [...allowed, new URL('/test/built/page-recorder.js', location.href).href].join(' ');
    const page = await pageWith(BUILDS.module, session.client_token, STRICT_CSP.replace("script-src 'self'", `script-src ${scriptSrc}`));
    await rendered(page);
    await waitUntil(() => page.errors.some((error) => error.code === 'network'), 'the failed load was reported', { timeout: 10000 });
    const notice = () => page.element.shadowRoot!.querySelector('[part~=notice]');
    await waitUntil(() => notice(), 'the notice is shown', { timeout: 10000 });
    expect(notice()!.getAttribute('role')).to.equal('alert');
    expect(notice()!.textContent).to.include('Check your connection and try again');
    // Nothing fetches it again by itself: one error, until the applicant asks.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(page.errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'network', recoverable: true }]);
    const tryAgain = notice()!.querySelector('button')!;
    expect(tryAgain.textContent).to.equal('Try again');
    tryAgain.click();
    await waitUntil(() => page.errors.length === 2, '"Try again" fetched it again (refused again here)', { timeout: 10000 });
    expect(page.errors[1]).to.include({ code: 'network', recoverable: true });
    await waitUntil(() => page.violations.some((violation) => violation.includes('/chunks/flow-parts-')), 'the CSP violation', { timeout: 10000 });
    page.frame.remove();
  });

  it('the script-tag ES module build, where the uploads\u2019 code cannot be fetched: the upload says so (network, recoverable) and offers "Try again"', async () => {
    const session = await createSession({ scenario: 'pass' });
    // Every script of the build but the submission's chunk (the uploads and the verification).
    const allowed = await scriptsReached('/dist/cdn/beltic-verify.js', /^(?!.*submission-)/);
    expect(allowed.some((url) => url.includes('/chunks/submission-'))).to.equal(false);
    const scriptSrc = [...allowed, new URL('/test/built/page-recorder.js', location.href).href].join(' ');
    const page = await pageWith(BUILDS.module, session.client_token, STRICT_CSP.replace("script-src 'self'", `script-src ${scriptSrc}`));
    await rendered(page);
    await consent(page.element);
    await chooseDocument(page.element, 'passport');
    await captureAndAccept(page.element, await fixtureBlob('passport.jpg'));
    await waitUntil(() => page.errors.some((error) => error.code === 'network'), 'the failed load was reported', { timeout: 10000 });
    expect(page.errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'network', recoverable: true }]);
    const notice = page.element.shadowRoot!.querySelector('[part~=notice]')!;
    expect(notice.textContent).to.include('Check your connection and try again');
    expect(notice.querySelector('button')!.textContent).to.equal('Try again');
    // The page hears of the refusal on its own schedule (Firefox: at times after the error event).
    await waitUntil(() => page.violations.some((violation) => violation.includes('/chunks/submission-')), 'the CSP violation', { timeout: 10000 });
    page.frame.remove();
  });

  it('the script-tag ES module build goes on without the signals where their file cannot be fetched, and says so once', async () => {
    const session = await createSession({ scenario: 'pass' });
    // Every script of the build but the signals' chunk.
    const allowed = await scriptsReached('/dist/cdn/beltic-verify.js', /^(?!.*signals-controller-)/);
    const scriptSrc = [...allowed, new URL('/test/built/page-recorder.js', location.href).href].join(' ');
    const page = await pageWith(BUILDS.module, session.client_token, STRICT_CSP.replace("script-src 'self'", `script-src ${scriptSrc}`));
    await rendered(page);
    expect(await verifyPassport(page.element)).to.equal('passed');
    expect(page.errors.filter((error) => error.code === 'signals_unavailable').map((error) => error.recoverable)).to.deep.equal([true]);
    page.frame.remove();
  });

  for (const [label, build, dir] of [
    ['classic single-file build', BUILDS.classic, '/dist'],
    ['script-tag ES module build', BUILDS.module, '/dist'],
    ['npm ESM build', BUILDS.npm, '/dist'],
  ] as const) {
    it(`the ${label} reads a licence back live, its camera workers loaded from the package's dist/assets under a strict CSP`, async () => {
      const session = await createSession({ scenario: 'pass' });
      const page = await pageWith(build, session.client_token);
      await rendered(page);
      const { frame, element, violations, errors } = page;
      const win = frame.contentWindow as Window & typeof globalThis;
      expect(await cameraWorkersLoaded(win, dir), 'no camera worker before the capture step').to.deep.equal([]);
      expect(Symbol.for('beltic-verify.worker-policy') in win, 'no Trusted Types policy of its own before a worker is needed').to.equal(false);
      expect(await licenceBackByCamera(element, win)).to.include('JANE SPECIMEN');
      expect(await cameraWorkersLoaded(win, dir)).to.deep.equal(['picture', 'barcode']);
      expect(violations).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
      frame.remove();
    });
  }

  for (const [label, build] of [
    ['classic single-file build', BUILDS.classic],
    ['script-tag ES module build', BUILDS.module],
    // This build runs its Trusted Types check from a chunk imported ahead of the one holding lit.
    ['npm ESM build', BUILDS.npm],
  ] as const) {
    it(`the ${label}, where the page lets lit create no Trusted Types policy, says so once and renders nothing`, async () => {
      const session = await createSession({ scenario: 'pass' });
      const csp = STRICT_CSP.replace(TRUSTED_TYPES, "require-trusted-types-for 'script'; trusted-types 'none'");
      const page = await pageWith(build, session.client_token, csp);
      await waitUntil(() => page.errors.length > 0, 'an error event', { timeout: 10000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(page.errors.map(({ code, recoverable }) => ({ code, recoverable }))).to.deep.equal([{ code: 'trusted_types_blocked', recoverable: false }]);
      expect(page.errors[0]!.message).to.include(TRUSTED_TYPES.split('; ')[1]!);
      expect(page.element.shadowRoot).to.equal(null);
      expect(page.violations).to.deep.equal(['trusted-types trusted-types-policy lit-html']);
      page.frame.remove();
    });
  }

  it('two copies of the widget on one page (script tag, then npm): the second one\u2019s lit is refused a duplicate policy, the first one renders and reads the licence back in its workers', async () => {
    const session = await createSession({ scenario: 'pass' });
    const page = await pageWith(`${BUILDS.classic}${BUILDS.npm}`, session.client_token);
    await rendered(page);
    const win = page.frame.contentWindow as Window & typeof globalThis & { BelticVerify?: { BelticVerify: unknown } };
    // The npm copy (a second lit) stopped at lit's own policy; the element is the classic build's.
    await waitUntil(() => page.violations.length > 0, 'the second lit refused', { timeout: 10000 });
    expect(win.customElements.get('beltic-verify')).to.equal(win.BelticVerify?.BelticVerify);
    expect(await licenceBackByCamera(page.element, win)).to.include('JANE SPECIMEN');
    expect(await cameraWorkersLoaded(win, '/dist')).to.deep.equal(['picture', 'barcode']);
    expect(page.violations).to.deep.equal(['trusted-types trusted-types-policy lit-html']);
    expect(page.errors, 'no trusted_types_blocked: the element works').to.deep.equal([]);
    page.frame.remove();
  });

  for (const build of ['classic', 'module'] as const) {
    it(`the ${build} build speaks French from dist/i18n/fr.js, fetched on demand under a strict CSP`, async () => {
      const session = await createSession({ scenario: 'pass' });
      const page = await recordedPage(BUILDS[build], `client-token="${session.client_token}" lang="fr"`);
      await rendered(page);
      const { frame, element, violations, errors } = page;
      await waitUntil(() => element.shadowRoot!.querySelector('h2')?.textContent?.includes('identité'), 'the French intro', { timeout: 10000 });
      expect(element.shadowRoot!.querySelector('[part=base]')!.getAttribute('lang')).to.equal('fr');
      expect(await fetchedOk(frame.contentWindow!, /\/dist\/i18n\/fr\.js$/), 'the French table, from the package').to.have.length(1);
      expect(await fetchedOk(frame.contentWindow!, /\/dist\/i18n\/(?!fr\.)/), 'no other language').to.deep.equal([]);
      expect(violations).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });
  }

  for (const build of ['classic', 'module'] as const) {
    it(`the ${build} build's stylesheet, its CSS compacted (scripts/compact-css-literals.ts), is the sources' rule for rule`, async () => {
      const session = await createSession({ scenario: 'pass' });
      const page = await pageWith(BUILDS[build], session.client_token);
      await rendered(page);
      // As the browser reads them: a custom property keeps its value as written, spaces after commas included.
      const rules = (sheet: CSSStyleSheet) => [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s*,\s*/g, ','));
      // The element's own, then the later steps' once the capture parts arrive (they load while the intro shows).
      const built = () => page.element.shadowRoot!.adoptedStyleSheets;
      await waitUntil(() => built().length === 2, 'the later steps\u2019 styles adopted', { timeout: 10000 });
      expect(built().map(rules)).to.deep.equal([styles, laterStyles].map((sheet) => rules(sheet.styleSheet!)));
      expect(built().map((sheet) => rules(sheet).length)).to.satisfy((counts: number[]) => counts.every((count) => count > 20));
      page.frame.remove();
    });
  }

  it('the npm ESM build registers the element, with the lit bundled in it', async () => {
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
});
