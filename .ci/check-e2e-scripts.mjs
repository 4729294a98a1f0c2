// Every workspace with end-to-end tests (test/**/*.e2e.ts) must have a `test:e2e` script, so that
// `npm run test:e2e` (turbo) runs them all in CI's second pass (machine PostgreSQL and Redis).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const workspaces = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces.flatMap(
  (entry) =>
    entry.endsWith('/*')
      ? readdirSync(path.join(root, entry.slice(0, -2)), { withFileTypes: true })
          .filter((dirent) => dirent.isDirectory())
          .map((dirent) => `${entry.slice(0, -2)}/${dirent.name}`)
      : [entry],
);

function hasE2e(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasE2e(path.join(dir, entry.name)) : entry.name.endsWith('.e2e.ts'),
  );
}

const missing = workspaces.filter((workspace) => {
  const manifest = path.join(root, workspace, 'package.json');
  if (!existsSync(manifest)) return false;
  const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
  return hasE2e(path.join(root, workspace, 'test')) && !scripts['test:e2e'];
});
for (const workspace of missing) console.error(`${workspace}: has test/**/*.e2e.ts but no "test:e2e" script`);
process.exit(missing.length ? 1 : 0);
