#!/usr/bin/env node
// Bundles the Lambda handlers (src/lambda/*) with esbuild into dist/aws-bundle/, the folder serverless.yml
// packages. Ships everything the functions need: the OCR model, the SQL migrations, and the native
// onnxruntime-node and sharp binaries for linux-x64 (nothing is fetched at run time). Offline.
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '..');
const repoDir = path.resolve(serverDir, '../..');
const out = path.join(serverDir, 'dist/aws-bundle');
// The handlers sit two levels below the bundle root, as src/… does below the package root, so the
// `../../migrations` and `../../models` paths in the code resolve inside the bundle.
const handlersDir = path.join(out, 'dist/lambda');

export const ENTRY_POINTS = ['api', 's3-uploaded', 'extract', 'textract', 'websocket', 'maintenance'];
/** The functions that read images (the OCR model and the native runtimes go into their packages only). */
const READERS = ['extract', 'textract'];
/** Native packages kept outside the bundle and copied with their own files. */
const NATIVE = ['onnxruntime-node', 'sharp'];
/** Dependencies of native packages that only their install scripts use. */
const INSTALL_ONLY = { 'onnxruntime-node': ['adm-zip', 'global-agent'] };
/** Optional packages some dependencies try to load; absent at run time. */
const ABSENT = ['pg-native', 'pino-pretty', 'ts-node', 'tsx', '@swc/core', 'bufferutil', 'utf-8-validate'];

async function bundle() {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(ENTRY_POINTS.map((e) => [e, path.join(serverDir, `src/lambda/${e}.ts`)])),
    outdir: handlersDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // One self-contained file per entry point: esbuild's chunk splitting would share the reader's modules
    // (and so onnxruntime and sharp) with every function.
    splitting: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    mainFields: ['module', 'main'],
    external: [...NATIVE, ...ABSENT],
    minify: true,
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // CommonJS dependencies (pg, pino) call require() and use __dirname inside an ES module bundle.
    banner: {
      js: [
        "import { createRequire as __cr } from 'node:module';",
        "import { fileURLToPath as __fu } from 'node:url';",
        "import { dirname as __dn } from 'node:path';",
        'const require = __cr(import.meta.url);',
        'const __filename = __fu(import.meta.url);',
        'const __dirname = __dn(__filename);',
      ].join(''),
    },
  });
  return result.metafile;
}

/** External packages each entry point loads at start-up (static imports, transitively). */
export function nativeImportsOf(metafile) {
  const outputs = metafile.outputs;
  const byEntry = {};
  for (const [file, output] of Object.entries(outputs)) {
    if (!output.entryPoint) continue;
    const seen = new Set();
    const natives = new Set();
    const walk = (f) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const imp of outputs[f]?.imports ?? []) {
        if (imp.external) {
          if (NATIVE.includes(imp.path)) natives.add(imp.path);
        } else if (imp.kind === 'import-statement') walk(imp.path);
      }
    };
    walk(file);
    byEntry[path.basename(file, '.mjs')] = [...natives].sort();
  }
  return byEntry;
}

/** Node's lookup of a package folder: node_modules/<name> in fromDir or any folder above it. */
async function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (await exists(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) throw new Error(`Cannot find package ${name} from ${fromDir}`);
  }
}

const exists = (p) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** Copies a package and its production dependencies into the bundle's node_modules (linux-x64 only). */
async function copyPackage(name, fromDir, done = new Set()) {
  if (done.has(name)) return;
  done.add(name);
  const dir = await packageDir(name, fromDir);
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  const target = path.join(out, 'node_modules', name);
  await cp(dir, target, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(dir, src);
      if (rel.startsWith('node_modules')) return false;
      // onnxruntime-node's TypeScript sources and install scripts are not needed at run time.
      if (name === 'onnxruntime-node' && /^(lib|script)([\\/]|$)/.test(rel)) return false;
      // onnxruntime-node ships every platform's binaries: keep linux/x64.
      const napi = /^bin[\\/]napi-v\d+[\\/]([^\\/]+)(?:[\\/]([^\\/]+))?/.exec(rel);
      if (napi && (napi[1] !== 'linux' || (napi[2] && napi[2] !== 'x64'))) return false;
      return !/\.(md|map|d\.ts|cc|h|gyp)$/i.test(rel) || rel === 'package.json';
    },
  });
  const deps = Object.keys(pkg.dependencies ?? {}).filter((d) => !INSTALL_ONLY[name]?.includes(d));
  const optional = Object.keys(pkg.optionalDependencies ?? {}).filter((d) => /linux-x64$/.test(d));
  for (const dep of [...deps, ...optional]) await copyPackage(dep, dir, done);
}

async function main() {
  const started = Date.now();
  await rm(out, { recursive: true, force: true });
  await mkdir(handlersDir, { recursive: true });
  const metafile = await bundle();
  await writeFile(path.join(out, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2));
  await cp(path.join(serverDir, 'migrations'), path.join(out, 'migrations'), { recursive: true });
  // PASSPORT_READER_MODEL: another cell model file to ship (e.g. while the shipped one is being retrained).
  // The int8 models are the ones the reader loads by default (packages/reader/training/quantize.py).
  const model =
    process.env.PASSPORT_READER_MODEL ?? path.join(repoDir, 'packages/reader/models/mrz-ocr.int8.onnx');
  if (!(await exists(model)))
    throw new Error(`${model} is missing: the extract function needs the OCR model`);
  await cp(model, path.join(out, 'models/mrz-ocr.int8.onnx'));
  // the sequence model reads the lines no grid of cells sits on (perspective, curl)
  await cp(
    path.join(repoDir, 'packages/reader/models/mrz-sequence.int8.onnx'),
    path.join(out, 'models/mrz-sequence.int8.onnx'),
  );
  // the models' input contract (cell size, crop, normalisation), which the reader reads at start-up
  await cp(
    path.join(repoDir, 'packages/reader/models/model-input.json'),
    path.join(out, 'models/model-input.json'),
  );
  const readerDir = path.join(repoDir, 'packages/reader');
  const done = new Set();
  for (const name of NATIVE) await copyPackage(name, readerDir, done);
  const natives = nativeImportsOf(metafile);
  await writeFile(path.join(out, 'bundle-report.json'), JSON.stringify({ nativeImports: natives }, null, 2));
  // LAMBDA_BUNDLE_METAFILE: where to write esbuild's metafile, to see what went into which bundle.
  if (process.env.LAMBDA_BUNDLE_METAFILE)
    await writeFile(process.env.LAMBDA_BUNDLE_METAFILE, JSON.stringify(metafile));
  for (const [entry, list] of Object.entries(natives)) {
    if (!READERS.includes(entry) && list.length > 0)
      throw new Error(`${entry} loads native modules at start-up: ${list.join(', ')}`);
  }
  console.log(`Lambda bundle written to ${path.relative(repoDir, out)} in ${Date.now() - started} ms`);
}

await main();
