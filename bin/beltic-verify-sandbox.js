#!/usr/bin/env node
// Runs the built sandbox CLI (src/sandbox/cli.ts → dist/sandbox/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/sandbox/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'beltic-verify-sandbox: dist/sandbox/cli.js is missing. Build the package first with `npm run build` ' + '(npm ci and npm install run it for you).',
  );
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv.slice(2));
