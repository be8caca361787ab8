#!/usr/bin/env node
// Entry point of the `entente` command. The project targets Node 24; when this file is started by an
// older system Node (for example straight from a shell), re-run it with the Node 24 that `npm install`
// placed in node_modules/.bin, so that `npx entente` and `./server/bin/entente.js` behave the same.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const bundled = [
    join(here, '..', 'node_modules', '.bin', 'node'),
    join(here, '..', '..', 'node_modules', '.bin', 'node'),
  ].find((candidate) => existsSync(candidate));
  if (!bundled) {
    console.error(
      `entente needs Node 24 (this is ${process.version}); run "npm install" at the project root first.`,
    );
    process.exit(1);
  }
  const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

const main = join(here, '..', 'dist', 'cli', 'main.js');
if (!existsSync(main)) {
  console.error('entente is not built yet: run "npm run build" at the project root.');
  process.exit(1);
}
await import(pathToFileURL(main).href);
