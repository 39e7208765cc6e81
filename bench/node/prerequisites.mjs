// What the bench needs on disk before it starts: the fixtures and a build of the current src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function run(root, args) {
  // Child output goes to stderr: stdout carries only the report.
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${result.status})`);
}

/** The generator is a fast no-op when the fixtures are current (it hashes its own sources). */
export function ensureFixtures(root) {
  run(root, ['--import', 'tsx', 'test/fixtures/generate.ts']);
}

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const BUILD_OUTPUTS = ['dist/index.js', 'dist/cdn/beltic-verify.js', 'dist/cdn/beltic-verify.classic.js'];
const BUILD_INPUTS = ['src', 'scripts/build.mjs', 'package.json'];

/** Builds when asked to, or when any output is missing or older than src/ (the bench must measure the code as it is). */
export function ensureBuild(root, { force = false } = {}) {
  const outputs = BUILD_OUTPUTS.map((file) => join(root, file));
  const stale =
    force ||
    outputs.some((file) => !existsSync(file)) ||
    Math.min(...outputs.map((file) => statSync(file).mtimeMs)) < Math.max(...BUILD_INPUTS.map((input) => newestMtime(join(root, input))));
  if (stale) run(root, ['scripts/build.mjs']);
  return stale;
}
