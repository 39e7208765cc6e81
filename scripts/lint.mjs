// `npm run lint`: ESLint (eslint.config.js: rules, type-aware async checks, the import boundaries between
// src/ folders), Prettier's check (layout only, .prettierrc.json) and lit-analyzer (the lit templates'
// bindings against the elements' types). The three run side by side; each one's output is printed whole
// when it ends, then one line each, and the exit code is non-zero if any failed.
// Usage: node scripts/lint.mjs [eslint|prettier|lit ...]   (default: all three)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

const TOOLS = {
  eslint: [bin('eslint/bin/eslint.js'), '--max-warnings', '0', '.'],
  prettier: [bin('prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'],
  // The maintained fork of lit-analyzer: the original (2.0.3) runs too, but its CSS data is from 2020
  // (it calls `accent-color` unknown) and it misses an unclosed tag.
  lit: [bin('@jackolope/lit-analyzer/cli.mjs'), '--strict', '--maxWarnings', '0', '--format', 'list', 'src/**/*.ts'],
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in TOOLS));
if (unknown.length > 0) {
  console.error(`Unknown tool: ${unknown.join(', ')}. Choose among: ${Object.keys(TOOLS).join(', ')}.`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(TOOLS);

// The tools write to pipes here: colour only when this script's own output is a terminal.
const { FORCE_COLOR: _force, NO_COLOR: _none, ...plainEnv } = process.env;
const colorEnv = process.stdout.isTTY && !_none ? { ...plainEnv, FORCE_COLOR: '1' } : { ...plainEnv, NO_COLOR: '1' };

function run(name) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, TOOLS[name], { cwd: root, env: colorEnv });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, signal, output, seconds: (performance.now() - started) / 1000 }));
  });
}

const results = await Promise.all(names.map(run));
for (const { name, output } of results) {
  if (output.trim() === '') continue;
  console.log(`\n== ${name} ==`);
  process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
}
console.log('');
for (const { name, code, signal, seconds } of results) {
  const verdict = code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`;
  console.log(`${name.padEnd(8)} ${verdict} in ${seconds.toFixed(1)} s`);
}
process.exit(results.every((result) => result.code === 0) ? 0 : 1);
