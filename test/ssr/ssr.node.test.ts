/**
 * The widget where there is no DOM: a server importing it (Next.js, Astro, a test runner), with
 * Node's default conditions and with the `browser` condition (as a bundler resolving for browsers
 * does), never throws and leaves no stand-in DOM behind; lit's server renderer (@lit-labs/ssr, as
 * Astro and @lit-labs/nextjs use it) renders the element's first state.
 *
 * Each import runs in a process of its own: conditions are chosen per process, and a module is
 * evaluated once per process. The built files are tested too when there is a build (dist/).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

const SOURCES = ['src/index.ts', 'src/define.ts'];
const BUILT = ['dist/index.js', 'dist/define.js'];
const CONDITIONS = [[], ['--conditions=browser']] as const;

interface Imported {
  exports: string[];
  /** What the process's globals hold after the import: no stand-in DOM may stay. */
  after: { HTMLElement: string; document: string; window: string };
  /** Whether <beltic-verify> was registered (under the default conditions lit's node build brings a registry). */
  registered: boolean | null;
}

/** Imports `file` in a fresh Node process with `flags`; resolves with what it saw, or rejects with the child's error. */
async function importIn(file: string, flags: readonly string[]): Promise<Imported> {
  const url = pathToFileURL(resolve(ROOT, file)).href;
  const code = `
    const module = await import(${JSON.stringify(url)});
    const registry = globalThis.customElements;
    console.log(JSON.stringify({
      exports: Object.keys(module).sort(),
      after: { HTMLElement: typeof HTMLElement, document: typeof document, window: typeof window },
      registered: registry ? Boolean(registry.get('beltic-verify')) : null,
    }));`;
  const loader = file.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const { stdout } = await run(process.execPath, [...loader, ...flags, '--input-type=module', '-e', code], { cwd: ROOT });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Imported;
}

describe('importing the widget where there is no DOM', () => {
  for (const file of [...SOURCES, ...BUILT]) {
    for (const flags of CONDITIONS) {
      const label = `${file} with ${flags.length ? flags.join(' ') : 'the default conditions'}`;
      const skip = !existsSync(resolve(ROOT, file)) && 'no build in dist/';
      it(`${label}: does not throw, and leaves no DOM stand-in behind`, { skip }, async () => {
        const imported = await importIn(file, flags);
        assert.ok(imported.exports.includes('BelticVerify'), `exports: ${imported.exports.join(', ')}`);
        assert.deepEqual(imported.after, { HTMLElement: 'undefined', document: 'undefined', window: 'undefined' });
        // From the sources, lit's node build registers into its own shim registry; under `browser` there
        // is no registry, and nothing is registered (the built files bundle lit's browser build: none either).
        if (file === 'src/define.ts') assert.equal(imported.registered, flags.length ? null : true);
        if (file.startsWith('dist/')) assert.equal(imported.registered, null);
      });
    }
  }
});

describe("lit's server renderer (@lit-labs/ssr)", () => {
  it("renders the element's first state, the words the applicant sees before the token", async () => {
    const { render } = await import('@lit-labs/ssr');
    const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html } = await import('lit');
    await import('../../src/define.js');
    const out = await collectResult(render(html`<beltic-verify api-base="/beltic" document-types="passport"></beltic-verify>`));
    assert.match(out, /<beltic-verify[^>]*api-base="\/beltic"/);
    assert.match(out, /<template shadowroot="open" shadowrootmode="open">/);
    assert.match(out, /Waiting for the verification to be set up…/);
    assert.match(out, /role="status"/);
    // The element asked nothing of a DOM that is not there, and left none behind.
    assert.equal(typeof document, 'undefined');
    assert.equal(typeof HTMLElement, 'undefined');
  });

  it('renders in the language of its own lang attribute (there are no ancestors to ask on a server)', async () => {
    const { render } = await import('@lit-labs/ssr');
    const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html } = await import('lit');
    const { translations } = await import('../../src/index.js');
    await import('../../src/define.js');
    translations['x-test'] = { ...translations.en!, waitingForToken: 'x-test: waiting' };
    try {
      const out = await collectResult(render(html`<beltic-verify lang="x-test"></beltic-verify>`));
      assert.match(out, /x-test: waiting/);
    } finally {
      delete translations['x-test'];
    }
  });

  it('renders with litSsrCallConnectedCallback set: the element does not connect its browser parts on a server', async () => {
    const { render } = await import('@lit-labs/ssr');
    const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html } = await import('lit');
    await import('../../src/define.js');
    const global = globalThis as { litSsrCallConnectedCallback?: boolean };
    global.litSsrCallConnectedCallback = true;
    try {
      const out = await collectResult(render(html`<beltic-verify api-base="/beltic"></beltic-verify>`));
      assert.match(out, /Waiting for the verification to be set up…/);
    } finally {
      delete global.litSsrCallConnectedCallback;
    }
  });

  for (const file of BUILT.filter((built) => built.includes('define'))) {
    it(`renders the built ${file} too`, { skip: !existsSync(resolve(ROOT, file)) && 'no build in dist/' }, async () => {
      const url = pathToFileURL(resolve(ROOT, file)).href;
      const code = `
        const { render } = await import('@lit-labs/ssr');
        const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
        const { html } = await import('lit');
        await import(${JSON.stringify(url)});
        console.log(await collectResult(render(html\`<beltic-verify api-base="/beltic"></beltic-verify>\`)));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT });
      assert.match(stdout, /Waiting for the verification to be set up…/);
    });
  }
});
