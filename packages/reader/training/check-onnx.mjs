// Sanity check of the exported OCR model in onnxruntime-node.
//   node packages/reader/training/check-onnx.mjs [path/to/mrz-ocr.onnx]
import * as ort from 'onnxruntime-node';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelPath = process.argv[2] ?? path.join(here, '..', 'models', 'mrz-ocr.onnx');
const ALPHABET = '<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
console.log(`model ${modelPath} (${fs.statSync(modelPath).size} bytes)`);
console.log('inputs', session.inputNames, 'outputs', session.outputNames);

function input(b, n, fill = () => Math.random()) {
  const w = 16 * n;
  const data = new Float32Array(b * 32 * w);
  for (let i = 0; i < data.length; i++) data[i] = fill(i);
  return new ort.Tensor('float32', data, [b, 1, 32, w]);
}

for (const [b, n] of [
  [1, 44],
  [3, 30],
]) {
  const out = await session.run({ image: input(b, n) });
  const logits = out.logits;
  console.log(`input [${b},1,32,${16 * n}] -> logits [${logits.dims.join(',')}]`);
  const expect = [b, n, ALPHABET.length];
  if (logits.dims.join(',') !== expect.join(','))
    throw new Error(`unexpected output shape, want [${expect}]`);
}

// argmax on an all-paper input (informational only)
const blank = await session.run({ image: input(1, 44, () => 1) });
let s = '';
for (let i = 0; i < 44; i++) {
  let best = 0;
  for (let c = 1; c < 37; c++) if (blank.logits.data[i * 37 + c] > blank.logits.data[i * 37 + best]) best = c;
  s += ALPHABET[best];
}
console.log('argmax on blank paper:', s);

const x = input(1, 44);
for (let i = 0; i < 5; i++) await session.run({ image: x }); // warm-up
const runs = 50;
const t0 = process.hrtime.bigint();
for (let i = 0; i < runs; i++) await session.run({ image: x });
const ms = Number(process.hrtime.bigint() - t0) / 1e6 / runs;
console.log(`mean inference time per 44-cell line (1 thread, ${runs} runs): ${ms.toFixed(2)} ms`);
