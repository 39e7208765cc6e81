// The docs profile: only what Beltic's pages document. Each ext call is an unknown route, each ext
// attribute an unknown attribute, ext hints are ignored, answers carry no ext member; and a client
// written from the pages alone still gets from an account to a completed session.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox } from '../../src/sandbox/index.js';
import { EXT_CALLS } from '../../src/sandbox/profile.js';
import { declare, fixture, harness, LICENCE_FILES } from './helpers.js';

const SESSION_REL = (id: string) => ({ session: { data: { type: 'session', id } } });

/** A path for an ext call's pattern, with an id that exists where one is needed. */
function pathOf(pattern: string, ids: Record<string, string>): string {
  return pattern.replace(
    ':id',
    pattern.includes('/sessions/')
      ? ids.session!
      : pattern.includes('/documents/')
        ? ids.document!
        : pattern.includes('/verifications/')
          ? ids.verification!
          : 'sdev_missing',
  );
}

async function documentedSetup(h: ReturnType<typeof harness>) {
  const session = await h.session();
  const created = await h.api('POST', '/identity/documents/idvs', {
    data: {
      type: 'document/idv',
      attributes: { files: LICENCE_FILES().map((f, i) => declare({ ...f, side: undefined }, i)) },
      relationships: SESSION_REL(session),
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { session, created };
}

describe('sandbox profile: docs', () => {
  it('refuses an unknown profile', () => {
    assert.throws(() => createSandbox({ profile: 'strict' as 'docs' }), /profile must be one of default, docs/);
  });

  it('answers every ext call with the 404 an unknown route gets; the default profile serves them', async () => {
    const docs = harness({ profile: 'docs' });
    const { session, created } = await documentedSetup(docs);
    const unknown = await docs.api('GET', '/identity/nothing-here');
    for (const call of EXT_CALLS) {
      const path = pathOf(call.pattern, { session, document: created.body.data.id, verification: 'ver_missing' });
      const reply = await docs.api(
        call.method,
        path,
        call.method === 'GET' ? undefined : { data: { type: 'session_device', attributes: {}, relationships: SESSION_REL(session) } },
      );
      assert.equal(reply.status, 404, `${call.method} ${call.pattern}`);
      assert.equal(reply.body.errors[0].code, unknown.body.errors[0].code, `${call.method} ${call.pattern}: same code as an unknown route`);
    }
    const standard = harness({ profile: 'default' });
    const std = await documentedSetup(standard);
    assert.equal((await standard.api('POST', `/identity/sessions/${std.session}/start`)).status, 200);
    assert.equal((await standard.api('GET', `/identity/documents/idvs/${std.created.body.data.id}`)).status, 200);
  });

  it('refuses ext attributes as unknown attributes (422 with a pointer); the default profile accepts them', async () => {
    const docs = harness({ profile: 'docs' });
    const session = await docs.session();
    const cases: [Record<string, unknown>, string][] = [
      [{ document_type: 'passport', files: [declare(fixture('passport.jpg'))] }, '/data/attributes/document_type'],
      [{ issuing_country: 'US', files: [declare(fixture('passport.jpg'))] }, '/data/attributes/issuing_country'],
      [{ files: [declare(fixture('passport.jpg', 'front'))] }, '/data/attributes/files/0/side'],
    ];
    for (const [attributes, pointer] of cases) {
      const reply = await docs.api('POST', '/identity/documents/idvs', { data: { type: 'document/idv', attributes, relationships: SESSION_REL(session) } });
      assert.equal(reply.status, 422, pointer);
      assert.equal(reply.body.errors[0].code, 'unknown_attribute');
      assert.equal(reply.body.errors[0].source.pointer, pointer);
    }
    const { created } = await documentedSetup(docs);
    const file = await docs.api('POST', `/identity/documents/idvs/${created.body.data.id}/files`, {
      data: { type: 'file', attributes: declare(fixture('passport.jpg', 'back')) },
    });
    assert.equal(file.status, 422);
    assert.equal(file.body.errors[0].source.pointer, '/data/attributes/side');

    const standard = harness({ profile: 'default' });
    const std = await standard.session();
    const accepted = await standard.api('POST', '/identity/documents/idvs', {
      data: {
        type: 'document/idv',
        attributes: { document_type: 'passport', files: [declare(fixture('passport.jpg', 'front'))] },
        relationships: SESSION_REL(std),
      },
    });
    assert.equal(accepted.status, 201);
  });

  it('ignores ext hints in meta (the default profile reads them), and answers without ext members', async () => {
    const body = (session: string) => ({
      data: {
        type: 'document/idv',
        attributes: { files: LICENCE_FILES().map((f, i) => declare({ ...f, side: undefined }, i)) },
        relationships: SESSION_REL(session),
        meta: { document_type: 'drivers_license', issuing_country: 'US', sides: ['back', 'front'] },
      },
    });
    const docs = harness({ profile: 'docs' });
    const inDocs = await docs.api('POST', '/identity/documents/idvs', body(await docs.session()));
    assert.equal(inDocs.status, 201);
    const attributes = inDocs.body.data.attributes;
    for (const member of ['document_type', 'issuing_country']) assert.equal(member in attributes, false, member);
    assert.equal(
      attributes.files.some((f: Record<string, unknown>) => 'side' in f),
      false,
      'no side on the files',
    );
    // No link names a read that is itself an extension (GET /identity/documents/idvs/{id}).
    assert.equal(inDocs.body.links, undefined);
    assert.equal(inDocs.body.data.links, undefined);

    const standard = harness({ profile: 'default' });
    const inDefault = await standard.api('POST', '/identity/documents/idvs', body(await standard.session()));
    assert.equal(inDefault.body.data.attributes.document_type, 'drivers_license');
    assert.equal(inDefault.body.data.attributes.issuing_country, 'US');
    assert.deepEqual(
      inDefault.body.data.attributes.files.map((f: { side: string }) => f.side),
      ['back', 'front'],
    );
  });

  it('does not honour Idempotency-Key (a header Beltic does not document)', async () => {
    const docs = harness({ profile: 'docs' });
    const session = await docs.session();
    const create = () =>
      docs.api(
        'POST',
        '/identity/documents/idvs',
        { data: { type: 'document/idv', attributes: { files: [declare(fixture('passport.jpg'))] }, relationships: SESSION_REL(session) } },
        { 'Idempotency-Key': 'same' },
      );
    const [first, second] = [await create(), await create()];
    assert.notEqual(first.body.data.id, second.body.data.id);
  });

  it('takes a documented client from an account to a completed session: files by order, outcome from the list, data written back', async () => {
    const docs = harness({ profile: 'docs' });
    const { session, created } = await documentedSetup(docs);
    const urls = created.body.meta.files.map((f: { presigned_upload_url: string }) => f.presigned_upload_url);
    for (const [i, spec] of LICENCE_FILES().entries()) assert.equal((await docs.put(urls[i], spec.bytes, spec.content_type)).status, 200);
    const verification = await docs.verify(created.body.data.id, session, { auto_update_session: true });
    assert.equal(verification.status, 201, JSON.stringify(verification.body));
    assert.equal('extracted' in verification.body.data.attributes, false);
    docs.clock.advance(1000);
    const listed = await docs.api('GET', `/identity/verifications?session_id=${session}`);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.data.map((v: { id: string }) => v.id),
      [verification.body.data.id],
    );
    assert.equal(listed.body.data[0].attributes.status, 'passed', JSON.stringify(listed.body.data[0].attributes.checks));
    const held = await docs.api('GET', `/identity/sessions/${session}`);
    assert.equal(held.body.data.attributes.status, 'completed');
    assert.equal(held.body.data.attributes.person.name.last, 'SPECIMEN', 'auto_update_session wrote the licence holder back');
    assert.deepEqual(
      held.body.data.relationships.verifications.data.map((v: { id: string }) => v.id),
      [verification.body.data.id],
    );
  });
});
