/**
 * Parser for the AAMVA DL/ID card payload (the PDF417 on the back of North American driver
 * licences and ID cards; AAMVA Card Design Standard, Annex D).
 *
 * Pure and synchronous: it runs in the barcode worker and in the sandbox's verification
 * engine. The payload is personal data: this module never logs it, and errors never quote it.
 *
 * Real cards deviate from the standard (wrong header offsets, CRLF line breaks from
 * keyboard-wedge scanners, missing elements), so the parser trusts structure only as far as
 * it checks out and otherwise falls back to scanning element lines.
 */

export interface AamvaFields {
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  /** YYYY-MM-DD */
  birth_date: string | null;
  document_number: string | null;
  /** YYYY-MM-DD */
  expiry_date: string | null;
  /** YYYY-MM-DD */
  issue_date: string | null;
  sex: 'male' | 'female' | 'unspecified' | null;
  address: {
    line1: string | null;
    locality: string | null;
    administrative_area: string | null;
    postal_code: string | null;
    /** ISO 3166-1 alpha-2 */
    country_code: string | null;
  };
  /**
   * The jurisdiction code of the card. The payload names the issuer only through its IIN, so
   * this is the address jurisdiction (DAJ), which is the issuer's for every genuine card.
   */
  jurisdiction: string | null;
  document_type: 'drivers_license' | 'id_card' | null;
  /** AAMVA version from the header (1–10), null when the header is unreadable. */
  version: number | null;
}

interface AamvaHeader {
  iin: string;
  version: number;
  /** Where the header ends (the first subfile cannot start before this). */
  end: number;
  subfiles: Array<{ type: string; offset: number; length: number }>;
}

/** "ANSI " (or the DL/ID-2000 "AAMVA") file type, IIN (6 digits), version (2 digits). */
const HEADER_START = /(?:ANSI ?|AAMVA)(\d{6})(\d{2})/;
const DESIGNATOR = /^([A-Z]{2})(\d{4})(\d{4})/;
/** A DL/ID element: three letters starting with D (Annex D.12). Jurisdiction elements start with Z. */
const ELEMENT_LINE = /^D[A-Z]{2}/;
const DOCUMENT_SUBFILES = ['DL', 'ID'] as const;
/** Elements that only an AAMVA payload carries; a headerless text needs several of them. */
const IDENTIFYING_ELEMENTS = ['DAQ', 'DCS', 'DAC', 'DCT', 'DAA', 'DAB', 'DBB', 'DBA', 'DBD', 'DAG', 'DAK'];
const MIN_ELEMENTS_WITHOUT_HEADER = 3;
const LINE_BREAK = /\r\n|\n|\r/;

export function parseAamva(text: string): AamvaFields | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const header = readHeader(text);
  const start = findDocumentSubfile(text, header);
  const elements = start ? readElementLines(text.slice(start.index + 2), { stopAtForeignLine: true }) : readElementLines(text, { stopAtForeignLine: false });

  const identifying = IDENTIFYING_ELEMENTS.filter((id) => elements.has(id)).length;
  if (identifying === 0 || (!header && identifying < MIN_ELEMENTS_WITHOUT_HEADER)) return null;

  return toFields(elements, header, start?.type ?? null);
}

function readHeader(text: string): AamvaHeader | null {
  // Tolerate a stripped or mangled compliance prefix ("@\n\x1e\r"), but only near the start.
  const match = HEADER_START.exec(text.slice(0, 32));
  if (!match) return null;
  const version = Number(match[2]);
  const afterVersion = match.index + match[0].length;

  // Version 1 has no jurisdiction-version field; some v1 encoders add it anyway. Prefer the
  // layout that is actually followed by subfile designators.
  const layouts = version >= 2 ? [4, 2] : [2, 4];
  for (const fieldLength of layouts) {
    const numbers = text.slice(afterVersion, afterVersion + fieldLength);
    if (!/^\d+$/.test(numbers)) continue;
    const declared = Number(numbers.slice(-2));
    const subfiles = readDesignators(text, afterVersion + fieldLength, declared);
    if (subfiles.length > 0) {
      return { iin: match[1]!, version, end: afterVersion + fieldLength + subfiles.length * 10, subfiles };
    }
  }
  return { iin: match[1]!, version, end: afterVersion, subfiles: [] };
}

