import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPECIMENS, writeBadInputs } from './fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The CLI as users and the scoring tool run it: npx from the repository root, compiled code. */
function cli(...args: string[]) {
  return cliWithInput(undefined, ...args);
}

function cliWithInput(input: string | undefined, ...args: string[]) {
  const run = spawnSync('npx', ['--no-install', 'passport-reader', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; ok: boolean; error?: { code: string } });

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

  it('reads a folder as the image files under it, recursively and in sorted order', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-folder-'));
    mkdirSync(path.join(dir, 'b-inner'));
    copyFileSync(path.join(SPECIMENS, '100_pass-uto.jpg'), path.join(dir, 'c.JPG'));
    copyFileSync(path.join(SPECIMENS, 'pacman.png'), path.join(dir, 'b-inner', 'pacman.png'));
    copyFileSync(path.join(SPECIMENS, 'passport-td2.png'), path.join(dir, 'a.png'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not an image');
    const run = cli('read', '--json', dir);
    expect(run.status).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => path.relative(dir, l.file))).toEqual([
      'a.png',
      path.join('b-inner', 'pacman.png'),
      'c.JPG',
    ]);
    expect(lines.map((l) => l.ok)).toEqual([true, false, true]);
  });

  it('reads the paths listed on standard input with -, one per line or NUL-separated', () => {
    const files = [path.join(SPECIMENS, '100_pass-uto.jpg'), path.join(SPECIMENS, 'pacman.png')];
    const byLine = cliWithInput(`${files.join('\n')}\n`, 'read', '--json', '-');
    expect(byLine.status).toBe(0);
    expect(jsonLines(byLine.stdout).map((l) => [l.file, l.ok])).toEqual([
      [files[0], true],
      [files[1], false],
    ]);
    const named = path.join(SPECIMENS, 'passport-td3.png');
    const byNul = cliWithInput(files.join('\0'), 'read', '--json', named, '--null', '-');
    expect(jsonLines(byNul.stdout).map((l) => l.file)).toEqual([named, ...files]);
    expect(cliWithInput('', 'read', '-', '-').status).toBe(2);
  });

  it('survives a 100 KB command line (ONNX Runtime crashed creating its session under one)', () => {
    const image = path.join(SPECIMENS, '100_pass-uto.jpg');
    const missing = Array.from({ length: 2000 }, (_, i) =>
      path.join('no-such-folder', `a-photo-that-is-not-there-${String(i).padStart(5, '0')}.jpg`),
    );
    const args = ['read', '--json', image, ...missing];
    expect(args.join(' ').length).toBeGreaterThan(100_000);
    const run = cli(...args);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l.file)).toEqual([image, ...missing]);
    expect(lines[0].ok).toBe(true);
    expect(new Set(lines.slice(1).map((l) => l.error?.code))).toEqual(new Set(['UNREADABLE_IMAGE']));
  });

  it('refuses devices, FIFOs and oversized files from what they are, without reading them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-special-'));
    const fifo = path.join(dir, 'pipe.jpg');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const huge = path.join(dir, 'huge.jpg');
    writeFileSync(huge, '');
    // sparse: 3 GB of nothing on disk, refused from its size
    truncateSync(huge, 3 * 1024 ** 3);
    const run = cli('read', '--json', '/dev/zero', fifo, huge);
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout).map((l) => [l.file, l.error?.code])).toEqual([
      ['/dev/zero', 'UNREADABLE_IMAGE'],
      [fifo, 'UNREADABLE_IMAGE'],
      [huge, 'TOO_LARGE'],
    ]);
  });
});
