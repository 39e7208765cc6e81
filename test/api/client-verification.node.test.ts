// How the widget's client reads a verification's state where an API offers less: its own GET (ext),
// else the documented list filtered by session, else nothing (the flow then follows the session).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BelticClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';

type Answer = { status: number; body?: unknown };
const realFetch = globalThis.fetch;

/** Answers by path (without the API base); records every path asked for. */
function stubFetch(answers: Record<string, Answer>): string[] {
  const asked: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const path = decodeURIComponent(url.pathname.replace(/^\/beltic/, '') + url.search);
    asked.push(path);
    const answer = answers[path] ?? { status: 404, body: { errors: [{ status: '404', code: 'route_not_found', title: 'Not found' }] } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
  return asked;
}

const client = () => new BelticClient({ apiBase: 'https://shop.example/beltic', token: () => 'ct_token', sleep: async () => {} });
const verification = (id: string, status: string) => ({
  type: 'verification/idv',
  id,
  attributes: {
    status,
    checks: [
      { name: 'image_readable', status: status === 'requires_retry' ? 'failed' : 'passed', reasons: status === 'requires_retry' ? ['Take it again.'] : [] },
    ],
  },
});
const LIST = '/identity/verifications?session_id=sess_1&page[size]=100';

describe('BelticClient.verification', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('reads the verification itself where the API offers it', async () => {
    const asked = stubFetch({ '/identity/verifications/ver_1': { status: 200, body: { data: verification('ver_1', 'passed') } } });
    assert.deepEqual(await client().verification('ver_1', 'sess_1'), { status: 'passed', reasons: [] });
    assert.deepEqual(asked, ['/identity/verifications/ver_1']);
  });

  it('where that GET is an unknown route, takes the verification from the documented list, and stops asking for the GET', async () => {
    const asked = stubFetch({ [LIST]: { status: 200, body: { data: [verification('ver_0', 'failed'), verification('ver_1', 'requires_retry')] } } });
    const c = client();
    const retry = { status: 'requires_retry', reasons: [{ check: 'image_readable', sides: [], text: 'Take it again.' }] };
    assert.deepEqual(await c.verification('ver_1', 'sess_1'), retry);
    assert.deepEqual(await c.verification('ver_1', 'sess_1'), retry);
    assert.deepEqual(asked, ['/identity/verifications/ver_1', LIST, LIST]);
  });

  it('where neither is offered (404 or 403), answers null so the flow follows the session', async () => {
    stubFetch({ [LIST]: { status: 403, body: { errors: [{ status: '403', code: 'forbidden', title: 'Forbidden' }] } } });
    assert.equal(await client().verification('ver_1', 'sess_1'), null);
    stubFetch({});
    assert.equal(await client().verification('ver_1', 'sess_1'), null);
  });

  it('a verification missing from an answered list is not_found; a 404 after the GET has answered is too', async () => {
    stubFetch({ [LIST]: { status: 200, body: { data: [verification('ver_0', 'passed')] } } });
    await assert.rejects(client().verification('ver_1', 'sess_1'), (error: ApiError) => error.code === 'not_found');
    const c = client();
    stubFetch({ '/identity/verifications/ver_1': { status: 200, body: { data: verification('ver_1', 'initiated') } } });
    assert.equal((await c.verification('ver_1', 'sess_1'))?.status, 'initiated');
    stubFetch({});
    await assert.rejects(c.verification('ver_1', 'sess_1'), (error: ApiError) => error.code === 'not_found');
  });

  it('sends the ext hints of a document in data.meta, never as attributes a strict server refuses', async () => {
    let sent: any = null;
    globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent = JSON.parse(String(init!.body));
      return new Response(
        JSON.stringify({
          data: { type: 'document/idv', id: 'doc_1', attributes: { files: [] } },
          meta: { files: [{ id: 'file_1', presigned_upload_url: 'https://up.example/1' }] },
        }),
        { status: 201 },
      );
    }) as typeof fetch;
    await client().createDocument('sess_1', 'drivers_license', 'US', [{ filename: 'front.jpg', content_type: 'image/jpeg', byte_size: 10, side: 'front' }]);
    assert.deepEqual(sent.data.attributes, { files: [{ filename: 'front.jpg', content_type: 'image/jpeg', byte_size: 10 }] });
    assert.deepEqual(sent.data.meta, { document_type: 'drivers_license', issuing_country: 'US', sides: ['front'] });
  });
});
