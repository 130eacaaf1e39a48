#!/usr/bin/env node
// Runs the osls CLI for commands that need no AWS account (package, print): dummy credentials and a region
// so that nothing reaches for ~/.aws, telemetry off. Real deploys run `npx osls deploy` directly.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = createRequire(import.meta.url).resolve('osls/bin/serverless.js');
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'AKIAOFFLINEPACKAGING',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'offline-packaging-needs-no-secret',
  AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
  AWS_SDK_LOAD_CONFIG: '0',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_CONFIG_FILE: '/dev/null',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  SLS_DEPRECATION_DISABLE: '*',
  CI: process.env.CI ?? 'true',
};
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  cwd: serverDir,
  env,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
