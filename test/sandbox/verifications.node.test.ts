import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPIRED_LICENCE, LICENCE } from '../fixtures/payload.js';
import { fixture, harness, LICENCE_FILES, PROFILE, type Harness } from './helpers.js';

// `extracted` and reading a document by id are exts: asserted where served. In the docs profile the
// declared document type is an ignored hint, so the engine judges from what it sees.
const ext = PROFILE === 'default';

type Check = { name: string; status: string; reasons: string[]; requirement: string; metadata?: Record<string, unknown> };
const check = (attributes: { checks: Check[] }, name: string) => attributes.checks.find((c) => c.name === name)!;

async function verifyFiles(h: Harness, documentType: string | null, files: ReturnType<typeof fixture>[], meta?: Record<string, unknown>) {
  const sessionId = await h.session();
  const doc = await h.uploadedDocument(sessionId, documentType, files);
  const created = await h.verify(doc, sessionId, meta);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const result = await h.outcome(created.body.data.id);
  const session = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data;
  return { sessionId, doc, created, result: result.body.data, session };
}

describe('sandbox verifications: the engine on the fixture images', () => {
  it('passes a passport photo; the outcome arrives only after the processing delay', async () => {
    const h = harness();
    const sessionId = await h.session();
    const doc = await h.uploadedDocument(sessionId, 'passport', [fixture('passport.jpg', 'front')]);
    const created = await h.verify(doc, sessionId);
    assert.equal(created.status, 201);
    const v = created.body.data;
    assert.match(v.id, /^ver_/);
    assert.equal(v.attributes.status, 'initiated');
    assert.deepEqual(v.attributes.checks, []);
    assert.equal(v.attributes.completed_at, null);
    assert.equal(v.relationships.document.data.id, doc);
    assert.equal(v.relationships.session.data.id, sessionId);
    h.clock.advance(999);
    assert.equal((await h.verification(v.id)).body.data.attributes.status, 'initiated');
    h.clock.advance(1);
    const done = (await h.verification(v.id)).body.data.attributes;
    assert.equal(done.status, 'passed');
    assert.equal(done.completed_at, new Date(h.clock.now()).toISOString());
    assert.deepEqual(
      done.checks.map((c: Check) => [c.name, c.status]),
      [
        ['image_readable', 'passed'],
        ['image_resolution', 'passed'],
        ['document_visible', 'passed'],
        ['barcode_readable', 'not_applicable'],
        ['document_consistent', 'not_applicable'],
        ['document_not_expired', 'not_applicable'],
      ],
    );
    assert.equal((check(done, 'document_visible').metadata!.front as { found?: string }).found, 'whole_photo', 'a flat scan is the document itself');
    assert.deepEqual(check(done, 'image_resolution').metadata, { front: { width: 1600, height: 1100, min_short_side: 600 } });
    if (ext) {
      assert.equal(done.extracted, null);
      const docAfter = (await h.api('GET', `/identity/documents/idvs/${doc}`)).body.data.attributes;
      assert.equal(docAfter.status, 'processed');
      assert.notEqual(docAfter.processed_at, null);
    }
  });

  it('passes a licence front + back, extracting the AAMVA fields, and writes them back with auto_update_session', async () => {
    const h = harness();
    const { result, session } = await verifyFiles(h, 'drivers_license', LICENCE_FILES(), { auto_update_session: true });
    assert.equal(result.attributes.status, 'passed', JSON.stringify(result.attributes.checks));
    const barcode = check(result.attributes, 'barcode_readable');
    assert.equal(barcode.status, 'passed');
    // Undeclared (the docs profile), a licence is read from its barcode but none is required.
    assert.equal(barcode.requirement, ext ? 'required' : 'not_required');
    assert.equal(check(result.attributes, 'document_not_expired').status, 'passed');
    const person = {
      name: { first: LICENCE.first_name, middle: LICENCE.middle_name, last: LICENCE.last_name },
      birth_date: LICENCE.birth_date,
      sex: LICENCE.sex,
    };
    const address = { ...LICENCE.address, line2: null, sublocality: null };
    const identityNumbers = [{ number: LICENCE.document_number, issuing_country_code: 'US', class: 'drivers_license' }];
    if (ext) {
      const x = result.attributes.extracted;
      assert.equal(x.source, 'pdf417');
      assert.deepEqual(x.person, person);
      assert.equal(x.document.number, LICENCE.document_number);
      assert.equal(x.document.expiry_date, LICENCE.expiry_date);
      assert.equal(x.document.issue_date, LICENCE.issue_date);
      assert.equal(x.document.jurisdiction, LICENCE.address.administrative_area);
      assert.deepEqual(x.address, address);
      assert.deepEqual(x.identity_numbers, identityNumbers);
    }

    assert.equal(session.attributes.status, 'completed');
    assert.deepEqual(session.attributes.person, person);
    assert.deepEqual(session.attributes.address, address);
    const written = session.attributes.identity_numbers.map(({ number, issuing_country_code, class: kind }: Record<string, string>) => ({
      number,
      issuing_country_code,
      class: kind,
    }));
    assert.deepEqual(written, identityNumbers);
    assert.equal(session.attributes.identity_numbers[0].created_at, session.attributes.completed_at, 'written when the outcome arrived');
  });

  it('leaves the session alone without auto_update_session', async () => {
    const h = harness();
    const { result, session } = await verifyFiles(h, 'drivers_license', LICENCE_FILES());
    assert.equal(result.attributes.status, 'passed');
    assert.equal(session.attributes.person, null);
  });

  it('asks for a retry when the photo is blank, with a reason a person can act on', async () => {
    const h = harness();
    const { result, session } = await verifyFiles(h, 'passport', [fixture('blank.png', 'front')]);
    assert.equal(result.attributes.status, 'requires_retry');
    const visible = check(result.attributes, 'document_visible');
    assert.equal(visible.status, 'failed');
    assert.deepEqual(visible.reasons, [
      'No document was found in the photo of the front. Place the whole document in the frame, on a contrasting background, and take the photo again.',
    ]);
    if (ext) assert.equal(result.attributes.extracted, null);
    assert.equal(session.attributes.status, 'started', 'requires_retry keeps the session open');
  });

  it('asks for a retry when the photo is too small', async () => {
    const h = harness();
    const { result } = await verifyFiles(h, 'drivers_license', [fixture('licence-front.jpg', 'front'), fixture('tiny.png', 'back')]);
    assert.equal(result.attributes.status, 'requires_retry');
    const resolution = check(result.attributes, 'image_resolution');
    assert.equal(resolution.status, 'failed');
    assert.deepEqual(resolution.reasons, ['The photo of the back is too small (200 × 120 px). Take it closer, filling the frame with the document.']);
    assert.equal(check(result.attributes, 'barcode_readable').status, 'not_applicable', 'one thing to fix at a time');
  });

  // Undeclared (the docs profile), nothing says this back must carry a barcode: it passes, as the
  // verdicts test's untyped German licence does.
  it('asks for a retry when the back has no readable barcode', { skip: !ext && 'needs the declared document_type (an extension)' }, async () => {
    const h = harness();
    const { result } = await verifyFiles(h, 'drivers_license', [fixture('licence-front.jpg', 'front'), fixture('passport.jpg', 'back')]);
    assert.equal(result.attributes.status, 'requires_retry');
    assert.match(check(result.attributes, 'barcode_readable').reasons[0]!, /barcode on the back could not be read/);
  });

  it('fails an expired licence and the session with it', async () => {
    const h = harness();
    const { result, session, doc } = await verifyFiles(h, 'drivers_license', [
      fixture('licence-front.jpg', 'front'),
      fixture('expired-licence-back.png', 'back'),
    ]);
    assert.equal(result.attributes.status, 'failed');
    const expiry = check(result.attributes, 'document_not_expired');
    assert.equal(expiry.status, 'failed');
    assert.deepEqual(expiry.reasons, [`The document expired on ${EXPIRED_LICENCE.expiry_date}. Use a document that is still valid.`]);
    assert.equal(session.attributes.status, 'failed');
    assert.notEqual(session.attributes.failed_at, null);
    if (ext) {
      assert.equal(result.attributes.extracted.document.number, EXPIRED_LICENCE.document_number);
      assert.equal((await h.api('GET', `/identity/documents/idvs/${doc}`)).body.data.attributes.status, 'failed');
    }
  });

  it('does not render PDFs: a PDF side fails image_readable and asks for a photo, on a passport as on a licence back', async () => {
    const h = harness();
    const pdf = fixture('stub.pdf');
    const passport = await verifyFiles(h, 'passport', [{ ...pdf, side: 'front' }]);
    assert.equal(passport.result.attributes.status, 'requires_retry');
    assert.equal(check(passport.result.attributes, 'image_readable').status, 'failed');
    assert.match(check(passport.result.attributes, 'image_readable').reasons[0]!, /PDF.*JPEG, PNG or WebP/);
    const licence = await verifyFiles(h, 'drivers_license', [fixture('licence-front.jpg', 'front'), { ...pdf, side: 'back' }]);
    assert.equal(licence.result.attributes.status, 'requires_retry');
    assert.deepEqual(check(licence.result.attributes, 'image_readable').reasons, [
      'The back was uploaded as a PDF, which the sandbox cannot open. Upload a photo (JPEG, PNG or WebP) of the back.',
    ]);
    assert.equal(check(licence.result.attributes, 'barcode_readable').status, 'not_applicable', 'one thing to fix at a time');
  });

  it('refuses bad verification requests and stores nothing', async () => {
    const h = harness();
    const sessionId = await h.session();
    const otherSession = await h.session();
    const incomplete = await h.document(sessionId, 'drivers_license', LICENCE_FILES());
    const complete = await h.uploadedDocument(sessionId, 'passport', [fixture('passport.jpg', 'front')]);
    const rel = (id: string) => ({ document: { data: { type: 'document/idv', id } } });
    const cases: [unknown, number, string | undefined][] = [
      [{ data: { type: 'verification/idv', relationships: {} } }, 422, '/data/relationships/document'],
      [{ data: { type: 'verification/idv', relationships: rel('doc_missing') } }, 404, '/data/relationships/document/data/id'],
      [
        { data: { type: 'verification/idv', relationships: { document: { data: { type: 'document/address', id: complete } } } } },
        422,
        '/data/relationships/document/data/type',
      ],
      [
        { data: { type: 'verification/idv', relationships: { ...rel(complete), session: { data: { type: 'session', id: otherSession } } } } },
        422,
        '/data/relationships/session/data/id',
      ],
      [
        { data: { type: 'verification/idv', relationships: { ...rel(complete), session: { data: { type: 'session', id: 'sess_x' } } } } },
        404,
        '/data/relationships/session/data/id',
      ],
      [{ data: { type: 'verification/idv', relationships: rel(incomplete.id) } }, 422, '/data/relationships/document'],
      [{ data: { type: 'verification/idv', attributes: { status: 'passed' }, relationships: rel(complete) } }, 422, '/data/attributes/status'],
      [{ data: { type: 'verification/idv', relationships: rel(complete), meta: { auto_update_session: 'yes' } } }, 422, '/data/meta/auto_update_session'],
      [{ data: { type: 'verification/idv', relationships: rel(complete) }, meta: { auto_update_session: true } }, 400, '/meta/auto_update_session'],
      [{ data: { type: 'verification/document', relationships: rel(complete) } }, 409, '/data/type'],
    ];
    for (const [body, status, pointer] of cases) {
      const r = await h.api('POST', '/identity/verifications', body);
      assert.equal(r.status, status, JSON.stringify(body));
      assert.equal(r.body.errors[0].source?.pointer, pointer, JSON.stringify(body));
    }
    const list = await h.api('GET', '/identity/verifications?page[total]=true');
    assert.equal(list.body.meta.page.total, 0);
    assert.equal((await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.attributes.status, 'started');
    if (ext) assert.equal((await h.api('GET', '/identity/verifications/ver_missing')).status, 404);
  });

  it('links a verification to the document’s session when the session relationship is omitted', async () => {
    const h = harness();
    const sessionId = await h.session();
    const doc = await h.uploadedDocument(sessionId, 'passport', [fixture('passport.jpg', 'front')]);
    const created = await h.verify(doc);
    assert.equal(created.body.data.relationships.session.data.id, sessionId);
  });

  it('lists verifications with filters', async () => {
    const h = harness();
    const s1 = await h.session();
    const d1 = await h.uploadedDocument(s1, 'passport', [fixture('passport.jpg', 'front')]);
    const v1 = (await h.verify(d1, s1)).body.data.id;
    h.clock.advance(60_000);
    const s2 = await h.session();
    const d2 = await h.uploadedDocument(s2, 'passport', [fixture('blank.png', 'front')]);
    const v2 = (await h.verify(d2, s2)).body.data.id;
    const ids = async (query: string) => {
      const r = await h.api('GET', `/identity/verifications${query}`);
      assert.equal(r.status, 200, query);
      return r.body.data.map((v: { id: string }) => v.id);
    };
    assert.deepEqual(await ids(''), [v2, v1]);
    assert.deepEqual(await ids('?status=initiated'), [v2]);
    h.clock.advance(2000);
    assert.deepEqual(await ids('?status=passed'), [v1]);
    assert.deepEqual(await ids('?status=requires_retry'), [v2]);
    assert.deepEqual(await ids('?status=passed,requires_retry'), [v2, v1]);
    assert.deepEqual(await ids(`?session_id=${s1}`), [v1]);
    assert.deepEqual(await ids(`?filter[session_id]=${s2}`), [v2]);
    assert.deepEqual(await ids('?created_at_from=2028-03-01T12:00:30Z'), [v2]);
    assert.deepEqual(await ids('?created_at_to=2028-03-01T12:00:30Z'), [v1]);
    assert.deepEqual(await ids('?created_at_to=2028-03-01'), [v2, v1], 'a bare date bounds the whole day');
    assert.deepEqual(await ids('?created_at_to=2028-02-29'), []);
    for (const bad of ['?status=done', '?created_at_from=yesterday', '?created_at_to=2028-13-45']) {
      const r = await h.api('GET', `/identity/verifications${bad}`);
      assert.equal(r.status, 400, bad);
      assert.ok(r.body.errors[0].source.parameter, bad);
    }
  });
});
