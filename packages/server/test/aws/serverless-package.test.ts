import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/lambda/api.js';
import { createLambdaRuntime, type LambdaRuntime } from '../../src/lambda/runtime.js';
import { createS3UploadedHandler } from '../../src/lambda/s3-uploaded.js';
import { quietLog, startTestDatabase, UTO, withClient } from '../helpers.js';
import {
  createResources,
  lambdaConfig,
  newConnectionId,
  receive,
  s3ObjectCreatedEvent,
  sqsEvent,
  startEmulator,
  startManagementApi,
} from './aws-harness.js';
import { zipEntries } from './zip-entries.js';

const SERVER = path.resolve(import.meta.dirname, '../..');
const REPO = path.resolve(SERVER, '../..');
const OUT = path.join(SERVER, '.serverless');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a CloudFormation template read as JSON
type Template = { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
let template: Template;
let packageLog = '';

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const resources = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const resource = (id: string) => {
  const r = template.Resources[id];
  if (!r) throw new Error(`no resource ${id}`);
  return r;
};

beforeAll(async () => {
  // What CI runs: `npm run package:aws` from the root, with no AWS account or credentials.
  const env: Record<string, string> = { HOME: '/nonexistent-home' };
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_SESSION_TOKEN'])
    env[key] = '';
  const { code, output } = await run('npm', ['run', 'package:aws'], REPO, env);
  packageLog = output;
  if (code !== 0) throw new Error(`npm run package:aws failed (${code}):\n${output}`);
  template = JSON.parse(await readFile(path.join(OUT, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 300_000);

describe('npm run package:aws (osls package, offline)', () => {
  it('writes the CloudFormation template with every function', () => {
    expect(packageLog).toMatch(/Service packaged/);
    const functions = resources('AWS::Lambda::Function')
      .map(([id]) => id)
      .sort();
    expect(functions).toEqual(
      [
        'CreateScan',
        'DeleteScan',
        'Extract',
        'GetConfig',
        'GetScan',
        'Migrate',
        'Retention',
        'S3Uploaded',
        'TextractCompat',
        'WsConnect',
        'WsDisconnect',
        'WsSubscribe',
      ].map((f) => `${f}LambdaFunction`),
    );
    for (const [, fn] of resources('AWS::Lambda::Function')) {
      expect(fn.Properties.Runtime).toMatch(/^nodejs2\d\.x$/);
      expect(fn.Properties.Environment.Variables.DATABASE_URL_PARAMETER).toBeTruthy();
      // No secrets in the template: the database URL is read from SSM at run time.
      expect(JSON.stringify(fn.Properties.Environment)).not.toMatch(/postgres(ql)?:\/\//);
    }
  });

  it('has a private, encrypted image bucket whose lifecycle matches the retention, notifying s3Uploaded', () => {
    const bucket = resource('S3BucketImages').Properties;
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const rule = bucket.LifecycleConfiguration.Rules.find(
      (r: { Id: string }) => r.Id === 'expire-scan-images',
    );
    const retentionHours = Number(
      resource('ExtractLambdaFunction').Properties.Environment.Variables.IMAGE_RETENTION_HOURS,
    );
    expect(rule.ExpirationInDays * 24).toBeGreaterThanOrEqual(retentionHours);
    expect(rule.ExpirationInDays * 24).toBeLessThanOrEqual(retentionHours + 48);
    const notification = bucket.NotificationConfiguration.LambdaConfigurations[0];
    expect(notification.Event).toBe('s3:ObjectCreated:*');
    expect(JSON.stringify(notification.Function)).toContain('S3UploadedLambdaFunction');
    expect(JSON.stringify(notification.Filter)).toContain('scans/');
  });

  it('has the work queue with a dead-letter redrive and a visibility timeout above the extract timeout', () => {
    const queue = resource('WorkQueue').Properties;
    const dlq = resource('DeadLetterQueue');
    expect(dlq.Type).toBe('AWS::SQS::Queue');
    expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] });
    const extract = resource('ExtractLambdaFunction').Properties;
    expect(queue.VisibilityTimeout).toBeGreaterThan(extract.Timeout);
    expect(Number(queue.RedrivePolicy.maxReceiveCount)).toBe(
      Number(extract.Environment.Variables.JOB_MAX_ATTEMPTS) + 1,
    );
    // The attempt deadline and the abandoned-scan sweep both start from the function's timeout.
    expect(Number(extract.Environment.Variables.JOB_TIMEOUT_SECONDS)).toBe(extract.Timeout);
    const [[, mapping]] = resources('AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': ['WorkQueue', 'Arn'] });
    expect(JSON.stringify(mapping.Properties.FunctionName)).toContain('ExtractLambdaFunction');
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('has the HTTP API routes, the WebSocket API with its routes, the schedule and log retention', () => {
    const apis = resources('AWS::ApiGatewayV2::Api')
      .map(([, r]) => r.Properties.ProtocolType)
      .sort();
    expect(apis).toEqual(['HTTP', 'WEBSOCKET']);
    const routes = resources('AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties.RouteKey)
      .sort();
    expect(routes).toEqual(
      [
        '$connect',
        '$disconnect',
        'DELETE /api/scans/{id}',
        'GET /api/config',
        'POST /',
        'GET /api/scans/{id}',
        'POST /api/scans',
        'subscribe',
      ].sort(),
    );
    const [[, rule]] = resources('AWS::Events::Rule');
    expect(rule.Properties.ScheduleExpression).toBe('rate(10 minutes)');
    expect(JSON.stringify(rule.Properties.Targets)).toContain('RetentionLambdaFunction');
    for (const [, group] of resources('AWS::Logs::LogGroup'))
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('hosts the page: a private bucket CloudFront reads with origin access control, the API at /api/*, CORS for that origin', () => {
    const bucket = resource('WebBucket').Properties;
    expect(Object.values(bucket.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    const oac = resource('WebOriginAccessControl').Properties.OriginAccessControlConfig;
    expect(oac).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const config = resource('WebDistribution').Properties.DistributionConfig;
    const page = config.Origins.find((o: { Id: string }) => o.Id === 'page');
    expect(page.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] });
    expect(page.S3OriginConfig.OriginAccessIdentity).toBe('');
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api.TargetOriginId).toBe('api');
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'DELETE']));
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    // Only the distribution may read the page's bucket.
    const [statement] = resource('WebBucketPolicy').Properties.PolicyDocument.Statement;
    expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(statement.Condition)).toContain('WebDistribution');
    // Uploads straight to the image bucket from the hosted page's origin (and the development server), no wildcard.
    const origins = resource('S3BucketImages').Properties.CorsConfiguration.CorsRules[0].AllowedOrigins;
    expect(JSON.stringify(origins[0])).toContain('WebDistribution');
    expect(origins).not.toContain('*');
  });

  it('gives each function its own role with scoped statements', () => {
    const statementsOf = (fn: string) => {
      const role = resource(`${fn}IamRoleLambdaExecution`);
      return role.Properties.Policies.flatMap(
        (p: { PolicyDocument: { Statement: unknown[] } }) => p.PolicyDocument.Statement,
      ) as {
        Action: string | string[];
        Resource: unknown;
      }[];
    };
    const actions = (fn: string) => statementsOf(fn).flatMap((s) => [s.Action].flat());
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      const name = id.replace(/LambdaFunction$/, '');
      expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': [`${name}IamRoleLambdaExecution`, 'Arn'] });
      for (const statement of statementsOf(name)) {
        expect([statement.Action].flat().some((a) => a === '*' || a.endsWith(':*'))).toBe(false);
      }
    }
    expect(actions('CreateScan')).toContain('s3:PutObject');
    expect(actions('GetScan')).not.toContain('s3:GetObject');
    expect(actions('GetConfig').filter((a) => !a.startsWith('logs:'))).toEqual([]);
    expect(actions('S3Uploaded')).toContain('sqs:SendMessage');
    expect(actions('Extract')).toContain('sqs:ChangeMessageVisibility');
    expect(actions('Extract')).toEqual(
      expect.arrayContaining(['s3:GetObject', 'execute-api:ManageConnections', 'textract:AnalyzeID']),
    );
    // The sweep pushes a failed scan's status to its watchers.
    expect(actions('Retention')).toContain('execute-api:ManageConnections');
    for (const fn of ['CreateScan', 'GetScan', 'DeleteScan', 'WsConnect', 'Retention']) {
      expect(actions(fn)).not.toContain('textract:AnalyzeID');
      expect(actions(fn)).not.toContain('sqs:SendMessage');
    }
  });

  it('ships the models and the linux-x64 native runtimes in the extract package only', async () => {
    const extract = await zipEntries(path.join(OUT, 'extract.zip'));
    const names = extract.map((e) => e.name);
    expect(names).toContain('dist/aws-bundle/dist/lambda/extract.mjs');
    expect(names).toContain('dist/aws-bundle/models/mrz-ocr.int8.onnx');
    expect(names).toContain('dist/aws-bundle/models/mrz-sequence.int8.onnx');
    expect(names).toContain('dist/aws-bundle/models/model-input.json');
    expect(names).toContain(
      'dist/aws-bundle/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
    );
    expect(names.some((n) => n.startsWith('dist/aws-bundle/node_modules/@img/sharp-linux-x64/'))).toBe(true);
    expect(
      names.some((n) => n.startsWith('dist/aws-bundle/node_modules/@img/sharp-libvips-linux-x64/lib/')),
    ).toBe(true);
    expect(names.some((n) => /darwin|win32|arm64/.test(n))).toBe(false);
    expect(names.some((n) => n.startsWith('dist/aws-bundle/migrations/'))).toBe(true);
    const unzipped = extract.reduce((sum, e) => sum + e.size, 0);
    expect(unzipped).toBeLessThan(250 * 1024 ** 2); // Lambda's limit for a function's unzipped code
    const api = (await zipEntries(path.join(OUT, 'createScan.zip'))).map((e) => e.name);
    expect(api.some((n) => n.includes('node_modules') || n.includes('models/'))).toBe(false);
    const report = JSON.parse(
      await readFile(path.join(SERVER, 'dist/aws-bundle/bundle-report.json'), 'utf8'),
    );
    expect(report.nativeImports.api).toEqual([]);
    console.info(
      `[aws] extract.zip ${((await stat(path.join(OUT, 'extract.zip'))).size / 1024 ** 2).toFixed(1)} MB zipped, ${(unzipped / 1024 ** 2).toFixed(1)} MB unzipped; createScan.zip ${((await stat(path.join(OUT, 'createScan.zip'))).size / 1024).toFixed(0)} KB`,
    );
  });
});

describe('the bundled extract handler in a fresh node process (cold start)', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let db: Awaited<ReturnType<typeof startTestDatabase>>;
  let management: Awaited<ReturnType<typeof startManagementApi>>;
  let rt: LambdaRuntime;

  beforeAll(async () => {
    [emulator, db, management] = await Promise.all([
      startEmulator(),
      startTestDatabase(),
      startManagementApi(),
    ]);
  });
  afterAll(async () => {
    await rt?.close();
    await management?.close();
    await emulator?.stop();
    await db?.stop();
  });

  it('reads a scan from S3 and writes its result, from process start to first handled event', async () => {
    const aws = await createResources(emulator, 4);
    const config = lambdaConfig(emulator, aws, db.url, management.endpoint);
    rt = await createLambdaRuntime(config, quietLog);
    const { migrate } = await import('../../src/database/migrate.js');
    await migrate(db.url, quietLog);
    const api = createApiHandlers(() => Promise.resolve(rt));
    const bytes = new Uint8Array(await readFile(UTO));
    const created = JSON.parse(
      String(
        (
          await api.createScan({
            body: JSON.stringify({ contentType: 'image/jpeg', contentLength: bytes.length }),
          } as never)
        ).body,
      ),
    ) as { id: string; token: string; upload: { url: string; headers: Record<string, string> } };
    await fetch(created.upload.url, { method: 'PUT', headers: created.upload.headers, body: bytes });
    await createS3UploadedHandler(() => Promise.resolve(rt))(
      s3ObjectCreatedEvent(aws.bucket, `scans/${created.id}`, bytes.length),
    );
    const connectionId = newConnectionId();
    await rt.subscriptions.add(connectionId, created.id);
    const event = sqsEvent(await receive(aws), aws.queueArn);

    // The bundle's own environment: what serverless.yml sets, pointed at the emulator and this database.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      DATABASE_URL: db.url,
      IMAGE_BUCKET: aws.bucket,
      S3_ENDPOINT: emulator.address,
      S3_FORCE_PATH_STYLE: 'true',
      SCAN_QUEUE_URL: aws.queueUrl,
      SQS_ENDPOINT: emulator.address,
      WEBSOCKET_ENDPOINT: management.endpoint,
      LOG_LEVEL: 'warn',
    };
    const bundle = pathToFileURL(path.join(SERVER, 'dist/aws-bundle/dist/lambda/extract.mjs')).href;
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'cold-start-driver.mjs')], {
      cwd: '/',
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(JSON.stringify({ bundle, event }));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stderr).toBe(0);
    const timings = JSON.parse(stdout.trim().split('\n').pop()!) as {
      response: unknown;
      processStartToImportedMs: number;
      processStartToFirstEventHandledMs: number;
      wallClockDone: number;
    };
    expect(timings.response).toEqual({ batchItemFailures: [] });
    const scan = await withClient(
      db.url,
      async (c) => (await c.query('SELECT status FROM scans WHERE id = $1', [created.id])).rows[0],
    );
    expect(scan.status).toBe('done');
    const pushed = management.posted
      .filter((p) => p.connectionId === connectionId)
      .map((p) => p.message.type);
    expect(pushed.at(-1)).toBe('result');
    console.info(
      `[aws] cold start of the bundled extract handler: imported ${timings.processStartToImportedMs} ms, first event handled ${timings.processStartToFirstEventHandledMs} ms after process start (${timings.wallClockDone - started} ms from spawn); scan ${scan.status}`,
    );
  });
});
