// `npm run build`: dist/, with relative URLs (base './'), so that it can be served from any path.
// `npm run dev` serves it alone: run it behind a server that answers /api/demo/session and /beltic
// (the repository's `npm run demo` backend), or see the root README.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: './',
  // <beltic-verify> is a custom element, not a Vue component: Vue renders it as it is (no "Failed to resolve component").
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'beltic-verify' } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
