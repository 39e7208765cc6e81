#!/usr/bin/env node
// Runs the built sandbox CLI (src/sandbox/cli.ts → dist/sandbox/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/sandbox/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'beltic-verify-sandbox: dist/sandbox/cli.js is missing. In the beltic-verify repository, `npm run sandbox` runs the sources, ' +
      'and `npm run build:sandbox` builds this package (npm pack does too).',
  );
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv.slice(2));
