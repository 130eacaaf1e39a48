import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside each script, style sheet and WebAssembly file,
 * which the service sends to browsers that accept them (@fastify/static's preCompressed): the
 * on-device reader's 14 MB of WebAssembly travels as 2.7 MB. Brotli at 9, not 11: within a few
 * per cent of the smallest, in seconds rather than a minute.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const assets = path.join(outDir, 'assets');
      for (const name of await readdir(assets)) {
        if (!/\.(js|css|wasm)$/.test(name)) continue;
        const file = path.join(assets, name);
        const bytes = await readFile(file);
        await writeFile(
          `${file}.br`,
          await brotli(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 9,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
        await writeFile(`${file}.gz`, await gzipped(bytes, { level: 9 }));
      }
    },
  };
}

// The production build in dist/ is served by @passport-reader/server at `/`.
// During development (`npm run dev -w packages/web`) the API runs separately on :3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
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
