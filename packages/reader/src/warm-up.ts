import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readDocument } from './read-document.js';
import type { Recogniser } from './recognise/recogniser.js';

/**
 * An easy synthetic passport photo shipped with the reader (`training/photo_set.py --kind plain
 * --seed 9999999`): no person's data, only generated characters.
 */
const WARM_UP_IMAGE = fileURLToPath(new URL('../assets/warm-up.jpg', import.meta.url));

/**
 * The first reads in a fresh thread run before the JavaScript is compiled and ONNX Runtime has
 * sized its buffers, at two to three times the later cost: read the shipped image until that is
 * paid, so a service's first scan after start-up is as fast as any other.
 */
export async function warmUp(recogniser: Recogniser, reads = 3): Promise<void> {
  const bytes = await readFile(WARM_UP_IMAGE);
  for (let i = 0; i < reads; i++) await readDocument(bytes, recogniser);
}
