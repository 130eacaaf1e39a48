import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { isReadError } from '../errors.js';
import { DEFAULT_DECODE_LIMITS } from '../image/decode.js';
import { readDocument } from '../read-document.js';
import { loadRecogniser } from '../recognise/node-recogniser.js';
import type { Recogniser } from '../recognise/recogniser.js';
import { inputPaths, STDIN_LIST } from './input-paths.js';
import { readImageFile } from './read-image-file.js';
import { commandLineTooLong, rerunWithPathsOnStdin } from './short-command-line.js';
import { formatOne } from './table.js';
import type { ReadDiagnostics } from '@passport-reader/contract';

export const USAGE = `Usage: passport-reader read [--json] [--null] PATH...

Reads the machine-readable zone of passports, ID cards and visas, offline.
  PATH     an image file; a folder (the image files under it, recursively); or -
           (the paths listed on standard input, one per line)
  --json   one JSON object per file, one per line, in input order
  --null   paths on standard input are NUL-separated (find -print0), not one per line
  -h, --help`;

export type FileOutcome =
  | { file: string; ok: true; result: Awaited<ReturnType<typeof readDocument>> }
  | { file: string; ok: false; error: { code: string; message: string; diagnostics?: ReadDiagnostics } };

interface Writable {
  write(chunk: string): unknown;
}

/** Runs the CLI; returns the exit status (0 when every file was processed, 2 on usage errors). */
export async function main(
  argv: string[],
  out: Writable,
  err: Writable,
  stdin: Readable = process.stdin,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        null: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    err.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...args] = positionals;
  if (command !== 'read' || args.length === 0) {
    err.write(`${command && command !== 'read' ? `Unknown command: ${command}\n` : ''}${USAGE}\n`);
    return 2;
  }
  if (args.filter((arg) => arg === STDIN_LIST).length > 1) {
    err.write(`Standard input (${STDIN_LIST}) can be read once only.\n${USAGE}\n`);
    return 2;
  }
  const paths = inputPaths(args, stdin, values.null ? '\0' : '\n');
  if (commandLineTooLong()) return rerunWithPathsOnStdin(values.json ? ['--json'] : [], paths);

  let recogniser: Promise<Recogniser> | undefined;
  let count = 0;
  try {
    for await (const file of paths) {
      // Not before the first file is known (a folder with no image needs no model); then loaded
      // on the next turn of the event loop, once the first decode is under way on sharp's threads.
      recogniser ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => loadRecogniser());
      const outcome = await readOne(file, recogniser);
      // Printed as each file is read: a run over thousands of files holds one result at a time.
      if (values.json) out.write(`${JSON.stringify(outcome)}\n`);
      else out.write(`${count > 0 ? '\n' : ''}${formatOne(outcome)}`);
      count++;
    }
  } finally {
    await (await recogniser?.catch(() => undefined))?.close();
  }
  if (count === 0) err.write('No image files were found in the paths given.\n');
  return 0;
}

async function readOne(file: string, recogniser: Promise<Recogniser>): Promise<FileOutcome> {
  try {
    const bytes = await readImageFile(file, DEFAULT_DECODE_LIMITS.maxBytes);
    return { file, ok: true, result: await readDocument(bytes, recogniser) };
  } catch (error) {
    if (isReadError(error)) {
      const { code, message, diagnostics } = error;
      return { file, ok: false, error: diagnostics ? { code, message, diagnostics } : { code, message } };
    }
    throw error;
  }
}
