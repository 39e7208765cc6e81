/** A route table small enough to read at a glance; unknown paths are 404, known paths with another method 405. */
import type { Ctx } from './context.js';

export type Handler = (ctx: Ctx) => Response | Promise<Response>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  pattern: string;
  handler: Handler;
  segments: string[];
}

export function route(method: Route['method'], pattern: string, handler: Handler): Route {
  return { method, pattern, handler, segments: pattern.split('/').filter(Boolean) };
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

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
