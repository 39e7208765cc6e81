// `npm run demo`: one process serving the demo page, the sandbox (Beltic emulator), the server
// helper's proxy and the demo backend route, so QA needs nothing else running.
import { createReadStream, existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { SANDBOX_PROFILES, type SandboxProfile } from '../src/sandbox/profile.js';
import { createDevBackend, nodeMiddleware } from './dev-backend.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/generated');

function belticBackend(): Plugin {
  return {
    name: 'beltic-dev-backend',
    configureServer(server) {
      const backend = createDevBackend({ profile: sandboxProfile() });
      server.middlewares.use(nodeMiddleware(backend.handle));
      // Fixture document images, to download or drag into the widget.
      server.middlewares.use('/fixtures', (req, res, next) => {
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
