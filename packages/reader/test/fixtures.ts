import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

import { SPECIMENS } from '../../../test/datasets.js';

export { SPECIMENS, specimenLabels, type SpecimenLabel } from '../../../test/datasets.js';

export function specimen(name: string): Buffer {
  return readFileSync(path.join(SPECIMENS, name));
}

/** A PNG whose header declares width×height but whose data is a few bytes: a decompression bomb's shape. */
export function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The bad inputs every entry point must refuse with a specific code, written as real files. */
export async function writeBadInputs(): Promise<Record<string, { file: string; code: string }>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'reader-bad-'));
  const jpeg = specimen('100_pass-uto.jpg');
  const files: Record<string, [Buffer, string, string]> = {
    empty: [Buffer.alloc(0), 'empty.jpg', 'UNREADABLE_IMAGE'],
    truncatedJpeg: [jpeg.subarray(0, Math.floor(jpeg.length / 3)), 'truncated.jpg', 'UNREADABLE_IMAGE'],
    textAsJpeg: [Buffer.from('this is not a picture\n'.repeat(20)), 'notes.jpg', 'UNSUPPORTED_TYPE'],
    onePixel: [
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
      'pixel.png',
      'NO_MRZ',
    ],
    bomb: [pngDeclaring(20000, 20000), 'bomb.png', 'TOO_LARGE'],
  };
  return Object.fromEntries(
    Object.entries(files).map(([key, [bytes, name, code]]) => {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return [key, { file, code }];
    }),
  );
}

/** Distance between two angles in degrees, on the circle. */
export function angularDistance(a: number, b: number): number {
  const d = (((a - b) % 360) + 360) % 360;
  return Math.min(d, 360 - d);
}
