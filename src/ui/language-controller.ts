/**
 * The element's language: which table of words it shows, in which direction, and the locale its
 * dates and country names are formatted for. It follows the element's `lang`, else the nearest
 * ancestor's (the page's `<html lang>` is watched, so a page that switches language is followed), else
 * the browser's. A built-in table not yet loaded is fetched; until it arrives the element keeps
 * showing the words it showed (none at first: never a flash of another language).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { languageFor, load, readyStrings, type Language } from './languages.js';
import type { Strings } from './strings.js';

export class LanguageController implements ReactiveController {
  private shown: { language: Language; strings: Strings } | null = null;
  private observer: MutationObserver | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof MutationObserver !== 'function') return;
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  /** The language asked for now (its table may still be loading). */
  get wanted(): Language {
    return languageFor(this.tag());
  }

  /** The language and words to render with: the wanted ones when ready, else those shown before (null at first). */
  current(): { language: Language; strings: Strings } | null {
    const language = this.wanted;
    const strings = readyStrings(language.table);
    if (strings) return (this.shown = { language, strings });
    void load(language.table).then(() => this.host.requestUpdate());
    return this.shown;
  }

  /** The well-formed tag asked for, whatever table it gets (fr-CA, even while French has none): the document step guesses the country from its region. */
  askedTag(): string {
    return this.tag();
  }

  private tag(): string {
    const host = this.host;
    // Server rendering (lit's DOM shim) has no `lang` property, no ancestors to ask, and no applicant's browser.
    if (typeof host.closest !== 'function') return host.getAttribute('lang') || 'en';
    const lang = host.lang || host.closest('[lang]')?.getAttribute('lang') || navigator.language;
    return wellFormedLanguage(lang) ?? 'en';
  }
}

/**
 * `tag` when it is a well-formed BCP 47 language tag, else null. The Intl formatters the widget uses
 * (country names, dates read from a barcode) throw a RangeError on anything else: a page's lang="fr_FR",
 * or the "C" a browser started without a locale reports as navigator.language (WebKitGTK does).
 */
function wellFormedLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}
