import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTO } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync('npx', ['--no-install', 'passport-reader', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe('passport-reader CLI (server bin)', () => {
  it('delegates `read` to the reader CLI (its usage errors included)', () => {
    const run = cli(['read']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Usage: passport-reader read/);
  });

  it('delegates `read --json FILE` to the reader CLI', () => {
    const run = cli(['read', '--json', UTO]);
    expect(run.status).toBe(0);
    const line = JSON.parse(run.stdout.trim().split('\n')[0]) as { file: string; ok: boolean };
    expect([line.file, line.ok]).toEqual([UTO, true]);
  });

  it('refuses an unknown role with a usage message', () => {
    const run = cli(['serve', '--role', 'boss']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown role: boss/);
    expect(run.stderr).toMatch(/--role all/);
  });

  it('fails fast on bad configuration, naming the variable', () => {
    const run = cli(['serve'], { MAX_UPLOAD_BYTES: 'lots' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/MAX_UPLOAD_BYTES/);
  });
});
