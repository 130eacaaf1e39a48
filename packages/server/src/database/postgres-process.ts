import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';

/** A running Postgres server process of our own. */
export interface PostgresProcess {
  pid: number;
  /** Fast shutdown (SIGINT: clients disconnected, data consistent), then waits for the exit. */
  stop(): Promise<void>;
}

export interface PostgresProcessOptions {
  binary: string;
  dataDir: string;
  port: number;
  flags: string[];
  /** The user to run as (Postgres refuses root). */
  ids: { uid?: number; gid?: number };
  locale: string;
  log: Logger;
}

/** How long a server is given to stop by itself before it is told to stop at once. */
const FAST_SHUTDOWN_MS = 15_000;
const IMMEDIATE_SHUTDOWN_MS = 5_000;

/**
 * util-linux's setpriv, which sets the parent-death signal and then runs the program: where it
 * exists (Linux), a Postgres whose service dies, however it dies, is told to stop (SIGINT, a fast
 * shutdown) instead of living on as an orphan.
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file)) ?? null;

/** Whether a Postgres started here stops by itself when the service dies (see SETPRIV). */
export const STOPS_WITH_SERVICE = SETPRIV !== null;

/**
 * Starts Postgres in a session of its own (detached), so that Ctrl-C in a terminal, which signals
 * the whole foreground process group, reaches only the service: it drains its scans and stops the
 * database last. Resolves once the server accepts connections; rejects if it exits before.
 */
export async function startPostgresProcess(options: PostgresProcessOptions): Promise<PostgresProcess> {
  const args = ['-D', options.dataDir, '-p', String(options.port), ...options.flags];
  const program = SETPRIV ?? options.binary;
  const child = spawn(program, SETPRIV ? ['--pdeathsig', 'INT', options.binary, ...args] : args, {
    ...options.ids,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: options.locale },
  });
  const exited = once(child, 'exit');
  exited.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    // Read for as long as the server runs: a full pipe would block its logging.
    child.stderr.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      options.log.debug(message.trim());
      if (message.includes('database system is ready to accept connections')) resolve();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      reject(new Error(`postgres exited (${code ?? signal}) while starting`)),
    );
  });
  // The last resort when the service exits without stopping it (stop() signals synchronously).
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  return {
    pid: child.pid!,
    async stop() {
      process.removeListener('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), FAST_SHUTDOWN_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Which process started the server on a data directory, written beside it. */
function ownerFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), 'postgres.owner');
}

/** Records this process as the one whose Postgres runs on `dataDir` (see stopOrphanedServer). */
export async function recordOwner(dataDir: string): Promise<void> {
  await writeFile(ownerFile(dataDir), `${process.pid}\n`);
}

export async function forgetOwner(dataDir: string): Promise<void> {
  await rm(ownerFile(dataDir), { force: true });
}

/**
 * A service killed outright (SIGKILL, the OOM killer) leaves its Postgres running with no one to
 * stop it, holding the data directory and the port: every later start would fail. Before starting,
 * a server still running on this data directory is stopped if the service that started it is
 * gone; if that service is alive, the directory is in use and this start must not touch it.
 * Resolves with the pid stopped, or null when there was none.
 */
export async function stopOrphanedServer(dataDir: string, log: Logger): Promise<number | null> {
  const pid = await firstLineNumber(path.join(dataDir, 'postmaster.pid'));
  if (pid === null || !alive(pid)) return null;
  const command = await commandLine(pid);
  // Not a Postgres on this directory (a pid reused after a reboot): not ours to stop.
  if (command === null || !command.includes('postgres') || !command.includes(dataDir)) return null;
  const owner = await firstLineNumber(ownerFile(dataDir));
  if (
    owner !== null &&
    owner !== process.pid &&
    alive(owner) &&
    (await commandLine(owner))?.includes('node')
  ) {
    throw new Error(`the data directory is in use by another running service (pid ${owner})`);
  }
  log.warn({ pid }, 'stopping the embedded Postgres a previous run left behind');
  for (const [signal, waitMs] of [
    ['SIGINT', FAST_SHUTDOWN_MS],
    ['SIGQUIT', IMMEDIATE_SHUTDOWN_MS],
    ['SIGKILL', IMMEDIATE_SHUTDOWN_MS],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return pid;
    }
    for (const deadline = Date.now() + waitMs; Date.now() < deadline;) {
      if (!alive(pid)) return pid;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the Postgres a previous run left behind (pid ${pid}) does not stop`);
}

async function firstLineNumber(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  const value = Number.parseInt(text?.split('\n')[0] ?? '', 10);
  return Number.isInteger(value) && value > 0 ? value : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A process that has exited but that no one has reaped (an orphan under an init that does not) is gone.
  const stat = (() => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
  })();
  return stat === null || stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** The process's command line (Linux /proc); null where it cannot be read. */
async function commandLine(pid: number): Promise<string | null> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return raw === null ? null : raw.split('\0').join(' ');
}
