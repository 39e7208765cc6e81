/**
 * language-files.ts for the classic script (vite.config.ts puts this file in its place): the same
 * languages, loaded from the module build's files next to the script (dist/i18n/<lang>.js) with
 * `import()`, which a classic script may use too. Its names are the module one's (a Node test checks).
 */
import type { Strings } from './strings.js';

const NAMES: string[] = ['ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pl', 'pt', 'tr', 'zh'];

/** This script's URL (the classic build defines it): through a variable, so that Vite does not take `new URL(…, import.meta.url)` for an asset of its own to bundle. */
const script = import.meta.url;

export const LANGUAGE_FILES: Record<string, () => Promise<{ default: Strings }>> = Object.fromEntries(
  NAMES.map((name) => [name, () => import(/* @vite-ignore */ new URL(`../i18n/${name}.js`, script).href) as Promise<{ default: Strings }>]),
);
