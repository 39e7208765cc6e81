import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extension, fixture, harness, PROFILE, START, type Harness } from './helpers.js';

const passport = () => [fixture('passport.jpg', 'front')];

async function verifyPassport(h: Harness, sessionId: string) {
  const doc = await h.uploadedDocument(sessionId, 'passport', passport());
  const created = await h.verify(doc, sessionId);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { doc, id: created.body.data.id as string };
}

const sessionStatus = async (h: Harness, id: string) => (await h.api('GET', `/identity/sessions/${id}`)).body.data.attributes.status;

describe('sandbox scenarios (meta.sandbox on session creation)', () => {
  it('requires_retry: forces the first verification only, so retry-then-success is testable', async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'requires_retry' });
    const first = await verifyPassport(h, sessionId);
    const r1 = (await h.outcome(first.id)).body.data.attributes;
    assert.equal(r1.status, 'requires_retry');
    const forced = r1.checks.find((c: { name: string }) => c.name === 'sandbox_scenario');
    assert.equal(forced.status, 'failed');
    assert.match(forced.reasons[0], /take the photo again/i);
    assert.equal(await sessionStatus(h, sessionId), 'started');
    const second = await verifyPassport(h, sessionId);
    assert.equal((await h.outcome(second.id)).body.data.attributes.status, 'passed');
    assert.equal(await sessionStatus(h, sessionId), 'completed');
  });

  it(
    'requires_retry: the forced check names the side it is about in metadata.failed_sides (retry_side, default the front)',
    { skip: extension('the failed_sides member of a check') },
    async () => {
      const h = harness();
      const forcedCheck = async (sandbox: Record<string, unknown>) => {
        const sessionId = await h.session(sandbox);
        const { id } = await verifyPassport(h, sessionId);
        const attributes = (await h.outcome(id)).body.data.attributes;
        assert.equal(attributes.status, 'requires_retry');
        return { sessionId, check: attributes.checks.find((c: { name: string }) => c.name === 'sandbox_scenario') };
      };
      const front = await forcedCheck({ scenario: 'requires_retry' });
      assert.deepEqual(front.check.metadata, { scenario: 'requires_retry', failed_sides: ['front'] });
      const back = await forcedCheck({ scenario: 'requires_retry', retry_side: 'back' });
      assert.deepEqual(back.check.metadata, { scenario: 'requires_retry', failed_sides: ['back'] });
      assert.match(back.check.reasons[0], /^The photo of the back is blurry/);
      const session = (await h.api('GET', `/identity/sessions/${back.sessionId}`)).body;
      assert.equal(session.data.meta.sandbox.retry_side, 'back', 'QA sees the side in the session’s meta.sandbox');
    },
  );

  it('failed: fails a good document, and the session', async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'failed' });
    const v = await verifyPassport(h, sessionId);
    const r = (await h.outcome(v.id)).body.data.attributes;
    assert.equal(r.status, 'failed');
    assert.equal(r.checks.at(-1).name, 'sandbox_scenario');
    assert.equal(await sessionStatus(h, sessionId), 'failed');
  });

  it('marked_for_review: a passing verification sends the session to review, where it can be decided', async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'marked_for_review' });
    const v = await verifyPassport(h, sessionId);
    assert.equal((await h.outcome(v.id)).body.data.attributes.status, 'passed');
    const s = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.attributes;
    assert.equal(s.status, 'marked_for_review');
    assert.notEqual(s.marked_for_review_at, null);
    assert.equal(s.completed_at, null);
    const approved = await h.api('POST', `/identity/sessions/${sessionId}/approve`);
    assert.equal(approved.body.data.attributes.status, 'approved');
  });

  it('slow: the outcome takes 10 s by default, or processing_delay_ms', async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'slow' });
    const v = await verifyPassport(h, sessionId);
    h.clock.advance(9_999);
    assert.equal((await h.verification(v.id)).body.data.attributes.status, 'initiated');
    h.clock.advance(1);
    assert.equal((await h.verification(v.id)).body.data.attributes.status, 'passed');

    const custom = await h.session({ scenario: 'slow', processing_delay_ms: 30_000 });
    const v2 = await verifyPassport(h, custom);
    h.clock.advance(29_999);
    assert.equal((await h.verification(v2.id)).body.data.attributes.status, 'initiated');
    h.clock.advance(1);
    assert.equal((await h.verification(v2.id)).body.data.attributes.status, 'passed');
  });

  it('the processing delay counts from when the checks are done: however long they took, a client sees the verification being processed', async () => {
    // While the verification is created, the clock runs 100 times faster than real time, as if the
    // photos' checks took seconds (they do on a loaded machine): counted from the request's start,
    // the delay would be over before the answer left.
    let base = START;
    let fastSince: number | null = null;
    const now = () => base + (fastSince === null ? 0 : Math.round((performance.now() - fastSince) * 100));
    const h = harness({ now });
    const sessionId = await h.session({ scenario: 'slow', processing_delay_ms: 1500 });
    const doc = await h.uploadedDocument(sessionId, 'passport', passport());
    fastSince = performance.now();
    const created = await h.verify(doc, sessionId);
    base = now();
    fastSince = null;
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const v = { id: created.body.data.id as string };
    assert.equal((await h.verification(v.id)).body.data.attributes.status, 'initiated');
    base += 1500;
    assert.equal((await h.verification(v.id)).body.data.attributes.status, 'passed');
  });

  it('expiring_urls: upload URLs live 5 s (or upload_url_ttl_seconds); a fresh one comes from add-file', async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'expiring_urls' });
    const spec = fixture('passport.jpg', 'front');
    const doc = await h.document(sessionId, 'passport', [spec]);
    assert.equal(doc.reply.body.meta.files[0].expires_in, 5);
    h.clock.advance(5_000);
    const late = await h.put(doc.urls[0]!, spec.bytes, spec.content_type);
    assert.equal(late.status, 403);
    assert.equal(late.body.errors[0].code, 'expired');
    // `side` is an ext; without it the file replaces the first side not uploaded yet, the front.
    const fresh = await h.api('POST', `/identity/documents/idvs/${doc.id}/files`, {
      filename: 'p.jpg',
      content_type: spec.content_type,
      byte_size: spec.bytes.byteLength,
      ...(PROFILE === 'default' ? { side: 'front' } : {}),
    });
    assert.equal(fresh.body.meta.expires_in, 5);
    assert.equal((await h.put(fresh.body.meta.presigned_upload_url, spec.bytes, spec.content_type)).status, 200);

    const custom = await h.session({ scenario: 'expiring_urls', upload_url_ttl_seconds: 60 });
    assert.equal((await h.document(custom, 'passport', [spec])).reply.body.meta.files[0].expires_in, 60);
  });

  it('flaky: the chosen call fails transiently with Retry-After, then succeeds', async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'flaky', fail: { call: 'upload', times: 1, status: 503, retry_after: 2 } });
    const spec = fixture('passport.jpg', 'front');
    const doc = await h.document(sessionId, 'passport', [spec]);
    const first = await h.put(doc.urls[0]!, spec.bytes, spec.content_type);
    assert.equal(first.status, 503);
    assert.equal(first.headers.get('retry-after'), '2');
    assert.equal(first.body.errors[0].code, 'unavailable');
    // The failed upload stored nothing: the document is incomplete (read directly where the ext call exists).
    if (PROFILE === 'default') {
      assert.equal((await h.api('GET', `/identity/documents/idvs/${doc.id}`)).body.data.attributes.files[0].status, 'pending_upload');
    }
    assert.equal((await h.verify(doc.id, sessionId)).body.errors[0].code, 'missing_sides');
    assert.equal((await h.put(doc.urls[0]!, spec.bytes, spec.content_type)).status, 200);
    const meta = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.meta.sandbox;
    assert.deepEqual(meta.fail, [{ call: 'upload', remaining: 0, status: 503, retry_after: 2 }]);
  });

  it('flaky: several rules, 429s, and no half-written verification', async () => {
    const h = harness();
    const sessionId = await h.session({
      scenario: 'flaky',
      fail: [{ call: 'create_verification', times: 2, status: 429, retry_after: 1 }, { call: 'get_verification', status: 503 }, { call: 'start' }],
    });
    // The start call and reading one verification are exts: their rules never fire in the docs profile.
    if (PROFILE === 'default') {
      const start = await h.api('POST', `/identity/sessions/${sessionId}/start`);
      assert.equal(start.status, 503);
      assert.equal(await sessionStatus(h, sessionId), 'created', 'a failed start changes nothing');
      assert.equal((await h.api('POST', `/identity/sessions/${sessionId}/start`)).status, 200);
    }
    const doc = await h.uploadedDocument(sessionId, 'passport', passport());
    for (let i = 0; i < 2; i++) {
      const r = await h.verify(doc, sessionId);
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '1');
      assert.equal(r.body.errors[0].code, 'rate_limited');
    }
    assert.equal((await h.api('GET', '/identity/verifications?page[total]=true')).body.meta.page.total, 0);
    assert.equal(await sessionStatus(h, sessionId), 'started');
    const created = await h.verify(doc, sessionId);
    assert.equal(created.status, 201);
    h.clock.advance(1000);
    if (PROFILE === 'default') assert.equal((await h.verification(created.body.data.id)).status, 503);
    assert.equal((await h.verification(created.body.data.id)).body.data.attributes.status, 'passed');
  });

  it('flaky defaults to one 503 on the upload', async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'flaky' });
    const meta = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data.meta.sandbox;
    assert.deepEqual(meta.fail, [{ call: 'upload', remaining: 1, status: 503, retry_after: 1 }]);
  });

  it('refuses unknown scenarios and options with a pointer into meta.sandbox', async () => {
    const h = harness();
    const account = await h.account();
    const cases: [unknown, string][] = [
      [{ scenario: 'explode' }, '/meta/sandbox/scenario'],
      [{ scenario: 'pass', speed: 1 }, '/meta/sandbox/speed'],
      [{ session_expires_in: -1 }, '/meta/sandbox/session_expires_in'],
      [{ processing_delay_ms: 'soon' }, '/meta/sandbox/processing_delay_ms'],
      [{ upload_url_ttl_seconds: 0 }, '/meta/sandbox/upload_url_ttl_seconds'],
      [{ scenario: 'flaky', fail: { call: 'everything' } }, '/meta/sandbox/fail/call'],
      [{ scenario: 'flaky', fail: [{ call: 'upload' }, { call: 'upload', status: 404 }] }, '/meta/sandbox/fail/1/status'],
      [{ scenario: 'flaky', fail: { call: 'upload', times: 0 } }, '/meta/sandbox/fail/times'],
      [{ scenario: 'requires_retry', retry_side: 'left' }, '/meta/sandbox/retry_side'],
      ['slow', '/meta/sandbox'],
    ];
    for (const [sandbox, pointer] of cases) {
      const r = await h.api('POST', '/identity/sessions', {
        data: { type: 'session', relationships: { account: { data: { type: 'account', id: account } } } },
        meta: { sandbox },
      });
      assert.equal(r.status, 422, JSON.stringify(sandbox));
      assert.equal(r.body.errors[0].source.pointer, pointer);
    }
  });
});
