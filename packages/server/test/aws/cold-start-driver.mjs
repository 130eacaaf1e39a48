// Runs the bundled extract handler as Lambda's Node runtime would: a fresh process imports the handler
// module and hands it one SQS event (from stdin). Prints timings from process start, for AWS.md.
const read = async () => {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return JSON.parse(text);
};
const { bundle, event } = await read();
const t0 = performance.now();
const mod = await import(bundle);
const imported = performance.now();
const response = await mod.extract(event);
const handled = performance.now();
process.stdout.write(
  JSON.stringify({
    response,
    // performance.now() counts from process start (the runtime's init begins there).
    processStartToImportedMs: Math.round(imported),
    importMs: Math.round(imported - t0),
    processStartToFirstEventHandledMs: Math.round(handled),
    wallClockDone: Date.now(),
  }) + '\n',
);
process.exit(0);
