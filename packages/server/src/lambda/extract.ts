import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseJson, scanJob } from '@passport-reader/contract';
import { createExtractor, type ExtractorChoice } from '../adapters/registry.js';
import type { Extractor } from '../ports.js';
import { attemptTimeoutMs, createScanProcessor } from '../scans/process-scan.js';
import type { LambdaConfig } from '../config/lambda-config.js';
import { sharedRuntime, type LambdaRuntime, type RuntimeProvider } from './runtime.js';

/**
 * SQS → the worker's use case (scans/process-scan.ts), once per message, with partial batch failure
 * reporting: a message whose processing threw is returned in batchItemFailures and comes back after the
 * visibility timeout; after maxReceiveCount receives SQS moves it to the dead-letter queue. Idempotent:
 * a redelivered message for a finished scan is acknowledged without a second result.
 */
/** EXTRACTOR=reader (default): the built-in reader, in process; EXTRACTOR=textract: Amazon Textract AnalyzeID. */
export function extractorChoice(config: LambdaConfig): ExtractorChoice {
  return config.EXTRACTOR === 'textract'
    ? { kind: 'textract', region: config.AWS_REGION, endpoint: config.TEXTRACT_ENDPOINT }
    : { kind: 'reader', threads: 'in-process', modelPath: config.MODEL_PATH };
}

export function createExtractHandler(
  runtime: RuntimeProvider,
  makeExtractor: (config: LambdaConfig) => Extractor | Promise<Extractor> = (config) =>
    createExtractor(extractorChoice(config)),
) {
  type Ready = { rt: LambdaRuntime; extractor: Extractor; process: ReturnType<typeof createScanProcessor> };
  // The promise is kept, not its value: calls that overlap while the extractor loads share one.
  let cached: { rt: LambdaRuntime; ready: Promise<Ready> } | undefined;

  async function build(rt: LambdaRuntime): Promise<Ready> {
    const { store, scans, notifier, log } = rt;
    const extractor = await makeExtractor(rt.config);
    const process = createScanProcessor({
      store,
      scans,
      notifier,
      extractor,
      log,
      attemptTimeoutMs: attemptTimeoutMs(rt.config.JOB_TIMEOUT_SECONDS),
    });
    return { rt, extractor, process };
  }

  async function ready(): Promise<Ready> {
    const rt = await runtime();
    if (cached?.rt !== rt) {
      const entry = { rt, ready: build(rt) };
      // A load that failed is tried again by the next invocation.
      entry.ready.catch(() => {
        if (cached === entry) cached = undefined;
      });
      cached = entry;
    }
    return cached.ready;
  }

  async function extract(
    event: SQSEvent,
    context?: Pick<Context, 'getRemainingTimeInMillis'>,
  ): Promise<SQSBatchResponse> {
    const { rt, process } = await ready();
    // The function's timeout covers the whole batch: a later record gets what the earlier ones
    // left, less the same reserve an attempt keeps for writing its outcome.
    const timeoutMs = rt.config.JOB_TIMEOUT_SECONDS * 1000;
    const invocationDeadline = context
      ? Date.now() +
        context.getRemainingTimeInMillis() -
        (timeoutMs - attemptTimeoutMs(rt.config.JOB_TIMEOUT_SECONDS))
      : undefined;
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records ?? []) {
      const job = parseJson(scanJob, record.body);
      if (!job) {
        // Poison: never acknowledged, so SQS moves it to the dead-letter queue after maxReceiveCount.
        rt.log.error({ messageId: record.messageId }, 'malformed scan message');
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const attempt = Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
      try {
        await process({
          data: job,
          attempt,
          maxAttempts: rt.config.JOB_MAX_ATTEMPTS,
          deadline: invocationDeadline,
        });
      } catch {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        // Back off like the embedded queues do, instead of waiting out the whole visibility timeout.
        await rt.queue
          .retryAfter(record.receiptHandle, attempt)
          .catch((error: Error) =>
            rt.log.warn({ scanId: job.scanId, err: error.message?.slice(0, 200) }, 'retry delay not set'),
          );
      }
    }
    return { batchItemFailures };
  }

  return Object.assign(extract, {
    /** Loads the extractor now (the OCR model), so the first message does not pay for it. */
    warm: async (): Promise<void> => {
      const { extractor } = await ready();
      await extractor.warm?.();
    },
    close: async (): Promise<void> => {
      const closing = cached?.ready;
      cached = undefined;
      await (await closing)?.extractor.close();
    },
  });
}

export const extract = createExtractHandler(sharedRuntime);
