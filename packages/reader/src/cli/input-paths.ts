import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { DECODABLE_TYPES } from '../image/decode.js';
import { FILE_EXTENSIONS } from '../image/sniff.js';

/** The argument that stands for a list of paths on standard input. */
export const STDIN_LIST = '-';

const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(
  [...DECODABLE_TYPES].flatMap((type) => FILE_EXTENSIONS[type]),
);

/**
 * The files a `read` command names, one at a time and in order, so that thousands of them never
 * sit in memory: a file as given (even one that does not exist: reading it reports why), a folder
 * as the image files under it (by name ending, in sorted order, folders reached through links not
 * entered so a link loop cannot trap the walk), and `-` as the paths listed on standard input, one
 * per line (or NUL-separated, as `find -print0` writes them), each taken like an argument.
 */
export async function* inputPaths(
  args: readonly string[],
  stdin: Readable,
  separator: '\n' | '\0',
): AsyncGenerator<string> {
  for (const arg of args) {
    if (arg === STDIN_LIST) {
      for await (const listed of listedPaths(stdin, separator)) yield* expand(listed);
    } else {
      yield* expand(arg);
    }
  }
}

async function* expand(given: string): AsyncGenerator<string> {
  const info = await stat(given).catch(() => null);
  if (info?.isDirectory()) yield* imagesUnder(given);
  else yield given;
}

async function* imagesUnder(folder: string): AsyncGenerator<string> {
  const entries: Array<{ name: string; folder: boolean }> = [];
  for await (const entry of await opendir(folder)) {
    if (entry.isDirectory()) entries.push({ name: entry.name, folder: true });
    else if (
      (entry.isFile() || entry.isSymbolicLink()) &&
      IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())
    )
      entries.push({ name: entry.name, folder: false });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.folder) yield* imagesUnder(full);
    else yield full;
  }
}

async function* listedPaths(stdin: Readable, separator: '\n' | '\0'): AsyncGenerator<string> {
  if (separator === '\n') {
    for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
      if (line !== '') yield line;
    }
    return;
  }
  let pending = '';
  // Decoded as a stream, so a character split between two chunks stays whole.
  stdin.setEncoding('utf8');
  for await (const chunk of stdin as AsyncIterable<string>) {
    const parts = (pending + chunk).split('\0');
    pending = parts.pop()!;
    for (const part of parts) if (part !== '') yield part;
  }
  if (pending !== '') yield pending;
}
