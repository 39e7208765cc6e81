/** ISO 3166-1 alpha-2 codes of issuing countries; names come from the browser (`Intl.DisplayNames`) in the applicant's language. */
const CODES =
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW';

const CODE_LIST = CODES.split(' ');
const KNOWN = new Set(CODE_LIST);

export interface Country {
  code: string;
  name: string;
}

const named = new Map<string, Country[]>();

/** Every country, named and sorted for `lang` (computed once per language). */
export function countries(lang: string): Country[] {
  let list = named.get(lang);
  if (!list) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
    } catch {
      names = null;
    }
    list = CODE_LIST.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, lang));
    named.set(lang, list);
  }
  return list;
}

/** The country of `code` named for `lang`, or null when the code is not one of the list. */
export function countryByCode(lang: string, code: string | null): Country | null {
  return code ? (countries(lang).find((country) => country.code === code) ?? null) : null;
}

/**
 * A sensible first choice, from the applicant's language tag: its region where it names one
 * (fr-CA → CA, en-GB → GB), else the region its language is most likely used in (`Intl.Locale`'s
 * likely subtags: fr → FR, en → US, ar → EG, zh-Hant → TW; es-419 → ES); null when none is a country of the
 * list (a tag the browser cannot read), and the applicant types it.
 */
export function guessCountry(tag: string): string | null {
  const candidates: (string | undefined)[] = [];
  try {
    const locale = new Intl.Locale(tag);
    // The whole tag first (zh-Hant → TW), then its language alone (es-419, whose region is no country → ES).
    candidates.push(locale.region, locale.maximize().region, new Intl.Locale(locale.language).maximize().region);
  } catch {
    // Not a tag Intl reads: its second subtag, where that looks like a region.
    candidates.push(tag.split(/[-_]/)[1]?.toUpperCase());
  }
  return candidates.find((region): region is string => region !== undefined && KNOWN.has(region)) ?? null;
}

/**
 * The countries whose name matches what the applicant typed, best first: names that start with it,
 * then names with a word that starts with it, then the country whose code it is (US, GB). Case,
 * accents and the like are ignored the way the language compares ("é" finds "Égypte").
 */
export function searchCountries(lang: string, query: string): Country[] {
  const typed = query.trim();
  const list = countries(lang);
  if (!typed) return list;
  const collator = new Intl.Collator([lang, 'en'], { usage: 'search', sensitivity: 'base' });
  const startsWith = (text: string) => collator.compare(text.slice(0, typed.length), typed) === 0;
  const first: Country[] = [];
  const inside: Country[] = [];
  const byCode: Country[] = [];
  for (const country of list) {
    if (startsWith(country.name)) first.push(country);
    else if (wordStarts(country.name).some((start) => startsWith(country.name.slice(start)))) inside.push(country);
    else if (collator.compare(country.code, typed) === 0) byCode.push(country);
  }
  return [...first, ...inside, ...byCode];
}

/** The country whose name (or code) is exactly what was typed, as the language compares; null if none. */
export function exactCountry(lang: string, text: string): Country | null {
  const typed = text.trim();
  if (!typed) return null;
  const collator = new Intl.Collator([lang, 'en'], { usage: 'search', sensitivity: 'base' });
  const list = countries(lang);
  return list.find((country) => collator.compare(country.name, typed) === 0) ?? list.find((country) => collator.compare(country.code, typed) === 0) ?? null;
}

/** Where each word after the first begins (after a space, a hyphen, a bracket…). */
function wordStarts(name: string): number[] {
  const starts: number[] = [];
  for (let i = 1; i < name.length; i++) if (/[\s\-‐(),.’'/&]/u.test(name[i - 1]!) && !/[\s\-‐(),.’'/&]/u.test(name[i]!)) starts.push(i);
  return starts;
}
