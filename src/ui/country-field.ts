/**
 * The issuing country: a text field that filters the list of countries as the applicant types, an
 * editable combobox with list autocomplete as the ARIA Authoring Practices describe it
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): the focus stays in the field, arrows move
 * through the list (`aria-activedescendant`), Enter or a click chooses, Escape closes the list (or
 * clears the field when it is closed), and how many countries match is said in the element's live
 * region. The chosen code travels in a hidden `issuing_country` input, so the form reads it as it
 * read the former `<select>`.
 *
 * It keeps what the applicant typed between renders (the step renderers keep nothing), so the
 * element owns one and hands it to the document step. Until the applicant touches it, it shows the
 * country guessed from the language (countries.ts `guessCountry`), or the one chosen before.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { countries, countryByCode, exactCountry, searchCountries, type Country } from './countries.js';
import type { Strings } from './strings.js';

export interface CountryFieldOptions {
  /** The locale the names are in. */
  lang: string;
  strings: Strings;
  /** What the field shows until the applicant changes it: the country chosen before, or the guess. */
  initial: string | null;
}

const FIELD_ID = 'issuing-country';
const LIST_ID = 'issuing-country-list';
const HINT_ID = 'issuing-country-hint';
const optionId = (code: string) => `issuing-country-${code}`;

