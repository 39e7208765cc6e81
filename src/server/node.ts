/**
 * The Node adapter: a Fetch handler as a `(req, res)` listener for node:http, Express, Connect or
 * Koa. The only file of the server helper that may touch Node APIs.
 *
 * It runs on @hono/node-server, an optional peer dependency of beltic-verify: installed by the
 * integrators who use this adapter (`npm install @hono/node-server`), not by every install of the
 * package. It is loaded when an adapter is made, so importing this module never fails.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type * as NodeServer from '@hono/node-server';
import { errorResponse } from '../api/responses.js';
import type { ClientConnection } from './proxy.js';

export type FetchHandler = (request: Request, connection?: ClientConnection) => Promise<Response>;

const PEER = '@hono/node-server';
let nodeServer: typeof NodeServer | undefined;

/** @hono/node-server, loaded once, when the first adapter is made: a clear error there if it is missing. */
function loadNodeServer(): typeof NodeServer {
  if (nodeServer) return nodeServer;
  try {
    nodeServer = createRequire(import.meta.url)(PEER) as typeof NodeServer;
    return nodeServer;
  } catch (error) {
    const missing = (error as { code?: string }).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${PEER}'`);
    if (!missing) throw error;
    throw new Error(
      `beltic-verify/server/node needs ${PEER}, an optional peer dependency that is not installed: run \`npm install ${PEER}\`. ` +
        '(beltic-verify/server alone needs nothing: its proxy is a Fetch handler for any runtime.)',
      { cause: error },
    );
  }
}

export function toNodeHandler(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  const { getRequestListener } = loadNodeServer();
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
  const { getRequestListener } = loadNodeServer();
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
