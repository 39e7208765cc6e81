/**
 * The Node adapter: a Fetch handler as a `(req, res)` listener for node:http, Express, Connect or
 * Koa. The only file of the server helper that may touch Node APIs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { errorResponse } from '../api/responses.js';
import type { ClientConnection } from './proxy.js';

export type FetchHandler = (request: Request, connection?: ClientConnection) => Promise<Response>;

export function toNodeHandler(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = getRequestListener((request, env) => handler(request, connectionOf(env.incoming)), {
    // Leave the host process's global Request/Response alone (Vite, test runners, the integrator's app).
    overrideGlobalObjects: false,
    errorHandler: () => errorResponse(500, { code: 'internal_error', title: 'Internal error' }),
  });
  return (req, res) => {
    void listener(req, res);
  };
}

/**
 * As toNodeHandler, for handlers that answer only some paths: a null answer passes the request on
 * to the next middleware (Connect/Express/Vite style `next`).
 */
export function toNodeMiddleware(
  handler: (request: Request, connection?: ClientConnection) => Promise<Response | null>,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const passedOn = Symbol('passed on');
    const listener = getRequestListener(
      async (request, env) => {
        const response = await handler(request, connectionOf(env.incoming));
        if (response === null) throw passedOn;
        return response;
      },
      {
        overrideGlobalObjects: false,
        // The request body is not consumed when the request is passed on: the next middleware reads it.
        autoCleanupIncoming: false,
        errorHandler: (error) => {
          if (error === passedOn) {
            next();
            return undefined;
          }
          return errorResponse(500, { code: 'internal_error', title: 'Internal error' });
        },
      },
    );
    void listener(req, res);
  };
}

function connectionOf(incoming: { socket?: { remoteAddress?: string } }): ClientConnection {
  return { clientIp: incoming.socket?.remoteAddress ?? null };
}
