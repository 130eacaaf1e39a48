import path from 'node:path';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The shared labelled specimens, for every package's tests: `MRZ_SPECIMENS_DIR`, or
 * `../shared/datasets/mrz-specimens` beside the repository (where the workspace keeps them).
 */
export const SPECIMENS =
  process.env.MRZ_SPECIMENS_DIR ?? path.resolve(REPO_ROOT, '../shared/datasets/mrz-specimens');
