import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from 'pino';
import { parseJson, scanJob } from '@passport-reader/contract';
import type { JobHandler, JobQueue, ScanJob } from '../ports.js';
import { SqsPublisher } from './sqs-publisher.js';

export interface SqsQueueOptions {
  region: string;
  endpoint?: string;
  /**
   * `url`: this queue as it is (redrive configured outside); `name`: the queue of this name and
   * its "-dlq" dead-letter queue, created with the redrive policy when missing.
   */
  queue: { url: string } | { name: string };
  maxAttempts: number;
  retryDelaySeconds: number;
  /** Visibility timeout: a message not deleted by then (a crashed worker) is delivered again. */
  timeoutSeconds: number;
  waitSeconds: number;
  log: Logger;
}

/** Amazon SQS (or anything speaking its protocol): long polling, visibility timeout, dead-letter redrive. */
export class SqsQueue implements JobQueue {
  private readonly client: SQSClient;
  private url = '';
  private publisher: SqsPublisher | undefined;
  private stopping = false;
  private readonly abort = new AbortController();
  private consumers: Promise<void>[] = [];

  constructor(private readonly options: SqsQueueOptions) {
    this.client = new SQSClient({ region: options.region, endpoint: options.endpoint });
  }

  async start(): Promise<void> {
    const { queue } = this.options;
    this.url = 'url' in queue ? queue.url : await this.created(queue.name);
    this.publisher = new SqsPublisher({
      url: this.url,
      client: this.client,
      retryDelaySeconds: this.options.retryDelaySeconds,
    });
  }

  /** The queue of this name and its "-dlq" dead-letter queue, created with the redrive policy when missing. */
  private async created(name: string): Promise<string> {
    const dlqName = `${name}-dlq`;
    const dlq = await this.client.send(new CreateQueueCommand({ QueueName: dlqName }));
    const dlqArn = await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const created = await this.client.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(this.options.timeoutSeconds),
          // One more receive than attempts: the last attempt fails the scan itself; the DLQ only gets
          // messages whose worker died on every attempt.
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn.Attributes?.QueueArn,
            maxReceiveCount: String(this.options.maxAttempts + 1),
          }),
        },
      }),
    );
    return (
      created.QueueUrl ?? (await this.client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? ''
    );
  }

  async enqueue(job: ScanJob): Promise<void> {
    if (!this.publisher) throw new Error('SqsQueue.enqueue before start()');
    await this.publisher.enqueue(job);
  }

  async work(handler: JobHandler, concurrency: number): Promise<void> {
    this.stopping = false;
    for (let i = 0; i < concurrency; i++) this.consumers.push(this.consume(handler));
  }

  private async consume(handler: JobHandler): Promise<void> {
    while (!this.stopping) {
      let messages;
      try {
        const out = await this.client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.url,
            MaxNumberOfMessages: 1,
            WaitTimeSeconds: this.options.waitSeconds,
            VisibilityTimeout: this.options.timeoutSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
          { abortSignal: this.abort.signal },
        );
        messages = out.Messages ?? [];
      } catch (error) {
        if (this.stopping) return;
        this.options.log.error({ err: (error as Error).message }, 'queue receive failed');
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      for (const message of messages) {
        const attempt = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
        try {
          const data = parseJson(scanJob, message.Body ?? '');
          // Malformed: never acknowledged, so SQS moves it to the dead-letter queue (maxReceiveCount).
          if (!data) throw new Error('malformed scan message');
          await handler({ data, attempt, maxAttempts: this.options.maxAttempts });
          await this.client.send(
            new DeleteMessageCommand({ QueueUrl: this.url, ReceiptHandle: message.ReceiptHandle }),
          );
        } catch {
          // The last attempt failed too: leave the message invisible for the full timeout; its next receive
          // moves it to the dead-letter queue.
          if (attempt >= this.options.maxAttempts) continue;
          await this.publisher?.retryAfter(message.ReceiptHandle, attempt).catch(() => undefined);
        }
      }
    }
  }

  async stopWorking(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await Promise.all(this.consumers);
    this.consumers = [];
  }

  async depth(): Promise<number> {
    const out = await this.client.send(
      new GetQueueAttributesCommand({ QueueUrl: this.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
  }

  async ping(): Promise<void> {
    await this.depth();
  }

  async close(): Promise<void> {
    await this.stopWorking();
    this.client.destroy();
  }
}
