import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The shared labelled specimens, for every package's tests: `MRZ_SPECIMENS_DIR`, or
 * `../shared/datasets/mrz-specimens` beside the repository (where the workspace keeps them).
 */
export const SPECIMENS =
  process.env.MRZ_SPECIMENS_DIR ?? path.resolve(REPO_ROOT, '../shared/datasets/mrz-specimens');

export interface SpecimenLabel {
  /** The MRZ as printed; null for an image without a document. */
  mrz: string[] | null;
  format?: string;
  /** Whether the printed check digits hold (some specimens' do not). */
  checksOk?: boolean;
}

/** The specimens' labels.json: file name → label. */
export function specimenLabels(): Record<string, SpecimenLabel | undefined> {
  return JSON.parse(readFileSync(path.join(SPECIMENS, 'labels.json'), 'utf8')) as Record<
    string,
    SpecimenLabel | undefined
  >;
}
