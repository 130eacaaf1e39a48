import { parseArgs } from 'node:util';
import { readerCli } from '@passport-reader/reader';
import { ConfigError, loadConfig } from '../config/service-config.js';
import { startService } from '../composition.js';
import { createLogger } from '../logging.js';
import { ROLES, type Role } from '../roles/role.js';

interface Writable {
  write(chunk: string): unknown;
}

export const SERVE_USAGE = `Usage: passport-reader serve [--role all|api|worker]

Starts the scanning service (configuration from environment variables; see packages/server/README.md).
  --role all      HTTP API, WebSockets and workers in one process (default)
  --role api      HTTP API and WebSockets only
  --role worker   job workers only (plus /healthz, /readyz and /metrics)`;

/**
 * `passport-reader serve` starts the service; every other command (notably `read`) is the reader's CLI.
 * Resolves with the exit status once the service has stopped (SIGTERM, SIGINT and SIGHUP drain it).
 */
export async function main(argv: string[], out: Writable, err: Writable): Promise<number> {
  if (argv[0] !== 'serve') {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
      out.write(`${SERVE_USAGE}\n\nor:\n`);
    }
    return readerCli(argv, out, err);
  }
  let role: Role;
  try {
    const { values } = parseArgs({
      args: argv.slice(1),
      options: {
        role: { type: 'string', default: 'all' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      out.write(`${SERVE_USAGE}\n`);
      return 0;
    }
    if (!ROLES.includes(values.role as Role)) throw new Error(`Unknown role: ${values.role}`);
    role = values.role as Role;
  } catch (error) {
    err.write(`${(error as Error).message}\n${SERVE_USAGE}\n`);
    return 2;
  }

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL);
  let service;
  try {
    service = await startService(config, role, log);
  } catch (error) {
    const e = error as Error & { code?: string; cause?: Error };
    log.fatal(
      { code: e.code ?? 'START_FAILED', err: e.message, cause: e.cause?.message },
      'service failed to start',
    );
    return 1;
  }
  const running = service;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: exiting at once');
        process.exit(1);
      }
      stopping = true;
      log.info({ signal }, 'shutting down: draining');
      running.close().then(
        () => {
          log.info('stopped cleanly');
          resolve(0);
        },
        (error: Error) => {
          log.error({ err: error.message }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    // SIGHUP too: a closed terminal or SSH session drains like Ctrl-C, rather than dying mid-scan.
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('SIGHUP', stop);
    // npm and npx do not pass a SIGTERM on to what they run: the service outlived an `npm start`
    // that was stopped, and ran on under init. Run by npm, the service drains when its parent goes.
    if (process.env.npm_command !== undefined || process.env.npm_lifecycle_event !== undefined) {
      const parent = process.ppid;
      const orphaned = setInterval(() => {
        if (process.ppid !== parent) {
          clearInterval(orphaned);
          stop('SIGTERM');
        }
      }, 1000);
      orphaned.unref();
    }
  });
}
