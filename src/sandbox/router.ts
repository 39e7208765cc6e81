/**
 * A route table small enough to read at a glance; unknown paths are 404, known paths with another
 * method 405, and a query parameter the route does not declare is 400.
 */
import type { Ctx } from './context.js';
import { badRequest } from './errors.js';

export type Handler = (ctx: Ctx) => Response | Promise<Response>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  pattern: string;
  handler: Handler;
  segments: string[];
  /** The query parameters the handler reads; any other is refused rather than silently ignored. */
  query: readonly string[];
}

export function route(method: Route['method'], pattern: string, handler: Handler, query: readonly string[] = []): Route {
  return { method, pattern, handler, segments: pattern.split('/').filter(Boolean), query };
}

/**
 * A misspelt filter (`filter[acount]`) would otherwise answer the unfiltered list, which looks
 * right and is not; so every parameter the route does not read is a 400 naming it.
 */
export function assertKnownQuery(route: Route, query: URLSearchParams): void {
  for (const name of new Set(query.keys())) {
    if (route.query.includes(name)) continue;
    const accepted = route.query.length ? `it accepts ${route.query.join(', ')}` : 'it accepts no query parameters';
    const path = route.pattern.replace(/:(\w+)/g, '{$1}');
    throw badRequest('unknown_parameter', `Unknown query parameter "${name}" for ${route.method} ${path}: ${accepted}.`, { parameter: name });
  }
}

export type Match = { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'method_not_allowed'; allow: string[] } | { kind: 'not_found' };

export function matchRoute(routes: Route[], method: string, path: string): Match {
  const parts = path.split('/').filter(Boolean);
  const allow: string[] = [];
  for (const r of routes) {
    const params = matchSegments(r.segments, parts);
    if (!params) continue;
    if (r.method === method) return { kind: 'found', route: r, params };
    allow.push(r.method);
  }
  return allow.length ? { kind: 'method_not_allowed', allow } : { kind: 'not_found' };
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    let part: string;
    try {
      part = decodeURIComponent(parts[i]!);
    } catch {
      return null;
    }
    if (p.startsWith(':')) params[p.slice(1)] = part;
    else if (p !== part) return null;
  }
  return params;
}
