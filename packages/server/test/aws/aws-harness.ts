import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { DEFAULT_MODEL_PATH } from '@passport-reader/reader';
import type { S3Event, SQSEvent, SQSRecord } from 'aws-lambda';
import { startFauxqs } from 'fauxqs';
import { loadLambdaConfig, type LambdaConfig } from '../../src/config/lambda-config.js';

export const REGION = 'us-east-1';

/** Dummy credentials: the emulator speaks the AWS protocols and accepts any signature. */
export function fakeAwsCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  process.env.AWS_REGION ??= REGION;
}

/** The OCR model: the shipped one, or PASSPORT_READER_TEST_MODEL while it is being rebuilt. */
export function testModelPath(): string | undefined {
  const override = process.env.PASSPORT_READER_TEST_MODEL;
  if (override && !existsSync(DEFAULT_MODEL_PATH)) return override;
  return undefined;
}

export type Emulator = Awaited<ReturnType<typeof startFauxqs>>;

export async function startEmulator(): Promise<Emulator> {
  fakeAwsCredentials();
  return startFauxqs({ port: 0, logger: false });
}

export interface AwsResources {
  bucket: string;
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
  s3: S3Client;
  sqs: SQSClient;
}

/** What serverless.yml declares, made on the emulator: the image bucket, the work queue and its DLQ. */
export async function createResources(emulator: Emulator, maxReceiveCount: number): Promise<AwsResources> {
  const suffix = randomBytes(4).toString('hex');
  const s3 = new S3Client({ region: REGION, endpoint: emulator.address, forcePathStyle: true });
  const sqs = new SQSClient({ region: REGION, endpoint: emulator.address });
  const bucket = `images-${suffix}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `scans-dlq-${suffix}` }));
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!.QueueArn!;
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: `scans-${suffix}`,
      Attributes: {
        VisibilityTimeout: '30',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: String(maxReceiveCount),
        }),
      },
    }),
  );
  const queueArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!.QueueArn!;
  return { bucket, queueUrl: queue.QueueUrl!, queueArn, dlqUrl: dlq.QueueUrl!, s3, sqs };
}

export function lambdaConfig(
  emulator: Emulator,
  resources: AwsResources,
  databaseUrl: string,
  websocketEndpoint: string,
  extra: Record<string, string> = {},
): LambdaConfig {
  const model = testModelPath();
  return loadLambdaConfig({
    DATABASE_URL: databaseUrl,
    IMAGE_BUCKET: resources.bucket,
    AWS_REGION: REGION,
    S3_ENDPOINT: emulator.address,
    S3_FORCE_PATH_STYLE: 'true',
    SCAN_QUEUE_URL: resources.queueUrl,
    SQS_ENDPOINT: emulator.address,
    UPLOAD_METHOD: 'PUT',
    WEBSOCKET_ENDPOINT: websocketEndpoint,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(model ? { MODEL_PATH: model } : {}),
    ...extra,
  });
}

/** An S3 ObjectCreated:Put notification of the documented shape (event version 2.1). */
export function s3ObjectCreatedEvent(bucket: string, key: string, size: number): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:EXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'EXAMPLE123456789', 'x-amz-id-2': 'EXAMPLE/abcdefgh' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'image-uploaded',
          bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
          // Keys arrive URL-encoded.
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/'),
            size,
            eTag: 'd41d8cd98f00b204e9800998ecf8427e',
            sequencer: '0A1B2C3D4E5F678901',
          },
        },
      },
    ],
  };
}

/** Receives real messages from the emulator queue, as Lambda's event source mapping would. */
export async function receive(
  resources: AwsResources,
  queueUrl = resources.queueUrl,
  visibilityTimeout = 30,
): Promise<Message[]> {
  const out = await resources.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: visibilityTimeout,
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

/** SQS messages wrapped as the SQS event Lambda delivers. */
export function sqsEvent(messages: Message[], queueArn: string): SQSEvent {
  return {
    Records: messages.map((m): SQSRecord => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: m.Attributes?.SenderId ?? 'EXAMPLE',
        ApproximateFirstReceiveTimestamp:
          m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: REGION,
    })),
  };
}

export interface PostedMessage {
  connectionId: string;
  message: { type: string; status?: string; scan?: Record<string, unknown> & { status: string } };
}

/**
 * A stand-in for the API Gateway management endpoint (POST/DELETE /{stage}/@connections/{id}).
 * Connections in `gone` answer 410 GoneException, as API Gateway does for closed sockets.
 */
export async function startManagementApi(stage = 'test') {
  const posted: PostedMessage[] = [];
  const deleted: string[] = [];
  const paths: string[] = [];
  const gone = new Set<string>();
  const server = http.createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    const match = /\/@connections\/([^/?]+)/.exec(decodeURIComponent(req.url ?? ''));
    const connectionId = match?.[1] ?? '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!match || !(req.url ?? '').startsWith(`/${stage}/`)) {
        res.writeHead(404).end();
        return;
      }
      if (gone.has(connectionId)) {
        res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
        res.end(JSON.stringify({ message: 'Gone' }));
        return;
      }
      if (req.method === 'POST') {
        posted.push({ connectionId, message: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } else if (req.method === 'DELETE') {
        deleted.push(connectionId);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/${stage}`,
    posted,
    deleted,
    paths,
    gone,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const newConnectionId = () => `${randomUUID().slice(0, 8)}=`;
