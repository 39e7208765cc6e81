// Every language table against the English one: the same keys and shapes, every word translated
// (an identical text must be listed as meant), and the built-in list the same for both builds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { en } from '../../src/ui/i18n/en.js';
import { LANGUAGE_FILES } from '../../src/ui/language-files.js';
import { languageFor, translations } from '../../src/ui/languages.js';
import type { Strings } from '../../src/ui/strings.js';

/** Texts a language writes as English does, on purpose (names, formats, numbers). */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = { nl: ['capture.camera.viewfinder'] };

/** Sample arguments for the table's functions, by their English result's parameter count. */
const SAMPLE_ARGUMENTS: Record<number, unknown[]> = { 0: [], 1: ['front'], 2: ['front', 42], 3: ['passport', 'Passport', 'front'] };

type Leaf = { path: string; value: string | ((...args: unknown[]) => string) };

function leaves(value: unknown, path = ''): Leaf[] {
  if (typeof value === 'string' || typeof value === 'function') return [{ path, value: value as Leaf['value'] }];
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, path ? `${path}.${key}` : key));
  throw new Error(`${path}: unexpected ${typeof value}`);
}

async function table(lang: string): Promise<Strings> {
  return (await LANGUAGE_FILES[lang]!()).default;
}

const languages = Object.keys(LANGUAGE_FILES);

describe('language tables', () => {
  it('there are at least twelve besides English, Arabic and Hebrew among them', () => {
    assert.ok(languages.length >= 12, `${languages.length} languages: ${languages.join(', ')}`);
    assert.ok(languages.includes('ar') && languages.includes('he'));
  });

  it('every file in src/ui/i18n is listed, and the classic build lists the same languages', () => {
    const files = readdirSync(new URL('../../src/ui/i18n/', import.meta.url))
      .map((name) => name.replace(/\.ts$/, ''))
      .filter((name) => name !== 'en');
    assert.deepEqual([...languages].sort(), files.sort());
    const classic = readFileSync(new URL('../../src/ui/language-files.classic.ts', import.meta.url), 'utf8');
    const names = JSON.parse(/const NAMES: string\[\] = (\[[^\]]*\])/.exec(classic)![1]!.replace(/'/g, '"')) as string[];
    assert.deepEqual([...names].sort(), [...languages].sort());
  });

  for (const lang of languages) {
    it(`${lang}: the same keys and shapes as English, and every text translated`, async () => {
      const translated = new Map(leaves(await table(lang)).map((leaf) => [leaf.path, leaf.value]));
      const english = leaves(en);
      assert.deepEqual([...translated.keys()].sort(), english.map((leaf) => leaf.path).sort(), 'the same keys');
      const allowed = new Set(SAME_AS_ENGLISH[lang] ?? []);
      for (const { path, value } of english) {
        const other = translated.get(path)!;
        assert.equal(typeof other, typeof value, `${path}: a ${typeof value}`);
        const args = typeof value === 'function' ? SAMPLE_ARGUMENTS[value.length] : [];
        if (!args) throw new Error(`${path}: no sample arguments for ${(value as () => string).length} parameters`);
        const englishText = typeof value === 'function' ? value(...args) : value;
        const text = typeof other === 'function' ? other(...args) : other;
        assert.equal(typeof text, 'string', `${path} gives a text`);
        assert.ok(text.trim().length > 0, `${path} is not empty`);
        if (text === englishText) assert.ok(allowed.has(path), `${path} is still English: "${text}"`);
      }
    });
  }

  it('a tag gets its own table, then its base language, then English; right to left for Arabic and Hebrew', () => {
    assert.deepEqual(languageFor('fr-CA'), { table: 'fr', locale: 'fr-CA', dir: 'ltr' });
    assert.equal(languageFor('ar-EG').dir, 'rtl');
    assert.equal(languageFor('he').dir, 'rtl');
    assert.deepEqual(languageFor('sw-KE'), { table: 'en', locale: 'en', dir: 'ltr' });
    assert.deepEqual(languageFor('en-GB'), { table: 'en', locale: 'en-GB', dir: 'ltr' });
    assert.ok(translations.en === en);
  });
});
