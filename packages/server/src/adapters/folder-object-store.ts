import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import type { ObjectStore } from '../ports.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Objects as files under one folder; writes are atomic (temp file + rename). */
export class FolderObjectStore implements ObjectStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`Invalid object key`);
    return path.join(this.root, key);
  }

  async put(key: string, body: Uint8Array | Readable): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (body instanceof Uint8Array) await writeFile(temp, body, { mode: 0o600 });
      else await pipeline(body, createWriteStream(temp, { mode: 0o600 }));
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.file(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('IMAGE_NOT_FOUND', 'No such object.');
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  /** Writes and deletes a probe object: a folder that can be read but not written (full, read-only) is not ready. */
  async ping(): Promise<void> {
    const probe = `readyz-probe-${randomBytes(6).toString('hex')}`;
    await this.put(probe, new Uint8Array([1]));
    await this.delete(probe);
  }

  async close(): Promise<void> {}
}
