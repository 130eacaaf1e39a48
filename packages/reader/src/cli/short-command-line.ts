import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import { STDIN_LIST } from './input-paths.js';

/**
 * ONNX Runtime 1.30 overflows its stack while creating a session in a process whose command line
 * is longer than about 28 KB (a shell glob over a folder of 600 photos): the process dies with a
 * segmentation fault before it has read a file. Below this many bytes the command line is safe.
 */
const SAFE_COMMAND_LINE_BYTES = 16 * 1024;

/** Whether this process's own command line is too long for ONNX Runtime (see above). */
export function commandLineTooLong(): boolean {
  const bytes = [process.execPath, ...process.execArgv, ...process.argv.slice(1)].reduce(
    (sum, arg) => sum + Buffer.byteLength(arg) + 1,
    0,
  );
  return bytes > SAFE_COMMAND_LINE_BYTES;
}

/**
 * Runs the same command again in a child process with a short command line, the paths handed to
 * it NUL-separated on its standard input as they are found; its output is this process's output.
 * Resolves with the child's exit status.
 */
export async function rerunWithPathsOnStdin(flags: string[], paths: AsyncIterable<string>): Promise<number> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, process.argv[1], 'read', ...flags, '--null', STDIN_LIST],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  // A child that dies early closes its input: the writes below must not kill this process too.
  child.stdin.on('error', () => {});
  for await (const file of paths) {
    if (child.stdin.destroyed) break;
    if (!child.stdin.write(`${file}\0`)) {
      await Promise.race([once(child.stdin, 'drain').catch(() => undefined), exited]);
    }
  }
  child.stdin.end();
  const [code, signal] = await exited;
  return code ?? 128 + (signal ? constants.signals[signal] : 0);
}
