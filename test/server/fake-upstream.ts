/**
 * A tiny stand-in for the identity API, for proxy tests that must see exactly what was forwarded.
 * It stores resources by path, answers JSON:API documents, and records every request it gets.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  /** The API path, without the /v1 prefix. */
  path: string;
  search: string;
  headers: Headers;
  body: string;
}

type Json = Record<string, any>;

export interface FakeUpstream {
  fetch: (request: Request) => Promise<Response>;
  requests: RecordedRequest[];
  /** Resources by API path, e.g. '/identity/sessions/sess_A'. */
  resources: Map<string, Json>;
  /** Replaces the next answer (once). */
  answerNextWith(response: Response | (() => Promise<Response>)): void;
}

const COLLECTIONS: Record<string, string> = {
  '/identity/session-devices': 'session_device',
  '/identity/documents/idvs': 'document/idv',
  '/identity/verifications': 'verification/idv',
};

export function fakeUpstream(apiKey: string): FakeUpstream {
  const requests: RecordedRequest[] = [];
  const resources = new Map<string, Json>();
  let nextAnswer: Response | (() => Promise<Response>) | null = null;
  let counter = 0;

  const session = (id: string) => ({ type: 'session', id, attributes: { status: 'created' }, relationships: {} });
  const owned = (type: string, id: string, sid: string) => ({
    type,
    id,
    attributes: { status: 'pending' },
    relationships: { session: { data: { type: 'session', id: sid } } },
  });
  resources.set('/identity/sessions/sess_A', session('sess_A'));
  resources.set('/identity/sessions/sess_B', session('sess_B'));
  resources.set('/identity/documents/idvs/doc_B1', owned('document/idv', 'doc_B1', 'sess_B'));
  resources.set('/identity/documents/idvs/doc_A0', owned('document/idv', 'doc_A0', 'sess_A'));
  resources.set('/identity/session-devices/dev_B1', owned('session_device', 'dev_B1', 'sess_B'));
  resources.set('/identity/verifications/ver_B1', owned('verification/idv', 'ver_B1', 'sess_B'));
  resources.set('/identity/verifications/ver_A0', {
    type: 'verification/idv',
    id: 'ver_A0',
    attributes: { status: 'passed' },
    relationships: { document: { data: { type: 'document/idv', id: 'doc_A0' } } },
  });

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Set-Cookie': 'upstream=1', 'X-Internal': 'yes' } });

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = await request.text();
    const path = url.pathname.replace(/^\/v1(?=\/)/, ''); // the proxy hands in-process upstreams the real API's /v1 layout
    requests.push({ method: request.method, url: request.url, path, search: url.search, headers: request.headers, body });
    if (nextAnswer) {
      const answer = nextAnswer;
      nextAnswer = null;
      return typeof answer === 'function' ? answer() : answer;
    }
    if (request.headers.get('x-api-key') !== apiKey) return json({ errors: [{ status: '401', code: 'unauthorized', title: 'Bad key' }] }, 401);
    const type = COLLECTIONS[path];
    if (request.method === 'POST' && type) {
      const doc = JSON.parse(body) as Json;
      const id = `${type.split('/')[0]}_${++counter}`;
      const resource = { type, id, attributes: doc.data.attributes ?? {}, relationships: doc.data.relationships ?? {} };
      resources.set(`${path}/${id}`, resource);
      return json({ data: resource, meta: doc.meta ?? {} }, 201);
    }
    const resource = resources.get(path);
    if (request.method === 'GET' && resource) return json({ data: resource.type === 'session' ? withListedResources(resource) : resource });
    if (request.method === 'GET' && type === 'verification/idv') {
      const sid = url.searchParams.get('session_id');
      return json({ data: [...resources.values()].filter((r) => r.type === type && (sid === null || sessionOf(r) === sid)) });
    }
    if (request.method === 'PATCH' && resource) {
      const doc = JSON.parse(body) as Json;
      Object.assign(resource.attributes, doc.data.attributes);
      return json({ data: resource, meta: doc.meta ?? {} });
    }
    const action = /^(.*)\/(start|files|submit)$/.exec(path);
    if (request.method === 'POST' && action && resources.has(action[1]!)) return json({ data: resources.get(action[1]!) });
    return json({ errors: [{ status: '404', code: 'not_found', title: 'Not found' }] }, 404);
  }

  /** The session a resource belongs to: its own relationship, or its document's. */
  function sessionOf(resource: Json): string | undefined {
    const document = resource.relationships?.document?.data?.id;
    return (
      resource.relationships?.session?.data?.id ??
      (document ? resources.get(`/identity/documents/idvs/${document}`)?.relationships?.session?.data?.id : undefined)
    );
  }

  /** A session as Beltic's sessions list shows one: its documents, verifications and devices listed. */
  function withListedResources(session: Json): Json {
    const listed = (type: string) => [...resources.values()].filter((r) => r.type === type && sessionOf(r) === session.id).map((r) => ({ type, id: r.id }));
    return {
      ...session,
      relationships: {
        ...session.relationships,
        documents: { data: listed('document/idv') },
        verifications: { data: listed('verification/idv') },
        session_devices: { data: listed('session_device') },
      },
    };
  }

  return {
    fetch: handle,
    requests,
    resources,
    answerNextWith(response) {
      nextAnswer = response;
    },
  };
}
