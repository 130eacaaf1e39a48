import type { S3Event } from 'aws-lambda';
import { sharedRuntime, type RuntimeProvider } from './runtime.js';

/** S3 keys arrive URL-encoded, with spaces as '+'. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * S3 ObjectCreated → validate the upload (size, sniffed type) and queue its scan on SQS. A thrown error
 * has S3's asynchronous invocation retry the event; repeated events are harmless (DirectUploadScans.accept).
 */
export function createS3UploadedHandler(runtime: RuntimeProvider) {
  return async function s3Uploaded(event: S3Event): Promise<void> {
    const rt = await runtime();
    for (const record of event.Records ?? []) {
      if (!record.eventName?.startsWith('ObjectCreated:')) continue;
      if (record.s3?.bucket?.name !== rt.config.IMAGE_BUCKET) continue;
      const imageKey = rt.uploads.imageKeyOf(decodeKey(record.s3.object.key));
      if (!imageKey) continue;
      const verdict = await rt.directUploads.accept(imageKey);
      rt.log.info({ imageKey, verdict }, 'upload event handled');
    }
  };
}

export const s3Uploaded = createS3UploadedHandler(sharedRuntime);
