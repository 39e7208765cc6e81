// The element speaks the applicant's language: every text on screen from the chosen table (none left
// in English), right to left where the language is, and a change of `lang` (the element's or the
// page's) followed at once.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait.js';
import '../../src/define.js';
import type { BelticVerify } from '../../src/index.js';
import { en } from '../../src/ui/i18n/en.js';
import { load } from '../../src/ui/languages.js';
import type { Strings } from '../../src/ui/strings.js';
import { timeLimit } from '../helpers/engines.js';
import {
  captureAndAccept,
  chooseDocument,
  chooseFile,
  consent,
  createSession,
  expectAccessible,
  fixtureBlob,
  mount,
  shadow,
  untilComplete,
  waitForStep,
} from '../helpers/widget.js';

/** Every English text of the table, and what its functions give for a few arguments: none may show in another language. */
function englishTexts(): Set<string> {
  const texts = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') texts.add(value.trim());
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(en);
  return new Set([...texts].filter((text) => text.length > 2));
}

/** The texts the applicant can see or hear in the element: text nodes, labels, alternatives. */
function shownTexts(element: BelticVerify): string[] {
  const root = element.shadowRoot!;
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text) texts.push(text);
  }
  for (const el of root.querySelectorAll('[aria-label], [alt], [placeholder], [title]')) {
    for (const name of ['aria-label', 'alt', 'placeholder', 'title']) {
      const value = el.getAttribute(name)?.trim();
      if (value) texts.push(value);
    }
  }
  return texts;
}

function expectNoEnglish(element: BelticVerify, state: string): void {
  const english = englishTexts();
  const left = shownTexts(element).filter((text) => english.has(text));
  expect(left, `English left on screen (${state})`).to.deep.equal([]);
}

async function headingIs(element: BelticVerify, text: string): Promise<void> {
  await waitUntil(() => element.shadowRoot!.querySelector('h2')?.textContent?.trim() === text, `heading "${text}"`, { timeout: 10000 });
}

// French (left to right) and Arabic (right to left) walk the whole flow; Hebrew, the other right-to-left table, shares
// Arabic's path here and is checked with every table for completeness (test/ui/languages.node.test.ts).
for (const lang of ['fr', 'ar']) {
  describe(`<beltic-verify lang="${lang}">`, function () {
    this.timeout(timeLimit(60000));

    it('shows every step of a verification in that language, in its direction, accessible', async () => {
      const strings: Strings = await load(lang);
      const session = await createSession({ scenario: 'pass' });
      const element = await mount(session, 'passport drivers_license');
      element.lang = lang;
      const complete = untilComplete(element);
      await waitForStep(element, 'intro');
      await headingIs(element, strings.intro.heading);
      const base = shadow(element, '[part=base]');
      expect(base.getAttribute('lang')).to.equal(lang);
      expect(base.getAttribute('dir')).to.equal(lang === 'fr' ? 'ltr' : 'rtl');
      expect(getComputedStyle(base).direction).to.equal(lang === 'fr' ? 'ltr' : 'rtl');
      expectNoEnglish(element, 'intro');
      await expectAccessible(element, `${lang} intro`);

      await consent(element);
      expectNoEnglish(element, 'document');
      await expectAccessible(element, `${lang} document`);

      await chooseDocument(element, 'passport');
      expectNoEnglish(element, 'capture');
      await expectAccessible(element, `${lang} capture`);

      await captureAndAccept(element, await fixtureBlob('passport.jpg'));
      await complete;
      await element.updateComplete;
      expectNoEnglish(element, 'result');
      await expectAccessible(element, `${lang} result`);
    });
  });
}

describe('<beltic-verify> language changes', function () {
  this.timeout(timeLimit(30000));

  it('follows a change of its own lang, and of the page’s when it has none', async () => {
    const [fr, de] = await Promise.all([load('fr'), load('de')]);
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    element.lang = 'fr';
    await waitForStep(element, 'intro');
    await headingIs(element, fr.intro.heading);
    element.lang = 'en';
    await headingIs(element, en.intro.heading);

    const pageLang = document.documentElement.getAttribute('lang');
    element.removeAttribute('lang');
    try {
      document.documentElement.setAttribute('lang', 'de');
      await headingIs(element, de.intro.heading);
      expect(shadow(element, '[part=base]').getAttribute('lang')).to.equal('de');
    } finally {
      if (pageLang === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', pageLang);
    }
  });

  it('a language without a table shows English, tagged as English for screen readers', async () => {
    const session = await createSession({ scenario: 'pass' });
    const element = await mount(session);
    element.lang = 'sw-KE';
    await waitForStep(element, 'intro');
    await headingIs(element, en.intro.heading);
    expect(shadow(element, '[part=base]').getAttribute('lang')).to.equal('en');
    expect(shadow(element, '[part=base]').getAttribute('dir')).to.equal('ltr');
  });
});

describe('<beltic-verify lang="ar">: the notices and the dialog, right to left', function () {
  this.timeout(timeLimit(60000));

  it('a refused photo, the cancel confirmation and a retry say it all in Arabic, and pass axe', async () => {
    await load('ar');
    const session = await createSession({ scenario: 'requires_retry' });
    const element = await mount(session, 'passport');
    element.lang = 'ar';
    await consent(element);
    await chooseDocument(element, 'passport');

    // An empty desk is refused before upload, with advice.
    await chooseFile(element, await fixtureBlob('scene-1280x720-light-desk-empty.png'));
    await waitUntil(() => element.shadowRoot!.querySelector('[part~=notice]'), 'the refusal notice', { timeout: 20000 });
    expectNoEnglish(element, 'photo refused');
    await expectAccessible(element, 'ar photo refused');

    // Cancel asks first.
    shadow<HTMLButtonElement>(element, 'button.cancel').click();
    await element.updateComplete;
    expect(shadow<HTMLDialogElement>(element, 'dialog.confirm').open).to.equal(true);
    expectNoEnglish(element, 'cancel confirmation');
    await expectAccessible(element, 'ar cancel confirmation');
    shadow<HTMLDialogElement>(element, 'dialog.confirm').close();
    await element.updateComplete;

    // The sandbox asks for a retry once: the reason, in Arabic.
    await captureAndAccept(element, await fixtureBlob('passport.jpg'));
    await waitUntil(() => element.shadowRoot!.querySelector('[part~=retry-notice]'), 'the retry notice', { timeout: 30000 });
    expectNoEnglish(element, 'retry');
    await expectAccessible(element, 'ar retry');
  });
});