function readDesignators(text: string, from: number, declared: number): AamvaHeader['subfiles'] {
  const subfiles: AamvaHeader['subfiles'] = [];
  // The declared count is not trusted (it is wrong on some cards): read while designators parse.
  const limit = Math.max(declared, 1) + 8;
  for (let at = from; subfiles.length < limit; at += 10) {
    const match = DESIGNATOR.exec(text.slice(at, at + 10));
    if (!match) break;
    subfiles.push({ type: match[1]!, offset: Number(match[2]), length: Number(match[3]) });
  }
  return subfiles;
}

/** Finds the DL or ID subfile: at its declared offset when that checks out, else by search. */
function findDocumentSubfile(text: string, header: AamvaHeader | null): { index: number; type: 'DL' | 'ID' } | null {
  const isSubfileAt = (index: number, type: string) => text.startsWith(type, index) && ELEMENT_LINE.test(text.slice(index + 2, index + 5));

  for (const designator of header?.subfiles ?? []) {
    const type = designator.type as 'DL' | 'ID';
    if (!DOCUMENT_SUBFILES.includes(type)) continue;
    if (isSubfileAt(designator.offset, type)) return { index: designator.offset, type };
  }
  // Offsets are off on some cards (and shift when line breaks were rewritten): search instead,
  // after the header so that the designators themselves ("DL00410278") are not mistaken for it.
  const searchFrom = header?.end ?? 0;
  const found = /(DL|ID)(?=D[A-Z]{2})/.exec(text.slice(searchFrom));
  if (!found) return null;
  return { index: searchFrom + found.index, type: found[1] as 'DL' | 'ID' };
}

/**
 * Reads "IDvalue" lines. Any line-break style is accepted, since keyboard-wedge scanners and
 * copy-paste turn LF into CRLF or CR. Inside a located subfile, the first line that is not a
 * DL/ID element (a jurisdiction subfile "ZV…") ends it; without one, such lines are skipped.
 */
function readElementLines(text: string, options: { stopAtForeignLine: boolean }): Map<string, string> {
  const elements = new Map<string, string>();
  for (const rawLine of text.split(LINE_BREAK)) {
    // A headerless payload still starts its first element with the subfile type. Control characters
    // (the header's separators) and '@' in front of it are stripped.
    // eslint-disable-next-line no-control-regex
    const line = rawLine.replace(/^[\x00-\x1f@]+/, '').replace(/^(?:DL|ID)(?=D[A-Z]{2})/, '');
    if (line.length === 0) continue;
    if (!ELEMENT_LINE.test(line)) {
      if (options.stopAtForeignLine) break;
      continue;
    }
    const id = line.slice(0, 3);
    if (!elements.has(id)) elements.set(id, line.slice(3).trim());
  }
  return elements;
}

function toFields(elements: Map<string, string>, header: AamvaHeader | null, subfile: 'DL' | 'ID' | null): AamvaFields {
  const value = (id: string) => nonEmpty(elements.get(id));
  const jurisdiction = value('DAJ')?.toUpperCase() ?? null;
  const country = countryCode(value('DCG'), jurisdiction);
  const dateOrder: DateOrder = country === 'CA' || country === 'MX' ? 'year-first' : 'month-first';
  const date = (id: string) => parseDate(value(id), dateOrder);
  const names = parseNames(elements);

  return {
    first_name: names.first,
    middle_name: names.middle,
    last_name: names.last,
    birth_date: date('DBB'),
    document_number: value('DAQ'),
    expiry_date: date('DBA'),
    issue_date: date('DBD'),
    sex: parseSex(value('DBC')),
    address: {
      line1: value('DAG'),
      locality: value('DAI'),
      administrative_area: jurisdiction,
      postal_code: parsePostalCode(value('DAK')),
      country_code: country,
    },
    jurisdiction,
    document_type: subfile === 'DL' ? 'drivers_license' : subfile === 'ID' ? 'id_card' : null,
    version: header?.version ?? null,
  };
}

function nonEmpty(raw: string | undefined): string | null {
  const trimmed = raw?.trim();
  return trimmed ? trimmed : null;
}

/** Placeholders jurisdictions write when a name part does not exist. */
const ABSENT_NAME = /^(?:NONE|UNAVL|UNAVAIL|UNKNOWN|N\/A|NA)$/i;

function namePart(raw: string | null | undefined): string | null {
  const trimmed = raw?.trim();
  return trimmed && !ABSENT_NAME.test(trimmed) ? trimmed : null;
}

interface Names {
  first: string | null;
  middle: string | null;
  last: string | null;
}

