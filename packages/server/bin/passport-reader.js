#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

const status = await main(process.argv.slice(2), process.stdout, process.stderr);
process.exitCode = status;
// The service may leave idle handles (timers of client libraries) behind once stopped; exit explicitly.
if (process.argv[2] === 'serve') process.exit(status);
