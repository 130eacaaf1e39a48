#!/usr/bin/env node
const argv = process.argv.slice(2);
// `read` goes straight to the reader's CLI: loading the service (Fastify, pg, pg-boss, the AWS SDK)
// would cost a quarter of a second it does not need.
const { main } =
  argv[0] === 'read' ? await import('@passport-reader/reader/cli') : await import('../dist/cli/main.js');

const status = await main(argv, process.stdout, process.stderr);
process.exitCode = status;
// The service may leave idle handles (timers of client libraries) behind once stopped; exit explicitly.
if (argv[0] === 'serve') process.exit(status);
