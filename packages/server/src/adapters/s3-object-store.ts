import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AppError } from '../errors.js';
import type { ObjectStore } from '../ports.js';

export interface S3ObjectStoreOptions {
  bucket: string;
  prefix?: string;
  region: string;
  /** For MinIO, R2 and emulators. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Create the bucket at start-up when missing (handy with MinIO and emulators). */
  createBucket?: boolean;
}

/** Objects in S3 or any S3-compatible store. Credentials come from the standard AWS chain. */
export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
    });
  }

  async start(): Promise<void> {
    try {
      await this.ping();
    } catch (error) {
      if (!this.options.createBucket) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.options.bucket }));
    }
  }

  private key(key: string): string {
    return `${this.options.prefix ?? ''}${key}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.key(key),
        Body: bytes,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }),
      );
      if (!out.Body) throw new AppError('IMAGE_NOT_FOUND', 'No such object.');
      return await out.Body.transformToByteArray();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound')
        throw new AppError('IMAGE_NOT_FOUND', 'No such object.');
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
  }

  /** Writes and deletes a probe object: a bucket that answers but refuses writes (policy, quota) is not ready. */
  async ping(): Promise<void> {
    const probe = `readyz-probe-${randomBytes(6).toString('hex')}`;
    await this.put(probe, new Uint8Array([1]));
    await this.delete(probe);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
