import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PresignedUpload, UploadSlots } from '../scans/direct-upload-scans.js';
import { SNIFF_BYTES } from '../scans/upload-policy.js';

export interface S3UploadSlotsOptions {
  bucket: string;
  prefix?: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  /**
   * POST (default): a presigned POST policy with content-length-range and Content-Type conditions.
   * PUT: a presigned PUT whose signature covers Content-Type and the exact Content-Length (for stores and
   * emulators without POST policies).
   */
  method: 'POST' | 'PUT';
  expiresSeconds: number;
}

/** Presigned uploads straight into the image bucket, and a look at what arrived. */
export class S3UploadSlots implements UploadSlots {
  private readonly client: S3Client;

  constructor(private readonly options: S3UploadSlotsOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
    });
  }

  /** The object key in the bucket for an image key (the inverse of `imageKeyOf`). */
  objectKey(imageKey: string): string {
    return `${this.options.prefix ?? ''}${imageKey}`;
  }

  /** The image key of a bucket object, or null for objects outside the prefix. */
  imageKeyOf(objectKey: string): string | null {
    const prefix = this.options.prefix ?? '';
    return objectKey.startsWith(prefix) ? objectKey.slice(prefix.length) : null;
  }

  async presign(
    imageKey: string,
    limits: { contentType: string; contentLength?: number; maxBytes: number },
  ): Promise<PresignedUpload> {
    const Key = this.objectKey(imageKey);
    const expiresAt = new Date(Date.now() + this.options.expiresSeconds * 1000).toISOString();
    if (this.options.method === 'POST') {
      const { url, fields } = await createPresignedPost(this.client, {
        Bucket: this.options.bucket,
        Key,
        Conditions: [
          ['content-length-range', 1, limits.maxBytes],
          ['eq', '$Content-Type', limits.contentType],
        ],
        Fields: { 'Content-Type': limits.contentType },
        Expires: this.options.expiresSeconds,
      });
      return { method: 'POST', url, fields, expiresAt };
    }
    if (limits.contentLength === undefined) {
      throw Object.assign(new Error('contentLength is required for a presigned PUT'), {
        code: 'BAD_REQUEST',
      });
    }
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key,
        ContentType: limits.contentType,
        ContentLength: limits.contentLength,
      }),
      {
        expiresIn: this.options.expiresSeconds,
        signableHeaders: new Set(['content-type', 'content-length']),
      },
    );
    return {
      method: 'PUT',
      url,
      headers: { 'content-type': limits.contentType, 'content-length': String(limits.contentLength) },
      expiresAt,
    };
  }

  async inspect(imageKey: string): Promise<{ size: number; head: Uint8Array } | null> {
    const Key = this.objectKey(imageKey);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key }));
      const size = head.ContentLength ?? 0;
      if (size === 0) return { size, head: new Uint8Array() };
      const part = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
      );
      const bytes = part.Body ? await part.Body.transformToByteArray() : new Uint8Array();
      return { size, head: bytes.subarray(0, SNIFF_BYTES) };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NotFound' || name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
