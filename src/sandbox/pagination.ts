/**
 * Cursor pagination as the contract draws it: newest first, `page[size]` (default 15, max 100),
 * `page[after]` / `page[before]` with opaque cursors (base64url of the sort key: creation time and
 * id), `page[total]=true`; `links` and `meta.page` in the response, the latter exactly as the
 * sessions list page (seed 003) shows it:
 * `{ cursors: { start, end }, hasNextPage, hasPreviousPage, total }`.
 */
import { badRequest } from './errors.js';

export const DEFAULT_PAGE_SIZE = 15;
/** The query parameters every list accepts, for the routes' declarations of what they read. */
export const PAGE_PARAMETERS = ['page[size]', 'page[after]', 'page[before]', 'page[total]'] as const;
export const MAX_PAGE_SIZE = 100;

interface Cursor {
  t: number;
  id: string;
}

export interface PageParams {
  size: number;
  after: Cursor | null;
  before: Cursor | null;
  total: boolean;
}

interface Sortable {
  id: string;
  created_at: number;
}

export function parsePage(query: URLSearchParams): PageParams {
  const rawSize = query.get('page[size]');
  let size = DEFAULT_PAGE_SIZE;
  if (rawSize !== null) {
    size = /^\d+$/.test(rawSize) ? Number(rawSize) : NaN;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw badRequest('invalid_parameter', `page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}.`, {
        parameter: 'page[size]',
      });
    }
  }
  const after = parseCursor(query, 'page[after]');
  const before = parseCursor(query, 'page[before]');
  if (after && before) {
    throw badRequest('invalid_parameter', 'Use page[after] or page[before], not both.', { parameter: 'page[before]' });
  }
  const rawTotal = query.get('page[total]');
  if (rawTotal !== null && rawTotal !== 'true' && rawTotal !== 'false') {
    throw badRequest('invalid_parameter', 'page[total] must be true or false.', { parameter: 'page[total]' });
  }
  return { size, after, before, total: rawTotal === 'true' };
}

function parseCursor(query: URLSearchParams, name: string): Cursor | null {
  const raw = query.get(name);
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { t: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error
  }
  throw badRequest('invalid_parameter', `${name} is not a cursor this API issued.`, { parameter: name });
}

export function encodeCursor(item: Sortable): string {
  return Buffer.from(JSON.stringify([item.created_at, item.id])).toString('base64url');
}

/** Positive when `a` comes after `b` in the list (i.e. is older). */
function order(a: Cursor, b: Cursor): number {
  return b.t - a.t || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export interface Page<T> {
  items: T[];
  meta: Record<string, unknown>;
  links: Record<string, string | null>;
}

/**
 * `link(params)` builds an absolute URL for the same list with the given page parameters
 * (it keeps the request's filters).
 */
export function paginate<T extends Sortable>(records: T[], page: PageParams, link: (params: Record<string, string>) => string): Page<T> {
  const all = records.map((r) => ({ r, c: { t: r.created_at, id: r.id } }));
  all.sort((a, b) => order(a.c, b.c));
  const n = all.length;
  let start = 0;
  let end = Math.min(page.size, n);
  if (page.after) {
    const cursor = page.after;
    start = indexWhere(all, (x) => order(x.c, cursor) > 0, n);
    end = Math.min(start + page.size, n);
  } else if (page.before) {
    const cursor = page.before;
    end = indexWhere(all, (x) => order(x.c, cursor) >= 0, n);
    start = Math.max(0, end - page.size);
  }
  const items = all.slice(start, end).map((x) => x.r);
  const hasPrev = start > 0;
  const hasNext = end < n;
  const sizeParam = { 'page[size]': String(page.size) };
  // The first and last item's cursors: `page[before]=start` is the page before, `page[after]=end` the one after.
  const startCursor = items.length ? encodeCursor(items[0]!) : null;
  const endCursor = items.length ? encodeCursor(items[items.length - 1]!) : null;
  const nextCursor = hasNext ? endCursor : null;
  const prevCursor = hasPrev ? startCursor : null;
  const first = link(sizeParam);
  let prev: string | null = null;
  if (prevCursor) prev = link({ ...sizeParam, 'page[before]': prevCursor });
  else if (hasPrev) prev = start - page.size - 1 >= 0 ? link({ ...sizeParam, 'page[after]': encodeCursor(all[start - page.size - 1]!.r) }) : first;
  const meta = {
    cursors: { start: startCursor, end: endCursor },
    hasNextPage: hasNext,
    hasPreviousPage: hasPrev,
    // Kept as null when not asked for, so that the shape is the same on every page.
    total: page.total ? n : null,
  };
  return {
    items,
    meta: { page: meta },
    links: {
      self: link({
        ...sizeParam,
        ...(page.after ? { 'page[after]': encodeCursor({ created_at: page.after.t, id: page.after.id }) } : {}),
        ...(page.before ? { 'page[before]': encodeCursor({ created_at: page.before.t, id: page.before.id }) } : {}),
      }),
      first,
      next: nextCursor ? link({ ...sizeParam, 'page[after]': nextCursor }) : null,
      prev,
      last: n > page.size ? link({ ...sizeParam, 'page[after]': encodeCursor(all[n - page.size - 1]!.r) }) : first,
    },
  };
}

function indexWhere<T>(list: T[], test: (item: T) => boolean, otherwise: number): number {
  const i = list.findIndex(test);
  return i < 0 ? otherwise : i;
}