/**
 * Version 4+ has separate DCS/DAC/DAD; versions 2–3 put the given names in DCT; DL/ID-2000
 * (version 1) has the full name in DAA ("LAST,FIRST,MIDDLE") or DAB/DAC/DAD.
 */
function parseNames(elements: Map<string, string>): Names {
  const given = splitGivenNames(elements.get('DCT'));
  const full = splitFullName(elements.get('DAA'));
  return {
    first: namePart(elements.get('DAC')) ?? given.first ?? full.first,
    middle: namePart(elements.get('DAD')) ?? given.middle ?? full.middle,
    last: namePart(elements.get('DCS')) ?? namePart(elements.get('DAB')) ?? full.last,
  };
}

function splitGivenNames(raw: string | undefined): Omit<Names, 'last'> {
  const parts = (raw ?? '')
    .split(/[,$]|\s+/)
    .map(namePart)
    .filter((part): part is string => part !== null);
  return { first: parts[0] ?? null, middle: parts.length > 1 ? parts.slice(1).join(' ') : null };
}

function splitFullName(raw: string | undefined): Names {
  const trimmed = raw?.trim() ?? '';
  if (!trimmed) return { first: null, middle: null, last: null };
  if (/[,$]/.test(trimmed)) {
    const [last, first, ...middle] = trimmed.split(/[,$]/).map((part) => part.trim());
    return { last: namePart(last), first: namePart(first), middle: namePart(middle.join(' ')) };
  }
  // Some DL/ID-2000 cards write "FIRST MIDDLE LAST".
  const words = trimmed.split(/\s+/);
  if (words.length === 1) return { first: null, middle: null, last: namePart(words[0]) };
  return { first: namePart(words[0]), middle: namePart(words.slice(1, -1).join(' ')), last: namePart(words.at(-1)) };
}

type DateOrder = 'month-first' | 'year-first';

/**
 * AAMVA dates are MMDDCCYY in the USA and CCYYMMDD in Canada (and before version 3, always
 * MMDDCCYY). The preferred order comes from the country; the other is tried when the first
 * gives no valid date, which also rescues cards whose country element is missing. The two
 * readings cannot both be valid: a year 19xx/20xx in front is no month, and a month in front
 * would be a year before 1300.
 */
function parseDate(raw: string | null, preferred: DateOrder): string | null {
  const digits = raw?.replace(/\D/g, '') ?? '';
  if (digits.length !== 8) return null;
  const readings: Record<DateOrder, [string, string, string]> = {
    'month-first': [digits.slice(4, 8), digits.slice(0, 2), digits.slice(2, 4)],
    'year-first': [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)],
  };
  const order: DateOrder[] = preferred === 'month-first' ? ['month-first', 'year-first'] : ['year-first', 'month-first'];
  for (const reading of order) {
    const [year, month, day] = readings[reading];
    if (isValidDate(Number(year), Number(month), Number(day))) return `${year}-${month}-${day}`;
  }
  return null;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseSex(raw: string | null): AamvaFields['sex'] {
  switch (raw?.toUpperCase()) {
    case '1':
    case 'M':
      return 'male';
    case '2':
    case 'F':
      return 'female';
    case '9':
    case 'X':
    case 'U':
      return 'unspecified';
    default:
      return null;
  }
}

/** DAK is 11 characters: US ZIP+4 padded with zeros ("232190000  "), or a Canadian code. */
function parsePostalCode(raw: string | null): string | null {
  if (!raw) return null;
  const compact = raw.replace(/\s+/g, ' ').trim();
  const zip = /^(\d{5})-?(\d{4})?$/.exec(compact);
  if (zip) return zip[2] && zip[2] !== '0000' ? `${zip[1]}-${zip[2]}` : zip[1]!;
  return compact || null;
}

const CANADIAN_JURISDICTIONS = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
const COUNTRY_CODES: Record<string, string> = { USA: 'US', CAN: 'CA', MEX: 'MX' };

/** DCG is ISO alpha-3; DL/ID-2000 cards lack it, so fall back to the jurisdiction code. */
function countryCode(raw: string | null, jurisdiction: string | null): string | null {
  const code = raw?.toUpperCase();
  if (code && COUNTRY_CODES[code]) return COUNTRY_CODES[code];
  if (code && /^[A-Z]{2}$/.test(code)) return code;
  if (jurisdiction && CANADIAN_JURISDICTIONS.has(jurisdiction)) return 'CA';
  if (jurisdiction && /^[A-Z]{2}$/.test(jurisdiction)) return 'US';
  return null;
}
