import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { parseAamva, type AamvaFields } from '../../src/document/aamva.js';
import { CANADIAN_LICENCE, EXPIRED_LICENCE, LICENCE, PAYLOADS, buildAamva, type BuildAamvaOptions, type LicenceFields } from '../fixtures/payload.js';

/** What the parser must extract from a payload built from `fields`. */
function expectedFields(fields: LicenceFields, extra: { version: number | null; document_type?: AamvaFields['document_type'] }): AamvaFields {
  return {
    first_name: fields.first_name,
    middle_name: fields.middle_name,
    last_name: fields.last_name,
    birth_date: fields.birth_date,
    document_number: fields.document_number,
    expiry_date: fields.expiry_date,
    issue_date: fields.issue_date,
    sex: fields.sex,
    address: { ...fields.address },
    jurisdiction: fields.address.administrative_area,
    document_type: extra.document_type ?? 'drivers_license',
    version: extra.version,
  };
}

const parse = (fields: LicenceFields, options: BuildAamvaOptions) => parseAamva(buildAamva(fields, options));

describe('parseAamva: versions', () => {
  for (const version of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`reads a version ${version} payload back into the source fields`, () => {
      assert.deepEqual(parse(LICENCE, { version }), expectedFields(LICENCE, { version }));
    });
  }

  it('reads DL/ID-2000 (v1) names from DAA "LAST,FIRST,MIDDLE" and dates as MMDDCCYY', () => {
    const text = buildAamva(LICENCE, { version: 1 });
    assert.match(text, /DAASPECIMEN,JANE,QUINN/);
    assert.match(text, /DBB01151990/);
    assert.doesNotMatch(text, /DCG/, 'v1 has no country element: the country comes from the jurisdiction');
    const fields = parseAamva(text)!;
    assert.equal(fields.address.country_code, 'US');
    assert.equal(fields.version, 1);
  });

  it('reads v2/v3 given names from DCT, comma- or space-separated', () => {
    assert.match(buildAamva(LICENCE, { version: 2 }), /DCTJANE,QUINN/);
    assert.match(buildAamva(LICENCE, { version: 3 }), /DCTJANE QUINN/);
    for (const version of [2, 3]) {
      const fields = parse(LICENCE, { version })!;
      assert.deepEqual([fields.first_name, fields.middle_name, fields.last_name], ['JANE', 'QUINN', 'SPECIMEN']);
    }
  });

  it('reads the payloads printed on the fixture images', () => {
    assert.deepEqual(parseAamva(PAYLOADS.licence.text), expectedFields(LICENCE, { version: 10 }));
    assert.deepEqual(parseAamva(PAYLOADS['expired-licence'].text), expectedFields(EXPIRED_LICENCE, { version: 8 }));
  });
});

describe('parseAamva: Canada', () => {
  it('reads CCYYMMDD dates when the country is CAN', () => {
    const text = buildAamva(CANADIAN_LICENCE, { version: 9 });
    assert.match(text, /DBB19851130/);
    assert.deepEqual(parseAamva(text), expectedFields(CANADIAN_LICENCE, { version: 9 }));
  });

  it('still reads CCYYMMDD dates when the country element is missing (year-first is unambiguous)', () => {
    const fields = parse(CANADIAN_LICENCE, { version: 9, omit: ['DCG'] })!;
    assert.equal(fields.birth_date, '1985-11-30');
    assert.equal(fields.expiry_date, '2032-11-30');
    assert.equal(fields.address.country_code, 'CA', 'inferred from the province ON');
  });

  it('keeps the Canadian postal code', () => {
    assert.equal(parse(CANADIAN_LICENCE, { version: 9 })!.address.postal_code, 'K1A0B1');
  });
});

