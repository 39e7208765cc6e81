// `npm run build`: dist/, with relative URLs (base './'), so that it can be served from any path.
// `npm run dev` serves it alone: run it behind a server that answers /api/demo/session and /beltic
// (the repository's `npm run demo` backend), or see the root README.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
