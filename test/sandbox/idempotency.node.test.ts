import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandbox } from '../../src/sandbox/index.js';
import { BASE, extension, fixture, harness, KEY, START } from './helpers.js';

const account = (external_id: string) => ({ data: { type: 'account', attributes: { external_id } } });

describe('sandbox Idempotency-Key and robustness', () => {
  it('replays the first response for the same key and body', { skip: extension('the Idempotency-Key header') }, async () => {
    const h = harness();
    const first = await h.api('POST', '/identity/accounts', account('a'), { 'Idempotency-Key': 'k1' });
    assert.equal(first.status, 201);
    h.clock.advance(1000);
    const again = await h.api('POST', '/identity/accounts', account('a'), { 'Idempotency-Key': 'k1' });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const list = await h.api('GET', '/identity/accounts?page[total]=true');
    assert.equal(list.body.meta.page.total, 1);
    const other = await h.api('POST', '/identity/accounts', account('a'), { 'Idempotency-Key': 'k2' });
    assert.notEqual(other.body.data.id, first.body.data.id);
  });

  it('refuses the same key with a different body or path (422), and a malformed key (400)', { skip: extension('the Idempotency-Key header') }, async () => {
    const h = harness();
    await h.api('POST', '/identity/accounts', account('a'), { 'Idempotency-Key': 'k1' });
    const changed = await h.api('POST', '/identity/accounts', account('b'), { 'Idempotency-Key': 'k1' });
    assert.equal(changed.status, 422);
    assert.equal(changed.body.errors[0].code, 'idempotency_key_reused');
    assert.equal(changed.body.errors[0].source.header, 'Idempotency-Key');
    const sessionId = await h.session();
    const elsewhere = await h.api('POST', `/identity/sessions/${sessionId}/start`, undefined, { 'Idempotency-Key': 'k1' });
    assert.equal(elsewhere.status, 422);
    const long = await h.api('POST', '/identity/accounts', account('c'), { 'Idempotency-Key': 'x'.repeat(256) });
    assert.equal(long.status, 400);
    assert.equal((await h.api('GET', '/identity/accounts?page[total]=true')).body.meta.page.total, 2);
  });

  it('does not keep transient failures, so a retry with the same key can succeed', { skip: extension('the Idempotency-Key header') }, async () => {
    const h = harness();
    const sessionId = await h.session({ scenario: 'flaky', fail: { call: 'create_document', status: 503 } });
    const body = {
      data: { type: 'document/idv', attributes: { document_type: 'passport' }, relationships: { session: { data: { type: 'session', id: sessionId } } } },
    };
    const first = await h.api('POST', '/identity/documents/idvs', body, { 'Idempotency-Key': 'doc-1' });
    assert.equal(first.status, 503);
    const retry = await h.api('POST', '/identity/documents/idvs', body, { 'Idempotency-Key': 'doc-1' });
    assert.equal(retry.status, 201);
    const replay = await h.api('POST', '/identity/documents/idvs', body, { 'Idempotency-Key': 'doc-1' });
    assert.equal(replay.body.data.id, retry.body.data.id);
    const session = (await h.api('GET', `/identity/sessions/${sessionId}`)).body.data;
    assert.equal(session.relationships.documents.data.length, 1);
  });

  it('answers an unexpected failure with a JSON:API 500 and rolls back what the request had written', async () => {
    let t = START;
    let explodeOnCall = 0;
    const sandbox = createSandbox({
      apiKey: KEY,
      processingDelayMs: 0,
      // The rate limiter reads the clock too; without it the readings below are the request's own.
      rateLimit: false,
      now: () => {
        if (explodeOnCall > 0 && --explodeOnCall === 0) throw new Error('clock on fire');
        return t;
      },
    });
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await sandbox.fetch(
        new Request(BASE + path, {
          method,
          headers: { 'X-Api-Key': KEY, 'Content-Type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        }),
      );
      return { status: r.status, body: await r.json() };
    };
    const acc = (await call('POST', '/identity/accounts', { data: { type: 'account' } })).body.data.id;
    const sess = (await call('POST', '/identity/sessions', { data: { type: 'session', relationships: { account: { data: { type: 'account', id: acc } } } } }))
      .body.data.id;
    const spec = fixture('passport.jpg', 'front');
    const doc = await call('POST', '/identity/documents/idvs', {
      data: {
        type: 'document/idv',
        attributes: { document_type: 'passport', files: [{ filename: 'p.jpg', content_type: 'image/jpeg', byte_size: spec.bytes.byteLength }] },
        relationships: { session: { data: { type: 'session', id: sess } } },
      },
    });
    const put = await sandbox.fetch(
      new Request(doc.body.meta.files[0].presigned_upload_url, { method: 'PUT', body: spec.bytes, headers: { 'Content-Type': 'image/jpeg' } }),
    );
    assert.equal(put.status, 200);

    // The request reads the clock once on entry; the second read (minting the verification id)
    // happens after the session and document were already moved.
    explodeOnCall = 2;
    const original = console.error;
    console.error = () => {};
    let failed;
    try {
      failed = await call('POST', '/identity/verifications', {
        data: { type: 'verification/idv', relationships: { document: { data: { type: 'document/idv', id: doc.body.data.id } } } },
      });
    } finally {
      console.error = original;
    }
    assert.equal(failed.status, 500);
    assert.equal(failed.body.errors[0].code, 'internal_error');
    assert.equal((await call('GET', `/identity/sessions/${sess}`)).body.data.attributes.status, 'started');
    assert.equal((await call('GET', `/identity/documents/idvs/${doc.body.data.id}`)).body.data.attributes.status, 'pending');
    assert.equal((await call('GET', '/identity/verifications?page[total]=true')).body.meta.page.total, 0);
    const retry = await call('POST', '/identity/verifications', {
      data: { type: 'verification/idv', relationships: { document: { data: { type: 'document/idv', id: doc.body.data.id } } } },
    });
    assert.equal(retry.status, 201, 'the sandbox keeps serving');
    t += 1;
    assert.equal((await call('GET', `/identity/verifications/${retry.body.data.id}`)).body.data.attributes.status, 'passed');
  });
});
