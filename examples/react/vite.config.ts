// `npm run build`: dist/, with relative URLs (base './'), so that it can be served from any path; and
// dist/development/, the same page with React's development build, where StrictMode mounts the app twice
// and runs each effect twice, as it does while an integrator develops (the tests walk both).
// `npm run dev`: the page with hot reload, its /api/demo, /beltic and /sandbox requests sent on to the
// repository's demo backend (`npm run demo` at the root).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The demo backend's default address (`npm run demo -- --port N` elsewhere: change it here).
const backend = 'http://127.0.0.1:5173';

export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react()],
  define: mode === 'development' ? { 'process.env.NODE_ENV': JSON.stringify('development') } : {},
  build: mode === 'development' ? { outDir: 'dist/development', emptyOutDir: true, minify: false } : { outDir: 'dist', emptyOutDir: true },
  server: { proxy: Object.fromEntries(['/api/demo', '/beltic', '/sandbox'].map((path) => [path, backend])) },
}));
