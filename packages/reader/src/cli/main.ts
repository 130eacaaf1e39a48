import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isReadError } from '../errors.js';
import { readDocument } from '../read-document.js';
import { Recogniser } from '../recognise/recogniser.js';
import { formatTable } from './table.js';
import type { ReadDiagnostics } from '../diagnostics.js';

export const USAGE = `Usage: passport-reader read [--json] FILE...

Reads the machine-readable zone of passports, ID cards and visas, offline.
  --json   one JSON object per file, one per line, in input order
  -h, --help`;

export type FileOutcome =
  | { file: string; ok: true; result: Awaited<ReturnType<typeof readDocument>> }
  | { file: string; ok: false; error: { code: string; message: string; diagnostics?: ReadDiagnostics } };

interface Writable {
  write(chunk: string): unknown;
}

/** Runs the CLI; returns the exit status (0 when every file was processed, 2 on usage errors). */
export async function main(argv: string[], out: Writable, err: Writable): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
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
  const [command, ...files] = positionals;
  if (command !== 'read' || files.length === 0) {
    err.write(`${command && command !== 'read' ? `Unknown command: ${command}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const recogniser = await Recogniser.load();
  const outcomes: FileOutcome[] = [];
  try {
    for (const file of files) {
      const outcome = await readFile(file).then(
        (bytes) => readOne(file, bytes, recogniser),
        (error: NodeJS.ErrnoException): FileOutcome => ({
          file,
          ok: false,
          error: {
            code: 'UNREADABLE_IMAGE',
            message: `Cannot open the file (${error.code ?? error.message}).`,
          },
        }),
      );
      if (values.json) out.write(`${JSON.stringify(outcome)}\n`);
      outcomes.push(outcome);
    }
  } finally {
    await recogniser.close();
  }
  if (!values.json) out.write(formatTable(outcomes));
  return 0;
}

async function readOne(file: string, bytes: Uint8Array, recogniser: Recogniser): Promise<FileOutcome> {
  try {
    return { file, ok: true, result: await readDocument(bytes, recogniser) };
  } catch (error) {
    if (isReadError(error)) {
      const { code, message, diagnostics } = error;
      return { file, ok: false, error: diagnostics ? { code, message, diagnostics } : { code, message } };
    }
    throw error;
  }
}
