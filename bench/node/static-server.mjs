// A plain static file server on 127.0.0.1 for the bench pages: the repository (fixtures,
// dist/), the bundled pages under /bench-build/, and an HTML shell per page at
// /bench/page/<name>. Same origin for all, so the pages fetch fixtures and start workers freely.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.y4m': 'application/octet-stream',
};

const BUILD_PREFIX = '/bench-build/';
const PAGE_PREFIX = '/bench/page/';

function pageShell(name) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>bench: ${name}</title></head>
<body><script type="module" src="${BUILD_PREFIX}${name}.js"></script></body>
</html>
`;
}

/** The file under `base` that `urlPath` names, or null when it would leave `base`. */
function resolveInside(base, urlPath) {
  const path = normalize(join(base, decodeURIComponent(urlPath)));
  return path === base || path.startsWith(base + sep) ? path : null;
}

/** Starts the server; resolves to { origin, close() }. */
export function startStaticServer({ root, buildDir }) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    // Chromium asks for it on every page; a 404 would show up as a console error in every run.
    if (pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (pathname.startsWith(PAGE_PREFIX)) {
      response.writeHead(200, { 'content-type': MIME_TYPES['.html'], 'cache-control': 'no-store' });
      response.end(pageShell(pathname.slice(PAGE_PREFIX.length).replace(/[^\w-]/g, '')));
      return;
    }
    const file = pathname.startsWith(BUILD_PREFIX) ? resolveInside(buildDir, pathname.slice(BUILD_PREFIX.length)) : resolveInside(root, pathname);
    const stats = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !stats?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stats.size,
      'cache-control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