describe('parseAamva: tolerance', () => {
  it('accepts CRLF line breaks', () => {
    const text = buildAamva(LICENCE, { version: 10, lineBreak: '\r\n', jurisdictionSubfile: true });
    assert.match(text, /\r\nDAC/);
    assert.deepEqual(parseAamva(text), expectedFields(LICENCE, { version: 10 }));
  });

  it('accepts CR-only line breaks (keyboard-wedge scanners)', () => {
    const text = buildAamva(LICENCE, { version: 8 }).replace(/\n/g, '\r');
    assert.deepEqual(parseAamva(text), expectedFields(LICENCE, { version: 8 }));
  });

  it('finds the subfile itself when the header offsets and count are wrong', () => {
    const text = buildAamva(LICENCE, { version: 10, header: 'garbled', jurisdictionSubfile: true });
    assert.match(text, /DL0000/);
    assert.deepEqual(parseAamva(text), expectedFields(LICENCE, { version: 10 }));
  });

  it('reads element lines when there is no header at all (version unknown)', () => {
    const text = buildAamva(LICENCE, { version: 8 });
    const headerless = text.slice(text.indexOf('DLDCA'));
    assert.deepEqual(parseAamva(headerless), expectedFields(LICENCE, { version: null }));
  });

  it('reads a payload whose compliance prefix was stripped by the scanner', () => {
    // The AAMVA compliance prefix is "@", LF, RS (0x1e), CR: control characters on purpose.
    const text = buildAamva(LICENCE, { version: 10 }).replace(/^@\n\x1e\r/, ''); // eslint-disable-line no-control-regex
    assert.equal(parseAamva(text)?.document_number, LICENCE.document_number);
  });

  it('returns null for each missing element and keeps the rest', () => {
    const fields = parse(LICENCE, { version: 10, omit: ['DAD', 'DBD', 'DAK', 'DAG', 'DBC'] })!;
    assert.equal(fields.middle_name, null);
    assert.equal(fields.issue_date, null);
    assert.equal(fields.address.postal_code, null);
    assert.equal(fields.address.line1, null);
    assert.equal(fields.sex, null);
    assert.equal(fields.first_name, 'JANE');
    assert.equal(fields.expiry_date, LICENCE.expiry_date);
  });

  it('treats NONE as an absent middle name', () => {
    const fields = parse({ ...LICENCE, middle_name: null }, { version: 10 })!;
    assert.match(buildAamva({ ...LICENCE, middle_name: null }, { version: 10 }), /DADNONE/);
    assert.equal(fields.middle_name, null);
  });

  it('reports an ID card subfile as id_card', () => {
    assert.equal(parse(LICENCE, { version: 10, subfile: 'ID' })!.document_type, 'id_card');
  });

  it('trims ZIP+4 zero padding, keeps a real +4', () => {
    assert.equal(parse(LICENCE, { version: 10 })!.address.postal_code, '23219');
    assert.equal(parse({ ...LICENCE, address: { ...LICENCE.address, postal_code: '232191234' } }, { version: 10 })!.address.postal_code, '23219-1234');
  });

  it('maps sex codes 1/2/9 and the letters of old cards', () => {
    assert.equal(parse({ ...LICENCE, sex: 'male' }, { version: 10 })!.sex, 'male');
    assert.equal(parse({ ...LICENCE, sex: 'unspecified' }, { version: 10 })!.sex, 'unspecified');
    assert.equal(parseAamva(buildAamva(LICENCE, { version: 1 }).replace('DBC2', 'DBCF'))!.sex, 'female');
  });

  it('returns null for an impossible date rather than inventing one', () => {
    const text = buildAamva(LICENCE, { version: 10 }).replace('DBB01151990', 'DBB13451990');
    assert.equal(parseAamva(text)!.birth_date, null);
  });

  it('reads a "FIRST MIDDLE LAST" DAA', () => {
    const text = buildAamva(LICENCE, { version: 1 }).replace('DAASPECIMEN,JANE,QUINN', 'DAAJANE QUINN SPECIMEN');
    const fields = parseAamva(text)!;
    assert.deepEqual([fields.first_name, fields.middle_name, fields.last_name], ['JANE', 'QUINN', 'SPECIMEN']);
  });
});

describe('parseAamva: not AAMVA', () => {
  const notAamva: Record<string, string> = {
    empty: '',
    prose: 'hello world, this is not a licence',
    url: 'https://example.com/?DAQ=1',
    json: '{"DAQ":"D123","DCS":"X"}',
    'one element line': 'DAQD12345678',
    'random bytes': String.fromCharCode(...Array.from({ length: 400 }, (_, i) => (i * 7919) % 256)),
    'boarding pass': 'M1SPECIMEN/JANE       EABC123 SFOJFKDL 0123 045Y012A0001 100',
  };
  for (const [name, text] of Object.entries(notAamva)) {
    it(`returns null for ${name}`, () => assert.equal(parseAamva(text), null));
  }

  it('returns null for a non-string', () => {
    assert.equal(parseAamva(undefined as unknown as string), null);
  });
});

describe('parseAamva: privacy', () => {
  it('never writes the payload (or anything) to the console', () => {
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const spies = methods.map((method) => mock.method(console, method, () => {}));
    try {
      for (const version of [1, 3, 8, 10]) parse(LICENCE, { version, header: 'garbled', lineBreak: '\r\n' });
      parseAamva('garbage');
      parseAamva(PAYLOADS.licence.text.slice(0, 60));
    } finally {
      for (const spy of spies) spy.mock.restore();
    }
    assert.equal(
      spies.reduce((calls, spy) => calls + spy.mock.callCount(), 0),
      0,
    );
  });
});
