#!/usr/bin/env node
// Launcher: shokai runs on Node 24 LTS, which the project installs itself (npm package `node`).
// When started by an older system Node, re-execute under the project's own Node 24.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const projectNode = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(projectNode)) {
    process.stderr.write('shokai needs Node.js 24: run `npm install` in the project folder first.\n');
    process.exit(1);
  }
  const r = spawnSync(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
// Node keeps the compiled (and type-stripped) modules, keyed by their content, and a command starts in
// about half the time from the second run on. The cache is code that runs: it lives in the installation's
// own folder (NODE_COMPILE_CACHE, when set, is the operator's choice), never in a temporary folder
// another user of the machine could have made first and fill. Imported as a namespace: an older Node,
// which lacks the function, must reach the re-execution above rather than fail to link this module.
nodeModule.enableCompileCache(
  process.env.NODE_COMPILE_CACHE ?? join(root, 'node_modules', '.cache', 'node-compile-cache'),
);
await import(join(root, 'src', 'cli', 'main.ts'));
