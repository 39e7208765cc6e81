// The pure parts of the screens that lead somewhere: the country search and its first guess, the
// continue-url check, and the step count (the element's own tests: test/element/screens.browser.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REQUIRED_SIDES } from '../../src/api/contract.js';
import { countries, exactCountry, guessCountry, searchCountries } from '../../src/ui/countries.js';
import { continueHref } from '../../src/ui/continue-url.js';
import { photoSide } from '../../src/ui/photo-side.js';
import { stepPosition } from '../../src/ui/step-progress.js';

describe('the issuing country', () => {
  it('is first guessed from the tag’s region, else from the language’s likely region, else not at all', () => {
    const guesses = Object.fromEntries(
      ['fr-CA', 'en-GB', 'en', 'fr', 'de', 'ja', 'he', 'pt-BR', 'es-419', 'zh-Hant', 'C', 'x'].map((tag) => [tag, guessCountry(tag)]),
    );
    assert.deepEqual(guesses, {
      'fr-CA': 'CA',
      'en-GB': 'GB',
      en: 'US',
      fr: 'FR',
      de: 'DE',
      ja: 'JP',
      he: 'IL',
      'pt-BR': 'BR',
      'es-419': 'ES',
      'zh-Hant': 'TW',
      C: null,
      x: null,
    });
  });

  it('is searched by the start of its name or of a word in it, then by its code, whatever the case and accents', () => {
    const codes = (lang: string, query: string) => searchCountries(lang, query).map((country) => country.code);
    assert.deepEqual(codes('en', 'united'), ['AE', 'GB', 'US']);
    assert.deepEqual(codes('en', 'kingdom'), ['GB']);
    assert.deepEqual(codes('en', 'REUNION'), ['RE']);
    assert.deepEqual(codes('fr', 'egypte'), ['EG']);
    assert.deepEqual(codes('en', 'gb'), ['GB']);
    assert.deepEqual(codes('en', 'zzz'), []);
    assert.equal(searchCountries('en', '  ').length, countries('en').length);
  });

  it('is chosen by typing its exact name or code, nothing less', () => {
    assert.equal(exactCountry('en', 'united states')?.code, 'US');
    assert.equal(exactCountry('en', ' Us ')?.code, 'US');
    assert.equal(exactCountry('fr', 'allemagne')?.code, 'DE');
    assert.equal(exactCountry('en', 'united'), null);
    assert.equal(exactCountry('en', ''), null);
  });
});

describe('continue-url', () => {
  const base = 'https://shop.example/checkout/verify';
  it('links http(s) URLs, absolute or relative to the page', () => {
    assert.equal(continueHref('/done?x=1', base), 'https://shop.example/done?x=1');
    assert.equal(continueHref('next', base), 'https://shop.example/checkout/next');
    assert.equal(continueHref(' http://other.example/a ', base), 'http://other.example/a');
  });
  it('refuses anything else', () => {
    for (const value of [
      '',
      '   ',
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,hi',
      'vbscript:x',
      'blob:https://shop.example/1',
      'http://[bad',
    ]) {
      assert.equal(continueHref(value, base), null, value);
    }
  });
});

describe('step n of m', () => {
  it('counts the intro, the choice, one step per side and the check; the result is not a step', () => {
    const passport = REQUIRED_SIDES.passport;
    const licence = REQUIRED_SIDES.drivers_license;
    assert.deepEqual(stepPosition({ name: 'intro' }, passport), { step: 1, total: 4 });
    assert.deepEqual(stepPosition({ name: 'document' }, licence), { step: 2, total: 5 });
    assert.deepEqual(stepPosition({ name: 'capture', side: 'front' }, passport), { step: 3, total: 4 });
    assert.deepEqual(stepPosition({ name: 'review', side: 'back' }, licence), { step: 4, total: 5 });
    assert.deepEqual(stepPosition({ name: 'verifying', verificationId: 'v' }, licence), { step: 5, total: 5 });
    assert.deepEqual(stepPosition({ name: 'uploading' }, passport), { step: 4, total: 4 });
    // After a retry about the back, the back is taken first: it is step 3.
    assert.deepEqual(stepPosition({ name: 'capture', side: 'back' }, ['back', 'front']), { step: 3, total: 5 });
    assert.equal(stepPosition({ name: 'starting' }, licence), null);
    assert.equal(stepPosition({ name: 'result', outcome: 'passed' }, licence), null);
  });

  it('a passport’s front is its photo page, every other side is itself', () => {
    assert.equal(photoSide('passport', 'front'), 'photo_page');
    assert.equal(photoSide('drivers_license', 'front'), 'front');
    assert.equal(photoSide('national_id', 'back'), 'back');
    assert.equal(photoSide(null, 'front'), 'front');
  });
});
