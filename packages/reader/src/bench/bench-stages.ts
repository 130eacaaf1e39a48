/**
 * Where the reader's time goes: `npm run bench:stages -- [DIR]`.
 * 1. Per stage (decode, locate, rectify, recognise, correct) over DIR (by default the shared
 *    specimens): one warm process, one thread, every image read twice and the second read counted.
 *    Images without an MRZ throw before they report stages and are counted in the total only.
 * 2. Scaling: the shipped warm-up photo placed, a third of the frame wide, on frames of 1, 4, 12,
 *    24 and 35 megapixels stored turned with EXIF orientation 6 (as phones store portrait shots);
 *    for each, the warm reader's stages (median of five reads after one) and the whole CLI process from a
 *    cold start: wall time and peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { readDocument } from '../read-document.js';
import { loadRecogniser } from '../recognise/node-recogniser.js';
import type { Recogniser } from '../recognise/recogniser.js';
import { READ_STAGES, type ReadTimings } from '@passport-reader/contract';

const SPECIMENS = fileURLToPath(new URL('../../../../../shared/datasets/mrz-specimens', import.meta.url));
const WARM_UP_IMAGE = fileURLToPath(new URL('../../assets/warm-up.jpg', import.meta.url));
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const MEGAPIXELS = [1, 4, 12, 24, 35];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const ms = (v: number) => `${v.toFixed(0)}`.padStart(6);

async function timed(
  bytes: Uint8Array,
  recogniser: Recogniser,
): Promise<{ total: number; stages?: ReadTimings }> {
  const started = performance.now();
  try {
    const { timingsMs } = await readDocument(bytes, recogniser);
    return { total: timingsMs.total, stages: timingsMs };
  } catch {
    return { total: performance.now() - started };
  }
}

async function stageSplit(dir: string, recogniser: Recogniser): Promise<void> {
  const names = (await readdir(dir)).filter((f) => /\.(jpe?g|png|webp|tiff?|heic)$/i.test(f)).sort();
  const reads: Array<{ total: number; stages?: ReadTimings }> = [];
  for (const name of names) {
    const bytes = await readFile(path.join(dir, name));
    await timed(bytes, recogniser);
    reads.push(await timed(bytes, recogniser));
  }
  const staged = reads.flatMap((r) => (r.stages ? [r.stages] : []));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const all = sum(staged.map((s) => s.total));
  console.log(`per stage over ${dir} (${names.length} images, ${staged.length} with a result)`);
  console.log(`  stage       share   p50 ms  p95 ms`);
  for (const stage of READ_STAGES) {
    const values = staged.map((s) => s[stage] ?? 0);
    console.log(
      `  ${stage.padEnd(10)} ${((100 * sum(values)) / all).toFixed(1).padStart(5)}%  ${ms(percentile(values, 0.5))}  ${ms(percentile(values, 0.95))}`,
    );
  }
  const totals = reads.map((r) => r.total);
  console.log(
    `  total, every image: p50 ${percentile(totals, 0.5).toFixed(0)} ms, p95 ${percentile(totals, 0.95).toFixed(0)} ms, ` +
      `mean ${(sum(totals) / totals.length).toFixed(0)} ms`,
  );
}

/** A frame of `megapixels` (4:3) with the warm-up photo a third of its width, stored turned with EXIF orientation 6. */
async function photoOf(megapixels: number): Promise<Buffer> {
  const width = Math.round(Math.sqrt((megapixels * 1e6 * 4) / 3));
  const height = Math.round((width * 3) / 4);
  const documentWidth = Math.round(width / 2.2);
  const document = await sharp(WARM_UP_IMAGE).resize({ width: documentWidth }).toBuffer();
  const upright = await sharp({
    create: { width, height, channels: 3, background: { r: 120, g: 110, b: 95 } },
  })
    .composite([{ input: document, left: Math.round(width * 0.3), top: Math.round(height * 0.35) }])
    .jpeg({ quality: 88 })
    .toBuffer();
  // Orientation 6: the stored pixels must be turned 90° clockwise to be seen upright.
  return sharp(upright).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 88 }).toBuffer();
}

function coldCli(file: string): { wallMs: number; peakMb: number; ok: boolean } {
  const script =
    `const { main } = await import(${JSON.stringify(CLI)});` +
    `const lines = [];` +
    `await main(['read', '--json', ${JSON.stringify(file)}], { write: (s) => lines.push(s) }, process.stderr);` +
    `console.log(JSON.stringify({ ok: JSON.parse(lines[0]).ok, rss: process.resourceUsage().maxRSS }));`;
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const wallMs = performance.now() - started;
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { ok?: boolean; rss?: number };
  return { wallMs, peakMb: (report.rss ?? NaN) / 1024, ok: report.ok === true };
}

async function scaling(recogniser: Recogniser): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-stages-'));
  try {
    console.log(`\nscaling: the warm-up photo a third of the frame wide, JPEG with EXIF orientation 6`);
    console.log(
      `     MP   read ms ${READ_STAGES.map((s) => s.padStart(10)).join('')}   cold CLI ms  peak RSS MB  read`,
    );
    for (const megapixels of MEGAPIXELS) {
      const bytes = await photoOf(megapixels);
      const file = path.join(dir, `photo-${megapixels}mp.jpg`);
      await writeFile(file, bytes);
      const reads = [];
      for (let i = 0; i < 6; i++) reads.push(await timed(bytes, recogniser));
      const warm = reads.slice(1).sort((a, b) => a.total - b.total)[2];
      const cold = coldCli(file);
      console.log(
        `  ${String(megapixels).padStart(5)}  ${ms(warm.total).padStart(8)} ${READ_STAGES.map((s) => ms(warm.stages?.[s] ?? NaN).padStart(10)).join('')}` +
          `   ${ms(cold.wallMs).padStart(11)}  ${cold.peakMb.toFixed(0).padStart(11)}  ${cold.ok ? 'ok' : 'FAILED'}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const recogniser = await loadRecogniser();
try {
  await stageSplit(process.argv[2] ?? SPECIMENS, recogniser);
  await scaling(recogniser);
} finally {
  await recogniser.close();
}
