// `npm start`: build the extension for Chrome (MV3) and Firefox, say where it is, then run the backend.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npx', ['wxt', 'build']);
run('npx', ['wxt', 'build', '-b', 'firefox']);

const chrome = resolve('.output/chrome-mv3');
const firefox = resolve('.output/firefox-mv2');
console.log(`
Mailserver Assistent is gebouwd / is built:
  Chrome/Edge: ${chrome}
    chrome://extensions (edge://extensions) → Ontwikkelaarsmodus aan / Developer mode on
    → "Uitgepakte extensie laden" / "Load unpacked" → kies / pick de map hierboven.
  Firefox:     ${firefox}
    about:debugging#/runtime/this-firefox → "Tijdelijke add-on laden" / "Load Temporary Add-on"
    → kies / pick ${firefox}/manifest.json
`);

const server = resolve('server/main.ts');
if (existsSync(server)) {
  const child = spawn('npx', ['tsx', server], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('De backend (server/) bestaat nog niet; alleen de extensie is gebouwd.');
}
