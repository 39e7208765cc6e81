// `npm test`: every test, Node-side (node:test) and in real Chromium, Firefox and WebKit (@web/test-runner), then
// one closing line `N passed, N failed` that sums them all, so a run that tested nothing is visible.
// The sandbox's own Node tests run twice: against the default profile, then the docs profile.
// Usage: node scripts/test.mjs [node|browser] [--engine chromium,firefox,webkit] [extra args for the runner,
// e.g. --files test/x.browser.test.ts]. --engine (or BELTIC_ENGINES) chooses the browser engines; all three by default.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ENGINES } from './engines/find.mjs';

const [which = 'all', ...rest] = process.argv.slice(2);
const { engines, extra } = engineChoice(rest);

/** `--engine a,b` or `--engine=a,b` taken out of the runner's arguments; BELTIC_ENGINES otherwise. */
function engineChoice(args) {
  const at = args.findIndex((arg) => arg === '--engine' || arg.startsWith('--engine='));
  if (at < 0) return { engines: process.env.BELTIC_ENGINES, extra: args };
  const inline = args[at].includes('=');
  const value = inline ? args[at].slice('--engine='.length) : args[at + 1];
  return { engines: value, extra: [...args.slice(0, at), ...args.slice(at + (inline ? 1 : 2))] };
}
const root = new URL('..', import.meta.url).pathname;
// The runs' counts and failures, read back once each run ends; gone when this script ends, however it ends.
const scratch = mkdtempSync(join(tmpdir(), 'beltic-test-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

function filesEndingWith(dir, suffix) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesEndingWith(path, suffix);
    return name.endsWith(suffix) ? [relative(root, path)] : [];
  });
}

function prepareFixtures() {
  const generator = join(root, 'test/fixtures/generate.ts');
  if (!existsSync(generator)) return;
  const result = spawnSync(process.execPath, ['--import', 'tsx', generator], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Generating the test fixtures failed.');
}

function runNodeTests(files, name, env = process.env) {
  if (files.length === 0) return { passed: 0, failed: 0, ok: true };
  const tap = join(scratch, `${name}.tap`);
  const failuresFile = join(scratch, `${name}.failures`);
  const args = [
    '--import',
    'tsx',
    '--test',
    // Two files at a time (Node's default is one less than the cores: one here); many wait on servers.
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    `--test-reporter=${join(root, 'scripts/node-failures-reporter.mjs')}`,
    `--test-reporter-destination=${failuresFile}`,
    ...extra,
    ...files,
  ];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const figure = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const failed = figure('fail') + figure('cancelled');
  const failures = existsSync(failuresFile)
    ? readFileSync(failuresFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
  return {
    passed: figure('pass'),
    failed: failed || (result.status === 0 ? 0 : 1),
    ok: result.status === 0,
    failures: failures.map(({ name, error }) => ({ name: `${name} [Node]`, error })),
  };
}

let browserRunCount = 0;

/**
 * One runner for `engineList`; with `group` (a group of web-test-runner.config.mjs, or 'default'), only that group;
 * with a list of groups, those side by side (BELTIC_GROUPS). `args`: the runner's own arguments (the command line's
 * by default); `again`: a file's second run (see afterHungFiles).
 */
function runBrowserTests(engineList, group, args = extra, { again = false } = {}) {
  // Only a list is handed on as BELTIC_GROUPS: one set in the shell would take the default group's files away.
  const { BELTIC_GROUPS: _shell, ...env } = process.env;
  const groups = Array.isArray(group) ? { BELTIC_GROUPS: group.join(',') } : {};
  const groupName = Array.isArray(group) ? group.join('-') : group;
  const countsFile = join(scratch, `browser-${(browserRunCount += 1)}-${engineList.replaceAll(',', '-')}${groupName ? `-${groupName}` : ''}.json`);
  const bin = join(root, 'node_modules/@web/test-runner/dist/bin.js');
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', bin, '--config', 'web-test-runner.config.mjs', ...(group && !Array.isArray(group) ? ['--group', group] : []), ...args],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...env, BELTIC_TEST_COUNTS: countsFile, BELTIC_ENGINES: engineList, ...groups },
    },
  );
  const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 0, errors: 0, failures: [], hung: [] };
  const failed = counts.failed + counts.errors;
  const run = { passed: counts.passed, failed: failed || (result.status === 0 ? 0 : 1), ok: result.status === 0, failures: counts.failures };
  return again ? run : afterHungFiles(run, counts.hung ?? [], args);
}

/**
 * A file the runner stopped at its limit because it never finished (its page hung: twice in CI, WebKit's web process
 * asleep on a lock, where no test's own limit can fire) runs once more, in the same engine; its figures from that run
 * replace the hung run's, and the log says so. A file that failed is never run again, and only the default group's
 * files can be chosen by --files (a named group runs its own files, so its hangs stay failures).
 */
function afterHungFiles(run, hung, args) {
  const chosen = hung.filter(({ group }) => group === 'default');
  if (chosen.length === 0) return run;
  const where = ({ file, browser }) => `${file} [${browser}]`;
  const byEngine = new Map();
  for (const file of chosen) byEngine.set(engineNamed(file.browser), [...(byEngine.get(engineNamed(file.browser)) ?? []), file]);
  let { passed, failed, failures } = run;
  const hangs = [];
  for (const [engine, files] of byEngine) {
    console.log(`\nStopped without finishing (${files[0].failure.error}), run again:`);
    for (const file of files) console.log(`  ${where(file)}`);
    const again = runBrowserTests(engine, 'default', [...withoutFileChoice(args), '--files', ...files.map(({ file }) => file)], { again: true });
    passed += again.passed - files.reduce((sum, file) => sum + file.passed, 0);
    failed += again.failed - files.reduce((sum, file) => sum + file.failed + 1, 0);
    failures = [...failures.filter(({ name }) => !files.some((file) => name.startsWith(where(file)))), ...again.failures];
    for (const file of files) {
      const failedAgain = again.failures.some(({ name }) => name.startsWith(where(file)));
      hangs.push(`${where(file)}: ${failedAgain ? 'failed' : 'passed'} when run again`);
    }
  }
  return { passed, failed, ok: failed === 0, failures, hangs };
}

