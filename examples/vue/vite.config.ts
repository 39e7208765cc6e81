// `npm run build`: dist/, with relative URLs (base './'), so that it can be served from any path.
// `npm run dev`: the page with hot reload, its /api/demo, /beltic and /sandbox requests sent on to the
// repository's demo backend (`npm run demo` at the root).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The demo backend's default address (`npm run demo -- --port N` elsewhere: change it here).
const backend = 'http://127.0.0.1:5173';

export default defineConfig({
  base: './',
  // <beltic-verify> is a custom element, not a Vue component: Vue renders it as it is (no "Failed to resolve component").
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'beltic-verify' } } })],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: Object.fromEntries(['/api/demo', '/beltic', '/sandbox'].map((path) => [path, backend])) },
});
