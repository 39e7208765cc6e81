import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixture, harness } from './helpers.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'beltic-sandbox-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('sandbox dataDir persistence', () => {
  it('keeps records, image bytes, the key and the URL signing key across two instances', async () => {
    const dataDir = tempDir();
    // Without apiKey, a sandbox generates a key, which dataDir keeps.
    const a = harness({ dataDir, apiKey: undefined });
    assert.match(a.sandbox.apiKey, /^sk_staging_[0-9a-f]{48}$/);

    const sessionId = await a.session();
    const front = fixture('licence-front.jpg', 'front');
    const back = fixture('licence-back.png', 'back');
    const doc = await a.document(sessionId, 'drivers_license', [front, back]);
    assert.equal((await a.put(doc.urls[0]!, front.bytes, front.content_type)).status, 200);
    await a.sandbox.close();
    assert.ok(existsSync(join(dataDir, 'state.json')));
    assert.deepEqual(
      readdirSync(dataDir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temp files left behind',
    );

    const b = harness({ dataDir, apiKey: undefined });
    b.clock.set(a.clock.now() + 60_000);
    assert.equal(b.sandbox.apiKey, a.sandbox.apiKey);
    const session = await b.api('GET', `/identity/sessions/${sessionId}`);
    assert.equal(session.status, 200);
    assert.equal(session.body.data.attributes.status, 'started');
    // A URL signed by the first instance is still valid for the second.
    assert.equal((await b.put(doc.urls[1]!, back.bytes, back.content_type)).status, 200);
    // The front's bytes uploaded to the first instance are read by the second's engine.
    const v = await b.verify(doc.id, sessionId, { auto_update_session: true });
    assert.equal(v.status, 201);
    const result = await b.outcome(v.body.data.id);
    assert.equal(result.body.data.attributes.status, 'passed', JSON.stringify(result.body.data.attributes.checks));
    await b.sandbox.close();

    const c = harness({ dataDir, apiKey: 'sk_staging_chosen' });
    assert.equal(c.sandbox.apiKey, 'sk_staging_chosen', 'an explicit key wins over the kept one');
    c.clock.set(b.clock.now());
    const done = (await c.api('GET', `/identity/sessions/${sessionId}`)).body.data.attributes;
    assert.equal(done.status, 'completed');
    assert.equal(done.person.name.last, 'SPECIMEN');
    const blobs = () => readdirSync(join(dataDir, 'blobs'));
    assert.equal(blobs().length, 2);
    assert.equal((await c.api('POST', `/identity/sessions/${sessionId}/redact`)).status, 200);
    assert.deepEqual(blobs(), [], 'redaction deletes the stored images');
    await c.sandbox.close();
  });

  it('keeps nothing without dataDir', async () => {
    const a = harness();
    const sessionId = await a.session();
    const b = harness();
    assert.equal((await b.api('GET', `/identity/sessions/${sessionId}`)).status, 404);
  });
});