/** The engine of a launcher's name in the reports ("Chrome", "Firefox", "WebKit 2.50.6 (reduced motion)"). */
function engineNamed(browser) {
  if (browser.startsWith('WebKit')) return 'webkit';
  return browser.startsWith('Firefox') ? 'firefox' : 'chromium';
}

/** The runner's arguments without those that choose files or a group (`--files a b`, `--group x`, either with `=`). */
function withoutFileChoice(args) {
  const kept = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--group') i++;
    else if (arg === '--files') while (i + 1 < args.length && !args[i + 1].startsWith('--')) i++;
    else if (!arg.startsWith('--group=') && !arg.startsWith('--files=')) kept.push(arg);
  }
  return kept;
}

/**
 * WebKit's runs of the whole suite, one after the other: its default group, then its small groups of
 * web-test-runner.config.mjs side by side (a name there must be added here). Each small group has a
 * browser and a virtual display of its own, so focus in one never moves another's; together they took
 * 29 s here, where one after the other took 41 s (each run starts a runner and its browsers).
 */
const WEBKIT_RUNS = ['default', ['signals', 'reduced-motion', 'private-browsing', 'composited']];

/**
 * The engines' runs. The whole suite (no runner arguments) runs WebKit on its own after the others:
 * beside two other engines on a two-core machine, its software rendering fell behind the tests' time
 * limits and the whole took longer (measured: 13 min 55 s with three WebKit failures, side by side;
 * again in December 2026: the three default groups side by side, WebKit two files at a time and the
 * others one, took 815 s, where one after the other, two files at a time each, took 787 s; and with
 * WebKit painting without compositing, all three engines in one runner: a WebKit page hung, stopped at
 * the file limit, 652 s in all, where one after the other took 154 + 98 s). WebKit's small groups run
 * after its default group, not beside it: six WebKit pages on two cores starved its camera tests past
 * their limits.
 */
function browserRuns() {
  const chosen = (engines || ENGINES.join(',')).split(',').map((name) => name.trim());
  const others = chosen.filter((name) => name !== 'webkit');
  const whole = extra.length === 0;
  const passes = whole && chosen.includes('webkit') && others.length > 0 ? [others, ['webkit']] : [chosen];
  return passes.flatMap((pass) =>
    whole && pass.length === 1 && pass[0] === 'webkit' ? WEBKIT_RUNS.map((group) => runBrowserTests('webkit', group)) : [runBrowserTests(pass.join(','))],
  );
}

/** The browser tests load the built files too: build once if there is no build yet. */
function ensureBuild() {
  if (existsSync(join(root, 'dist/cdn/beltic-verify.classic.js'))) return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed.');
}

/**
 * The example apps (examples/*, test/examples loads their dist/index.html): each one without a dist/ is built,
 * after the package, whose dist/ it bundles. A dist/ already there is kept, as the package's is.
 */
function ensureExampleBuilds() {
  const examples = join(root, 'examples');
  if (!existsSync(examples)) return;
  for (const name of readdirSync(examples)) {
    const dir = join(examples, name);
    if (!existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'dist/index.html'))) continue;
    const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: dir, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`Building examples/${name} failed.`);
  }
}

prepareFixtures();
if (which === 'all' || which === 'browser') {
  ensureBuild();
  ensureExampleBuilds();
}
const runs = [];
if (which === 'all' || which === 'node') {
  // test/sandbox/helpers.ts reads the profile from the environment, which node --test hands on to
  // each file's process: pinned here, so a BELTIC_SANDBOX_PROFILE set in the shell changes neither run.
  runs.push(runNodeTests(filesEndingWith(join(root, 'test'), '.node.test.ts'), 'node', { ...process.env, BELTIC_SANDBOX_PROFILE: 'default' }));
  console.log('\nThe sandbox tests again, against the docs profile (BELTIC_SANDBOX_PROFILE=docs):');
  const sandboxFiles = filesEndingWith(join(root, 'test/sandbox'), '.node.test.ts');
  runs.push(runNodeTests(sandboxFiles, 'node-docs', { ...process.env, BELTIC_SANDBOX_PROFILE: 'docs' }));
}
if (which === 'all' || which === 'browser') runs.push(...browserRuns());
const passed = runs.reduce((sum, run) => sum + run.passed, 0);
const failed = runs.reduce((sum, run) => sum + run.failed, 0);
const hangs = runs.flatMap((run) => run.hangs ?? []);
if (hangs.length > 0) {
  console.log(`\nStopped without finishing, then run again (${hangs.length}):`);
  for (const hang of hangs) console.log(`  ${hang}`);
}
// The failures named again here, next to the count: a CI log is often read from its tail.
const failures = runs.flatMap((run) => run.failures ?? []);
if (failures.length > 0) {
  console.log(`\nFailed (${failures.length}):`);
  for (const { name, error } of failures) console.log(`  ${name}\n      ${error}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(runs.every((run) => run.ok) && failed === 0 && passed > 0 ? 0 : 1);
