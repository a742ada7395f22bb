/** Where Davar keeps its local data (inside the repo) and its build caches (outside it). */
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const dataDir = path.join(repoRoot, '.data');

/** Caches live outside the repo so that a clean clone reuses a Temporal CLI built once. */
export function cacheDir(): string {
  if (process.env.DAVAR_CACHE_DIR) return process.env.DAVAR_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'davar');
}
