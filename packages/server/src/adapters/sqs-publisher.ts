import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { JobPublisher, ScanJob } from '../ports.js';

export interface SqsPublisherOptions {
  url: string;
  /** A client of the caller's to share (SqsQueue's); otherwise one is made from region and endpoint. */
  client?: SQSClient;
  region?: string;
  endpoint?: string;
  /** A failed attempt comes back after retryDelaySeconds × 2^(attempt−1). */
  retryDelaySeconds: number;
}

/**
 * Sends scan jobs to an SQS queue, and brings a failed delivery back with backoff: all a process
 * needs whose receiving is done elsewhere (a Lambda's event source mapping), and the sending half of
 * SqsQueue.
 */
export class SqsPublisher implements JobPublisher {
  private readonly client: SQSClient;
  private readonly ownsClient: boolean;

  constructor(private readonly options: SqsPublisherOptions) {
    this.ownsClient = !options.client;
    this.client = options.client ?? new SQSClient({ region: options.region, endpoint: options.endpoint });
  }

  async enqueue(job: ScanJob): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.options.url, MessageBody: JSON.stringify(job) }),
    );
  }

  /**
   * Shortens a received message's visibility timeout so that its next delivery comes after the
   * backoff for `attempt`, not after the queue's whole visibility timeout.
   */
  async retryAfter(receiptHandle: string | undefined, attempt: number): Promise<void> {
    const delay = this.options.retryDelaySeconds * 2 ** (attempt - 1);
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.options.url,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.min(43_200, Math.max(0, Math.round(delay))),
      }),
    );
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
  }
}
