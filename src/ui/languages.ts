/**
 * Which table of words a language tag gets, and loading it. English is bundled; every other
 * built-in language is a module of its own (src/ui/i18n/), fetched the first time an element asks
 * for it, so the first download does not grow with the number of languages.
 *
 * `translations` holds the tables ready to use: English, the built-in ones once loaded, and any an
 * integrator adds (`translations['x-pirate'] = {...}`), which win over a built-in one of the same tag.
 */
import { en } from './i18n/en.js';
import { LANGUAGE_FILES } from './language-files.js';
import type { Strings } from './strings.js';

export const translations: Record<string, Strings> = { en };

/** The languages written right to left (base subtags). */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

export interface Language {
  /** The key of the table in `translations`: the tag itself, its base language, or 'en'. */
  table: string;
  /** The tag that dates and country names are formatted for: the page's, unless its language has no table (then English, like the words). */
  locale: string;
  dir: 'ltr' | 'rtl';
}

/** The table a well-formed BCP 47 tag gets: exact, then its base language, then English. */
export function languageFor(tag: string): Language {
  const lower = tag.toLowerCase();
  const base = lower.split('-')[0] ?? '';
  const table = [lower, base].find((key) => key in translations || key in LANGUAGE_FILES) ?? 'en';
  const locale = table === 'en' && base !== 'en' ? 'en' : tag;
  return { table, locale, dir: RIGHT_TO_LEFT.has(table.split('-')[0]!) ? 'rtl' : 'ltr' };
}

/** The table, when it is ready; null while a built-in one is still to be loaded (`load`). */
export function readyStrings(table: string): Strings | null {
  return translations[table] ?? null;
}

const loading = new Map<string, Promise<Strings>>();

/** Loads a built-in table (once, however many elements ask); English if it cannot be loaded (offline, blocked). */
export function load(table: string): Promise<Strings> {
  const ready = translations[table];
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(table);
  if (!pending) {
    pending = LANGUAGE_FILES[table]!().then(
      (loaded) => (translations[table] ??= loaded.default),
      () => {
        loading.delete(table);
        return en;
      },
    );
    loading.set(table, pending);
  }
  return pending;
}

/** The built-in languages, English first. */
export function builtInLanguages(): string[] {
  return ['en', ...Object.keys(LANGUAGE_FILES)];
}
