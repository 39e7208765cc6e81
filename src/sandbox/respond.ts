/** The response shapes every resource route shares: one resource, or a page of them. */
import { jsonResponse } from '../api/responses.js';
import type { Ctx } from './context.js';
import { paginate, parsePage } from './pagination.js';

export function resourceResponse(resource: { links: { self: string } }, status = 200, meta?: Record<string, unknown>): Response {
  return jsonResponse({ data: resource, ...(meta ? { meta } : {}), links: { self: resource.links.self } }, status);
}

export function listResponse<T extends { id: string; created_at: number }>(ctx: Ctx, records: T[], serialize: (record: T) => unknown): Response {
  const page = parsePage(ctx.query);
  const result = paginate(records, page, (params) => {
    const query = new URLSearchParams(ctx.query);
    for (const name of ['page[size]', 'page[after]', 'page[before]']) query.delete(name);
    for (const [name, value] of Object.entries(params)) query.set(name, value);
    // Brackets and commas stay readable (`page[size]=15`, `status=a,b`); URL parsers accept both forms.
    return `${ctx.baseUrl}${ctx.path}?${query.toString().replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%2C/g, ',')}`;
  });
  return jsonResponse({ data: result.items.map(serialize), meta: result.meta, links: result.links });
}
