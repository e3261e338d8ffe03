// Compiles the backend (server/main.ts and what it imports from lib/) into one ES module, dist-server/main.mjs.
// Packages stay external: they come from node_modules (`npm ci --omit=dev` is enough to run it).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = process.argv[2] ? resolve(process.argv[2]) : resolve(root, 'dist-server/main.mjs');
await build({
  entryPoints: [resolve(root, 'server/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  // server/ needs no path aliases or JSX; not reading tsconfig.json keeps the build free of .wxt/ (absent in production).
  tsconfigRaw: { compilerOptions: { target: 'es2022', strict: true } },
  banner: { js: '// Built by scripts/build-server.mjs from server/main.ts; do not edit.' },
});
console.log(`backend built: ${outfile}`);
