import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { Pyramid, type GreyImage } from '../src/image/grey-image.js';
import { CELL_WIDTH, CROP_HEIGHT, cropLine } from '../src/rectify/line-crop.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(import.meta.dirname, '../training/contract_crop.py');
/** The training code needs numpy and OpenCV (Debian's python3-numpy, python3-opencv); CI installs them. */
const trainingRuns = spawnSync(PYTHON, ['-c', 'import cv2, numpy, PIL'], { stdio: 'ignore' }).status === 0;

/** A grey page with a line of dark blocks at `pitch` and a soft gradient, like an MRZ line. */
function page(pitch: number, cells: number, cx: number, cy: number): GreyImage {
  const width = Math.ceil(cx + (cells + 2) * pitch);
  const height = Math.ceil(cy + 3 * pitch);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = Math.round((x - cx) / pitch);
      const dx = x + 0.5 - (cx + cell * pitch);
      const dy = y + 0.5 - cy;
      const ink = cell >= 0 && cell < cells && Math.abs(dx) < 0.3 * pitch && Math.abs(dy) < 0.45 * pitch;
      const stroke = ink && (cell % 3 !== 1 || Math.abs(dx) > 0.15 * pitch);
      data[y * width + x] = stroke ? 40 + (cell % 5) * 8 : 200 + Math.round((30 * x) / width);
    }
  }
  return { width, height, data };
}

const dir = mkdtempSync(path.join(tmpdir(), 'parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!trainingRuns)('model input parity (needs /usr/bin/python3 with numpy and OpenCV)', () => {
  // Characters smaller than a cell, upscaled by both the same way (half a pixel off is 0.07); and
  // larger, where the reader averages a pyramid level and the training code OpenCV's INTER_AREA
  // (0.024 apart).
  it.each([
    [13.7, 30, 0.015],
    [41.3, 44, 0.04],
  ])(
    'the reader crops a line as the training code does: pitch %s px, %s cells',
    async (pitch, cells, tolerance) => {
      const [cx, cy] = [30.4, 2.2 * pitch + 0.3];
      const image = page(pitch, cells, cx, cy);
      const file = path.join(dir, `line-${pitch}.png`);
      await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 1 } })
        .png()
        .toFile(file);
      // The contract (and the training code) counts in pixel edges, the reader in pixel centres
      // (pixel k's centre is k): the same point is half a pixel less in the reader's coordinates.
      const geometry = { x0: cx - 0.5, y0: cy - 0.5, ux: 1, uy: 0, pitch, cells };
      const ours = cropLine(new Pyramid(image), geometry);
      const theirs = JSON.parse(
        execFileSync(PYTHON, [SCRIPT, file, String(cx), String(cy), String(pitch), String(cells)], {
          encoding: 'utf8',
        }),
      ) as { width: number; height: number; values: number[] };
      expect([theirs.width, theirs.height]).toEqual([CELL_WIDTH * cells, CROP_HEIGHT]);
      let sum = 0;
      for (let i = 0; i < ours.length; i++) sum += Math.abs(ours[i] - theirs.values[i]);
      expect(sum / ours.length).toBeLessThan(tolerance);
    },
  );
});
