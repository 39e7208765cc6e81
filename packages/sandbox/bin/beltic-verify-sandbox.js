#!/usr/bin/env node
// Runs the built sandbox CLI (src/sandbox/cli.ts → dist/sandbox/cli.js). In the beltic-verify repository,
// where this package is an npm workspace and is built only when packed, it runs the sources through tsx.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/sandbox/cli.js', import.meta.url);
const source = new URL('../../../src/sandbox/cli.ts', import.meta.url);
const argv = process.argv.slice(2);
if (existsSync(cli)) {
  const { main } = await import(cli.href);
  await main(argv);
} else if (existsSync(source)) {
  const { tsImport } = await import('tsx/esm/api');
  const { main } = await tsImport(source.href, import.meta.url);
  await main(argv);
} else {
  console.error(
    'beltic-verify-sandbox: dist/sandbox/cli.js is missing. In the beltic-verify repository, `npm run sandbox` runs the sources, ' +
      'and `npm run build:sandbox` builds this package (npm pack does too).',
  );
  process.exit(1);
}
