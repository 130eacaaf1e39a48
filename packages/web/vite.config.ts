import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build in dist/ is served by @passport-reader/server at `/`.
// During development (`npm run dev -w packages/web`) the API runs separately on :3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // No source maps: the service would publish them beside the page.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // The on-device reader's worker imports modules (onnxruntime-web among them): an ES module worker.
  worker: { format: 'es' },
  // onnxruntime-web finds its WebAssembly beside itself; the dev server's pre-bundling would move it.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/ws': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
