/**
 * Accuracy and latency of the reader on a labelled folder: `npm run bench:reader -- DIR`.
 * DIR/labels.json maps file names to `{ "mrz": [lines] | null }`. One process, one thread: every
 * file read once to warm up (the JavaScript compiler has then seen every path the set takes, as
 * in a service that has been reading for a while; the reader keeps nothing from one read to the
 * next), then every file again, counted. Latencies are the reader's own total per image; the
 * first pass's are printed too, for a process that reads a set once (the CLI).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isReadError } from '../errors.js';
import { readDocument } from '../read-document.js';
import { loadRecogniser } from '../recognise/node-recogniser.js';
import type { Recogniser } from '../recognise/recogniser.js';

type Outcome = 'exact' | 'wrong' | 'missed' | 'FALSE-VALID' | 'rejected';

interface Label {
  mrz: string[] | null;
}

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run bench:reader -- DIR   (DIR/labels.json holds the labels)');
    return 2;
  }
  const labels = JSON.parse(await readFile(path.join(dir, 'labels.json'), 'utf8')) as Record<
    string,
    Label | null
  >;
  const names = Object.keys(labels).sort();
  const recogniser = await loadRecogniser();
  const firstReads: number[] = [];
  for (const name of names) {
    const t = performance.now();
    const got = await read(path.join(dir, name), recogniser);
    firstReads.push(got.ok ? got.result.timingsMs.total : performance.now() - t);
  }

  const counts: Record<Outcome, number> = { exact: 0, wrong: 0, missed: 0, 'FALSE-VALID': 0, rejected: 0 };
  const latencies: number[] = [];
  const started = performance.now();
  for (const name of names) {
    const want = labels[name]?.mrz ?? null;
    const t = performance.now();
    const got = await read(path.join(dir, name), recogniser);
    latencies.push(got.ok ? got.result.timingsMs.total : performance.now() - t);
    const outcome = classify(want, got);
    counts[outcome]++;
    const detail = got.ok ? `${got.result.format} valid=${got.result.valid}` : got.code;
    console.log(
      `${outcome.padEnd(11)} ${name.padEnd(28)} ${detail.padEnd(18)} ${latencies.at(-1)!.toFixed(0)} ms`,
    );
  }
  const wall = performance.now() - started;
  await recogniser.close();
  const documents = names.filter((n) => labels[n]?.mrz).length;
  const pct = (p: number, values = latencies) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  };
  console.log(
    `\nexact ${counts.exact}/${documents} (${((100 * counts.exact) / documents).toFixed(1)}%), ` +
      `false-valid ${counts['FALSE-VALID']}, wrong ${counts.wrong}, missed ${counts.missed}, ` +
      `negatives rejected ${counts.rejected}/${names.length - documents}`,
  );
  console.log(
    `p50 ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms per image; ` +
      `${((1000 * names.length) / wall).toFixed(1)} images/s in one thread ` +
      `(first reads: p50 ${pct(0.5, firstReads).toFixed(0)} ms, p95 ${pct(0.95, firstReads).toFixed(0)} ms)`,
  );
  return 0;
}

type Read = { ok: true; result: Awaited<ReturnType<typeof readDocument>> } | { ok: false; code: string };

async function read(file: string, recogniser: Recogniser): Promise<Read> {
  try {
    return { ok: true, result: await readDocument(await readFile(file), recogniser) };
  } catch (error) {
    if (isReadError(error)) return { ok: false, code: error.code };
    throw error;
  }
}

/** exact: every line equal; FALSE-VALID: says valid but differs (or there is no MRZ); wrong: differs, not valid. */
function classify(want: string[] | null, got: Read): Outcome {
  if (!want) return got.ok && got.result.valid ? 'FALSE-VALID' : 'rejected';
  if (!got.ok) return 'missed';
  if (got.result.mrz.join('\n') === want.join('\n')) return 'exact';
  return got.result.valid ? 'FALSE-VALID' : 'wrong';
}

process.exitCode = await main();
