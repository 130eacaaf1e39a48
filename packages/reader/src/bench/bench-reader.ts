/**
 * Accuracy and latency of the reader on a labelled folder: `npm run bench:reader -- DIR`.
 * DIR/labels.json maps file names to `{ "mrz": [lines] | null }`. One process, one warm-up read,
 * then every file once; latencies are the reader's own total per image.
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
  await read(path.join(dir, names[0]), recogniser);

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
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  console.log(
    `\nexact ${counts.exact}/${documents} (${((100 * counts.exact) / documents).toFixed(1)}%), ` +
      `false-valid ${counts['FALSE-VALID']}, wrong ${counts.wrong}, missed ${counts.missed}, ` +
      `negatives rejected ${counts.rejected}/${names.length - documents}`,
  );
  console.log(
    `p50 ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms per image; ` +
      `${((1000 * names.length) / wall).toFixed(1)} images/s in one thread`,
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
