import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPECIMENS, writeBadInputs } from './fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The CLI as users and the scoring tool run it: npx from the repository root, compiled code. */
function cli(...args: string[]) {
  const run = spawnSync('npx', ['--no-install', 'passport-reader', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

let inputs: Awaited<ReturnType<typeof writeBadInputs>>;
beforeAll(async () => {
  inputs = await writeBadInputs();
});

describe('passport-reader CLI (DESIGN.md contract)', () => {
  it('prints one JSON line per file, in input order, and exits 0 when all were processed', () => {
    const files = [
      path.join(SPECIMENS, '100_pass-uto.jpg'),
      inputs.textAsJpeg.file,
      path.join(SPECIMENS, 'pacman.png'),
      inputs.bomb.file,
      inputs.empty.file,
      inputs.truncatedJpeg.file,
    ];
    const run = cli('read', '--json', ...files);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(files);
    expect(lines[0]).toMatchObject({ ok: true, result: { format: 'TD3', valid: true } });
    expect(lines[0].result.mrz).toEqual([
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    ]);
    expect(Object.keys(lines[0].result.timingsMs)).toEqual(
      expect.arrayContaining(['total', 'decode', 'locate', 'recognise', 'correct']),
    );
    expect(lines.slice(1).map((l) => [l.ok, l.error.code])).toEqual([
      [false, 'UNSUPPORTED_TYPE'],
      [false, 'NO_MRZ'],
      [false, 'TOO_LARGE'],
      [false, 'UNREADABLE_IMAGE'],
      [false, 'UNREADABLE_IMAGE'],
    ]);
  });

  it('prints a readable table without --json', () => {
    const run = cli('read', path.join(SPECIMENS, '100_pass-uto.jpg'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ERIKSSON, ANNA MARIA');
    expect(run.stdout).toContain('1974-08-12');
  });

  it('exits non-zero with usage on a usage error', () => {
    expect(cli('read').status).toBe(2);
    expect(cli('scan', 'x.jpg').status).toBe(2);
    expect(cli('read', '--frobnicate', 'x.jpg').stderr).toContain('Usage');
  });
});
