// `wxt prepare` needs wxt, a devDependency: a production install (`npm ci --omit=dev`, the backend only) skips it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync('node_modules/wxt/package.json')) {
  const r = spawnSync('npx', ['wxt', 'prepare'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
