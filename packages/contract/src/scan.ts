import { z } from 'zod/mini';
import { readDiagnostics, readResult } from './result.js';

/** Scans as the API shows them, the WebSocket messages, and what crosses the queue and NOTIFY. */

export const scanStatus = z.enum(['queued', 'processing', 'done', 'failed']);
export const FINISHED_STATUSES: readonly ScanStatus[] = ['done', 'failed'];

/** A finished scan changes no more: its watchers get its result and their sockets close. */
export function isFinished(status: ScanStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

export const scanError = z.object({
  code: z.string().check(z.describe('A scan error code (NO_MRZ, UNREADABLE_IMAGE, …) or an extractor’s own')),
  message: z.string(),
  diagnostics: z.optional(readDiagnostics),
});

export const scanView = z.object({
  id: z.uuid(),
  status: scanStatus,
  result: z.nullable(readResult),
  error: z.nullable(scanError),
  createdAt: z.iso.datetime(),
  completedAt: z.nullable(z.iso.datetime()),
});

export const createdScan = z.object({
  id: z.uuid(),
  token: z.string().check(z.describe('Secret granting access to this one scan; shown once.')),
  status: z.literal('queued'),
});

/** Where the client sends the image itself on a deployment that takes uploads straight to S3. */
export const presignedUpload = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('POST'),
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
  z.object({
    method: z.literal('PUT'),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
]);

/** POST /api/scans on the AWS deployment: the scan, and where to upload its image. */
export const createdDirectScan = z.extend(createdScan, { upload: presignedUpload });

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** What the server pushes over a scan's WebSocket: statuses as they change, then the scan once. */
export const socketMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: scanStatus }),
  z.object({ type: z.literal('result'), scan: scanView }),
]);

/** A job on the queue (pg-boss, SQS): the scan to read. */
export const scanJob = z.object({ scanId: z.string().check(z.minLength(1)) });

/** A scan's status changed (Postgres NOTIFY between processes); carries no personal data. */
export const scanEvent = z.object({ scanId: z.string().check(z.minLength(1)), status: scanStatus });

/** What a client sends on the AWS deployment's WebSocket to watch a scan (route `subscribe`). */
export const subscribeMessage = z.object({
  action: z.optional(z.literal('subscribe')),
  scan: z.string(),
  token: z.optional(z.string()),
});

export type ScanStatus = z.infer<typeof scanStatus>;
export type ScanError = z.infer<typeof scanError>;
export type ScanView = z.infer<typeof scanView>;
export type CreatedScan = z.infer<typeof createdScan>;
export type PresignedUpload = z.infer<typeof presignedUpload>;
export type CreatedDirectScan = z.infer<typeof createdDirectScan>;
export type ErrorBody = z.infer<typeof errorBody>;
export type SocketMessage = z.infer<typeof socketMessage>;
export type ScanJob = z.infer<typeof scanJob>;
export type ScanEvent = z.infer<typeof scanEvent>;
export type SubscribeMessage = z.infer<typeof subscribeMessage>;

/**
 * What a page needs to know of the deployment it talks to (GET /api/config, public, no personal
 * data): how to upload, the limits it checks before uploading, and how long what it sends is kept.
 */
export const serviceConfig = z.object({
  uploadMode: z.enum(['multipart', 'presigned']),
  maxUploadBytes: z.number(),
  acceptedTypes: z.array(z.string()),
  imageRetentionHours: z.number(),
  /** 0: results are kept until deleted. */
  resultRetentionHours: z.number(),
  /** Where the page opens a scan's WebSocket (API Gateway on AWS); absent: this service's own /ws. */
  websocketUrl: z.optional(z.string()),
});

export type ServiceConfig = z.infer<typeof serviceConfig>;