export class CountryField {
  /** The applicant changed the field: it no longer follows `initial`. */
  private touched = false;
  private code: string | null = null;
  /** What the applicant typed, until a country is chosen (then the field shows its name). */
  private typed: string | null = null;
  private open = false;
  /** The option the arrows are on, by index in the list shown; -1 for none. */
  private active = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly announce: (text: string) => void,
  ) {}

  /** Forgets the applicant's input (another session opened): the field follows `initial` again. */
  reset(): void {
    this.touched = false;
    this.code = null;
    this.typed = null;
    this.open = false;
    this.active = -1;
  }

  render({ lang, strings, initial }: CountryFieldOptions): TemplateResult {
    const t = strings.document;
    if (!this.touched) this.code = initial;
    const chosen = countryByCode(lang, this.code);
    const shown = this.shownList(lang);
    const activeCountry = this.open ? shown[this.active] : undefined;
    const noMatch = this.typed !== null && this.typed.trim() !== '' && shown.length === 0;

    const onInput = (event: InputEvent) => {
      const input = event.target as HTMLInputElement;
      this.touched = true;
      this.typed = input.value;
      // An exact name or code (typed, pasted, or filled in by the browser's autofill) is a choice already.
      this.code = exactCountry(lang, input.value)?.code ?? null;
      const matches = searchCountries(lang, input.value);
      this.open = input.value.trim() !== '' && matches.length > 0;
      this.active = -1;
      input.setCustomValidity(this.code || !input.value ? '' : t.countryInvalid);
      this.announce(input.value.trim() ? (matches.length ? t.countryMatches(matches.length) : t.countryNoMatch) : '');
      this.host.requestUpdate();
    };

    const onKeydown = (event: KeyboardEvent) => {
      const input = event.target as HTMLInputElement;
      const list = this.shownList(lang);
      switch (event.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          event.preventDefault();
          if (!this.open) {
            this.open = list.length > 0;
            // Alt+Down opens the list without moving in it; a plain arrow starts at the country shown, or at an end.
            const current = list.findIndex((country) => country.code === this.code);
            this.active = event.altKey ? -1 : current >= 0 ? current : event.key === 'ArrowDown' ? 0 : list.length - 1;
          } else if (list.length) {
            const step = event.key === 'ArrowDown' ? 1 : -1;
            this.active = this.active < 0 ? (step > 0 ? 0 : list.length - 1) : (this.active + step + list.length) % list.length;
          }
          this.host.requestUpdate();
          void this.scrollActiveIntoView(input);
          return;
        }
        case 'Enter': {
          const country = this.open ? list[this.active] : undefined;
          if (!country) return; // no option under the arrows: Enter submits the form, as in any field
          event.preventDefault();
          this.choose(input, country);
          return;
        }
        case 'Escape':
          if (this.open) {
            event.preventDefault();
            this.close();
          } else if (input.value) {
            event.preventDefault();
            this.touched = true;
            this.typed = '';
            this.code = null;
            input.setCustomValidity('');
            this.host.requestUpdate();
          }
          return;
        case 'Tab':
          this.close();
          return;
      }
    };

    const onClick = () => {
      // A tap or click on the field shows the list (phones have no arrow keys).
      if (this.open) return;
      const list = this.shownList(lang);
      this.open = list.length > 0;
      this.active = list.findIndex((country) => country.code === this.code);
      this.host.requestUpdate();
    };

    const onBlur = (event: FocusEvent) => {
      const input = event.target as HTMLInputElement;
      // Typed exactly: shown as the list names it. Anything else stays as typed, and invalid.
      if (this.code && this.typed !== null) this.typed = null;
      input.setCustomValidity(this.code || !input.value ? '' : t.countryInvalid);
      this.close();
    };

    return html`<label for=${FIELD_ID} id="${FIELD_ID}-label">${t.countryLabel}</label>
      <div class="country-field">
        <input
          id=${FIELD_ID}
          type="text"
          role="combobox"
          autocomplete="country"
          autocapitalize="words"
          spellcheck="false"
          required
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${LIST_ID}
          aria-activedescendant=${activeCountry ? optionId(activeCountry.code) : nothing}
          aria-describedby=${HINT_ID}
          .value=${live(this.typed ?? chosen?.name ?? '')}
          @input=${onInput}
          @keydown=${onKeydown}
          @click=${onClick}
          @blur=${onBlur}
        />
        <input type="hidden" name="issuing_country" .value=${live(this.code ?? '')} />
        <ul
          id=${LIST_ID}
          class="country-list"
          role="listbox"
          aria-labelledby="${FIELD_ID}-label"
          ?hidden=${!this.open}
          @mousedown=${(event: MouseEvent) => event.preventDefault() /* the field keeps the focus */}
        >
          ${
            this.open
              ? shown.map(
                  (country, index) =>
                    html`<li
                      id=${optionId(country.code)}
                      role="option"
                      data-code=${country.code}
                      aria-selected=${index === this.active ? 'true' : 'false'}
                      class=${country.code === this.code ? 'chosen' : ''}
                      @click=${(event: MouseEvent) => this.choose(fieldOf(event), country)}
                    >
                      ${country.name}
                    </li>`,
                )
              : nothing
          }
        </ul>
        ${noMatch ? html`<p class="country-none">${t.countryNoMatch}</p>` : nothing}
        <p class="muted country-hint" id=${HINT_ID}>${t.countryHint}</p>
      </div>`;
  }

  /** The countries the list shows: those matching what was typed, or all of them while the field shows a choice. */
  private shownList(lang: string): Country[] {
    return this.typed === null || this.typed.trim() === '' ? countries(lang) : searchCountries(lang, this.typed);
  }

  private choose(input: HTMLInputElement | null, country: Country): void {
    this.touched = true;
    this.code = country.code;
    this.typed = null;
    input?.setCustomValidity('');
    this.close();
    input?.focus();
  }

  private close(): void {
    if (!this.open && this.active < 0) return;
    this.open = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  /** After the render, the option under the arrows is scrolled into the list's view. */
  private async scrollActiveIntoView(input: HTMLInputElement): Promise<void> {
    await this.host.updateComplete;
    const id = input.getAttribute('aria-activedescendant');
    const option = id ? (input.getRootNode() as ShadowRoot | Document).getElementById(id) : null;
    option?.scrollIntoView({ block: 'nearest' });
  }
}

/** The field of the option clicked. */
function fieldOf(event: MouseEvent): HTMLInputElement | null {
  const root = (event.currentTarget as HTMLElement).getRootNode() as ShadowRoot | Document;
  return root.getElementById(FIELD_ID) as HTMLInputElement | null;
}
