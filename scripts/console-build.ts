/**
 * Builds the staff console (console/ → console/dist) as the `prepare` step of `npm install` and, when it is missing,
 * before `npm start`. A production install without dev dependencies has no Vite and skips the build: the API then
 * answers `/` with a page saying how to build it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');
const ifMissing = process.argv.includes('--if-missing');

if (ifMissing && existsSync(path.join(root, 'console', 'dist', 'index.html'))) process.exit(0);
if (!existsSync(path.join(root, 'node_modules', 'vite')) || !existsSync(path.join(root, 'console', 'index.html'))) {
  console.log('console: Vite or the console sources are not installed here; the console is not built');
  process.exit(0);
}
const vite = spawnSync(
  'npx',
  ['--no-install', 'vite', 'build', '--config', 'console/vite.config.mts', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(vite.status ?? 1);
