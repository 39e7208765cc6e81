/**
 * Lets the widget's modules be imported where there is no DOM: Node, a server renderer, a test
 * runner. Evaluated before lit (the first import of workers/trusted-types.ts, itself the element's
 * first import and, in the npm build, a chunk of its own imported ahead of the element's).
 *
 * lit comes in two builds. Its `node` build (Node's default conditions, lit installed as a package)
 * brings its own DOM shim (`@lit-labs/ssr-dom-shim`). Its browser build (the `browser` condition,
 * or lit bundled into the widget's built files) extends `HTMLElement` and makes a
 * `document.createTreeWalker` while its modules are evaluated, and reads `CSSStyleSheet` when a
 * class is prepared (its styles): all missing in Node, so the import threw. Here, where there is no
 * DOM, and only while lit is evaluated and the element's class prepared:
 * - `HTMLElement` is lit's own shim class where it can be found (the very class lit's node build
 *   extends where there is none; taken synchronously, through Node's `require`, from beside lit),
 *   so both builds extend the same class and lit's server renderer works as it would without this
 *   module; elsewhere an empty class, enough to be extended;
 * - `document` is what lit's node build uses in its place, `{ createTreeWalker: () => ({}) }`;
 * - `CSSStyleSheet`, an empty class, only while `done(prepare)` prepares the element's class (so
 *   that no lit evaluated meanwhile takes it for a real one).
 * `done`, called by the element's module once lit is evaluated and its class defined, takes them
 * all away again: no other code of the process sees a DOM that is not there. In a browser nothing
 * here runs.
 */

type Globals = { HTMLElement?: unknown; document?: unknown; CSSStyleSheet?: unknown };

/** Whether there was no DOM when the widget was imported (and stand-ins were put in place). */
const withoutDom = typeof HTMLElement === 'undefined' && typeof document === 'undefined';

/** What this module put on `globalThis`, to be taken away again. */
const placed: (keyof Globals)[] = [];

if (withoutDom) {
  place('HTMLElement', litDomShim()?.HTMLElement ?? class HTMLElement {});
  place('document', { createTreeWalker: () => ({}) });
}

function place(name: keyof Globals, value: unknown): void {
  const global = globalThis as Globals;
  if (global[name] !== undefined) return;
  global[name] = value;
  placed.push(name);
}

/** lit's DOM shim, from where lit resolves it, or null outside Node (or where it cannot be found). */
function litDomShim(): { HTMLElement: unknown } | null {
  try {
    const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
    const module = nodeProcess?.getBuiltinModule?.('node:module') as { createRequire(from: string): NodeRequire } | undefined;
    if (!module) return null;
    // From this file to lit, from lit to its reactive-element, from there to the shim it imports:
    // each step as the package manager laid it out (a strict layout has no hoisted copies).
    const lit = module.createRequire(import.meta.url).resolve('lit');
    const reactiveElement = module.createRequire(lit).resolve('@lit/reactive-element');
    return module.createRequire(reactiveElement)('@lit-labs/ssr-dom-shim') as { HTMLElement: unknown };
  } catch {
    return null;
  }
}

/**
 * lit is evaluated and the element's class defined: where there is no DOM, `prepare` (lit preparing
 * the class, which reads its styles) runs now, with the stand-ins, and then every stand-in goes.
 */
export function done(prepare: () => void): void {
  if (!withoutDom) return;
  try {
    place('CSSStyleSheet', class CSSStyleSheet {});
    prepare();
  } finally {
    const global = globalThis as Globals;
    for (const name of placed.splice(0)) delete global[name];
  }
}
