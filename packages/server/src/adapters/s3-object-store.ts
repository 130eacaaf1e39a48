import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
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

/** S3's smallest multipart part. */
const S3_PART_BYTES = 5 * 1024 * 1024;

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

  async put(key: string, body: Uint8Array | Readable): Promise<void> {
    const params = {
      Bucket: this.options.bucket,
      Key: this.key(key),
      Body: body,
      ContentType: 'application/octet-stream',
    };
    if (body instanceof Uint8Array) {
      await this.client.send(new PutObjectCommand(params));
      return;
    }
    // A stream of unknown length: one PutObject if it fits in a part, a multipart upload otherwise
    // (aborted, parts and all, if the stream fails). One part in flight bounds the memory per upload.
    await new Upload({ client: this.client, params, queueSize: 1, partSize: S3_PART_BYTES }).done();
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
