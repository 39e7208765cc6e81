// `npm run demo` (`npm run demo -- --port 4000` for another port): one process serving the demo page,
// the sandbox (Beltic emulator), the server helper's proxy and the demo backend route, so QA needs
// nothing else running. The library's own build is ../vite.config.ts.
//
// The backend (./dev-backend.ts: the sandbox and the proxy) is loaded when the server starts, through
// tsx, as the browser tests load it, and not bundled into this config (Vite bundles a config with what
// it imports): the demo runs the backend's code as the tests do.
import { createReadStream, existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { defineConfig, type Plugin } from 'vite';
import { SANDBOX_PROFILES, type SandboxProfile } from '../src/sandbox/profile.js';
import type * as DevBackendModule from './dev-backend.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/generated');

function belticBackend(): Plugin {
  return {
    name: 'beltic-dev-backend',
    async configureServer(server) {
      const { createDevBackend, nodeMiddleware } = (await tsImport('./dev-backend.ts', import.meta.url)) as typeof DevBackendModule;
      const backend = createDevBackend({ profile: sandboxProfile() });
      server.middlewares.use(nodeMiddleware(backend.handle));
      // The page has no icon: an empty answer rather than a 404 in the browser's console.
      server.middlewares.use('/favicon.ico', (_req, res) => {
        res.statusCode = 204;
        res.end();
      });
      // Fixture document images, to download or drag into the widget: at the path the browser tests'
      // server has them too, so that the page works unchanged in both (test/demo/demo.browser.test.ts).
      server.middlewares.use('/test/fixtures/generated', (req, res, next) => {
        const name = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
        const file = join(fixtures, name);
        if (!file.startsWith(fixtures) || !existsSync(file)) return next();
        const type = file.endsWith('.png') ? 'image/png' : file.endsWith('.json') ? 'application/json' : 'image/jpeg';
        res.setHeader('Content-Type', type);
        createReadStream(file).pipe(res);
      });
      server.httpServer?.once('listening', () => {
        setTimeout(() => {
          console.log(`  Sandbox profile: ${backend.sandbox.profile}${backend.sandbox.profile === 'docs' ? " (only what Beltic's pages document)" : ''}`);
          console.log(`  Sandbox API key (for curl against /sandbox): ${backend.apiKey}`);
        }, 50);
      });
    },
  };
}

/** `BELTIC_SANDBOX_PROFILE=docs npm run demo` runs the demo against a sandbox that answers only what Beltic documents. */
function sandboxProfile(): SandboxProfile {
  const profile = process.env.BELTIC_SANDBOX_PROFILE || 'default';
  if (!(SANDBOX_PROFILES as readonly string[]).includes(profile)) {
    throw new Error(`BELTIC_SANDBOX_PROFILE must be one of ${SANDBOX_PROFILES.join(', ')}, not "${profile}".`);
  }
  return profile as SandboxProfile;
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [belticBackend()],
  server: { port: 5173, host: '127.0.0.1', fs: { allow: [root] } },
  clearScreen: false,
});
