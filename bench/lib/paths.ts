import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
/** Scratch space: caches, data directories, logs, profiles (git-ignored). */
export const BENCH_TMP = path.join(BENCH_DIR, 'tmp');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
