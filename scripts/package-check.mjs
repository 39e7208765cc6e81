// `npm run package:check`: what installing each package built from this repository brings, as a user would
// get it. Packs beltic-verify and beltic-verify-sandbox (`npm pack` runs their prepack builds), installs each
// tarball into a fresh directory, prints the figures and checks them:
//
//   beltic-verify          at most 4 packages and 3 MB on disk in node_modules, no install script, a packed
//                          tarball under its budget; installed with --offline (it has no dependencies);
//                          nothing duplicated, no source map without its sources, no declaration map, every
//                          export and every custom-elements.json module a shipped file; beltic-verify/server
//                          loads, beltic-verify/server/node says what to install for its optional peer, and
//                          the types check in a TypeScript project without lit (skipLibCheck off).
//   beltic-verify-sandbox  its bin, run from an empty directory with `npx --package <tarball>`, serves the API
//                          (needs the registry, for sharp and the rest of its dependencies).
//
// Exit code 1 when a check fails. Usage: node scripts/package-check.mjs [--keep] [--built]
//   --keep   keeps the temporary directory
//   --built  packs beltic-verify as dist/ is, without its prepack build (.ci/run has just built it)
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = {
  packages: 4,
  installedBytes: 3_000_000,
  // Measured at 0.1.0: 344 kB (the minified browser builds, the server helper, types, docs; no source maps).
  // 442 kB with twelve language tables (dist/i18n, about 4 kB gzip each) and the checks before upload, the
  // result screens and the country field. About 15% of margin: room for features, not for source maps or a
  // dependency slipping in.
  packedBytes: 510_000,
};

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const built = process.argv.includes('--built');
const work = mkdtempSync(join(tmpdir(), 'beltic-package-check-'));
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
  return ok;
};

// npm itself: the one running this script (npm run), else the one on PATH.
const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : null;
function npm(args, cwd, { quiet = false } = {}) {
  const [command, argv] = npmCli ? [process.execPath, [npmCli, ...args]] : ['npm', args];
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 64 << 20 });
  if (result.status !== 0) {
    if (!quiet) process.stderr.write(result.stdout + result.stderr);
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
  }
  return result.stdout;
}

function pack(workspace, { asBuilt = false } = {}) {
  const args = ['pack', '--json', '--pack-destination', work, ...(workspace ? ['--workspace', workspace] : []), ...(asBuilt ? ['--ignore-scripts'] : [])];
  console.log(`Packing ${workspace ?? 'beltic-verify'} (${asBuilt ? 'as built' : 'its prepack builds it'})…`);
  const [info] = JSON.parse(npm(args, root));
  return { ...info, tarball: join(work, info.filename) };
}

/** Apparent bytes (the files' sizes) and bytes on disk (allocated blocks, as du counts them) under `dir`. */
function sizeOf(dir) {
  let apparent = 0;
  let disk = 0;
  const walk = (path) => {
    const stat = lstatSync(path);
    apparent += stat.isDirectory() ? 0 : stat.size;
    disk += stat.blocks * 512;
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  if (existsSync(dir)) walk(dir);
  return { apparent, disk };
}

/** The packages npm installed (its hidden lockfile), and those with a script npm would run on install. */
function installed(dir) {
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules/.package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages).filter((path) => path.startsWith('node_modules/'));
  const scripts = [];
  for (const path of packages) {
    const manifest = JSON.parse(readFileSync(join(dir, path, 'package.json'), 'utf8'));
    const hooks = ['preinstall', 'install', 'postinstall', 'prepare'].filter((hook) => manifest.scripts?.[hook]);
    // A binding.gyp with no install script gets an implicit `node-gyp rebuild`.
    if (hooks.length === 0 && existsSync(join(dir, path, 'binding.gyp'))) hooks.push('install (node-gyp rebuild)');
    if (hooks.length > 0) scripts.push(`${manifest.name}@${manifest.version} (${hooks.join(', ')})`);
  }
  return { packages: packages.map((path) => path.replace(/^.*node_modules\//, '')), scripts };
}

function freshInstall(tarball, name, extraArgs) {
  const dir = join(work, `install-${name}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true, type: 'module' }, null, 2));
  console.log(`Installing ${name} into an empty project…`);
  npm(['install', tarball, '--no-audit', '--no-fund', '--no-package-lock', ...extraArgs], dir);
  return { dir, ...installed(dir), size: sizeOf(join(dir, 'node_modules')) };
}

/** The shipped files of a tarball, by path, from the unpacked package in node_modules. */
function shippedFiles(info, installedDir) {
  return info.files.map((file) => ({ ...file, absolute: join(installedDir, file.path) }));
}

function checkMainContents(info, packageDir) {
  const files = shippedFiles(info, packageDir);
  const paths = new Set(files.map((file) => file.path));

  // Nothing shipped twice (the workers were once in dist/assets and dist/cdn/assets).
  const byHash = new Map();
  for (const file of files) {
    const hash = createHash('sha256').update(readFileSync(file.absolute)).digest('hex');
    byHash.set(hash, [...(byHash.get(hash) ?? []), file.path]);
  }
  const duplicates = [...byHash.values()].filter((group) => group.length > 1 && !group.every((path) => /(^|\/)LICEN[CS]E$/i.test(path)));
  check(duplicates.length === 0, `files shipped twice: ${duplicates.map((group) => group.join(' = ')).join('; ')}`);

  // Source maps carry their sources (nothing points at src/, which is not shipped); no declaration maps.
  for (const file of files.filter((file) => file.path.endsWith('.map'))) {
    check(!file.path.endsWith('.d.ts.map'), `declaration map shipped: ${file.path}`);
    const map = JSON.parse(readFileSync(file.absolute, 'utf8'));
    const complete =
      Array.isArray(map.sourcesContent) && map.sourcesContent.length === map.sources.length && map.sourcesContent.every((text) => typeof text === 'string');
    check(complete, `source map without its sources: ${file.path}`);
  }
  for (const file of files.filter((file) => file.path.endsWith('.js'))) {
    const mapped = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file.absolute, 'utf8'))?.[1];
    if (mapped) check(paths.has(join(file.path, '..', mapped)), `${file.path} points at a missing source map ${mapped}`);
  }

  // What package.json and custom-elements.json name is shipped.
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of targets) check(paths.has(target.replace(/^\.\//, '')), `package.json exports a missing file: ${target}`);
  const elements = JSON.parse(readFileSync(join(packageDir, 'custom-elements.json'), 'utf8'));
  for (const module of elements.modules) check(paths.has(module.path), `custom-elements.json names a file not shipped: ${module.path}`);
  const events = elements.modules.flatMap((module) => module.declarations ?? []).flatMap((declaration) => declaration.events ?? []);
  check(events.length > 0 && events.every((event) => event.name), 'custom-elements.json has an event without a name');

  for (const file of ['LICENSE', 'README.md', 'dist/THIRD_PARTY_LICENSES.txt']) check(paths.has(file), `${file} is not shipped`);
  // Where the registry page links to, and the third-party licences kept in what bundles them.
  for (const field of ['repository', 'homepage', 'bugs']) check(Boolean(manifest[field]), `package.json has no ${field}`);
  const bundles = files.filter((file) => /^dist\/(chunks|cdn|assets)\/.+\.js$/.test(file.path)).map((file) => readFileSync(file.absolute, 'utf8'));
  check(
    bundles.some((code) => /@license[\s\S]{0,200}Google LLC/.test(code)),
    "lit's @license header is not kept in the bundles",
  );
  const unattributed = bundles.filter((code) => !code.startsWith('/*! beltic-verify')).length;
  check(unattributed === 0, `${unattributed} bundled file(s) do not start with the list of the packages they bundle`);
  check(!Object.keys(manifest.dependencies ?? {}).length, `beltic-verify has dependencies: ${Object.keys(manifest.dependencies ?? {}).join(', ')}`);
}

function checkServerImports(dir) {
  const script = `
    const server = await import('beltic-verify/server');
    if (typeof server.createProxy !== 'function' || typeof server.createClientToken !== 'function') throw new Error('beltic-verify/server: exports missing');
    const node = await import('beltic-verify/server/node');
    try {
      node.toNodeHandler(async () => new Response('ok'));
      throw new Error('beltic-verify/server/node made an adapter without @hono/node-server');
    } catch (error) {
      if (!/npm install @hono\\/node-server/.test(error.message)) throw error;
    }
    for (const entry of ['beltic-verify', 'beltic-verify/define']) import.meta.resolve(entry);
    console.log('ok');`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  return check(result.status === 0 && result.stdout.trim() === 'ok', `the installed server helper: ${result.stderr.trim() || result.stdout.trim()}`);
}

/**
 * The installed types check in a TypeScript project that has no lit, with skipLibCheck off (and no
 * @types/node: beltic-verify/server/node, a Node adapter, needs Node's types as any Node code does).
 */
function checkTypes(dir) {
  const app = `import { BelticVerify, type BelticVerifyCompleteEvent } from 'beltic-verify';
import 'beltic-verify/define';
import { createProxy } from 'beltic-verify/server';
const element = document.querySelector('beltic-verify');
if (element instanceof BelticVerify) {
  element.apiBase = '/beltic';
  element.addEventListener('beltic-verify-complete', (event: BelticVerifyCompleteEvent) => console.log(event.detail.status));
  element.setAttribute('document-types', 'passport');
}
export { createProxy };
`;
  writeFileSync(join(dir, 'app.ts'), app);
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    lib: ['ES2023', 'DOM'],
    types: [],
    noEmit: true,
    skipLibCheck: false,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }, null, 2));
  const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
  return check(result.status === 0, `the installed types do not check without lit:\n${result.stdout}${result.stderr}`);
}

/** Stops `child` and everything it started (it leads its own process group: `detached`). */
function stopGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** `npx --package <tarball> beltic-verify-sandbox --port 0` from an empty directory: it starts and answers. */
async function checkSandboxBin(tarball) {
  const dir = join(work, 'npx-empty');
  mkdirSync(dir);
  const key = 'sk_staging_package_check';
  const [command, prefix] = npmCli ? [process.execPath, [join(npmCli, '../npx-cli.js')]] : ['npx', []];
  const child = spawn(command, [...prefix, '--yes', '--package', tarball, 'beltic-verify-sandbox', '--port', '0', '--api-key', key, '--delay', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
    // A process group of its own: npx runs the bin as its child and does not pass a SIGTERM on, so the
    // whole group is stopped (killing npx alone left a sandbox listening after every check).
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  try {
    const base = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 180 s: ${out}`)), 180_000);
      child.stdout.on('data', () => {
        const found = /Beltic sandbox: (http:\/\/\S+)\n/.exec(out)?.[1];
        if (found && /API key/.test(out)) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    const created = await fetch(`${base}/identity/accounts`, {
      method: 'POST',
      headers: { 'X-Api-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { type: 'account' } }),
    });
    const refused = await fetch(`${base}/identity/accounts`);
    return check(created.status === 201 && refused.status === 401, `the sandbox bin answered ${created.status} (with the key) and ${refused.status} (without)`);
  } catch (error) {
    return check(false, `the sandbox bin: ${error.message}`);
  } finally {
    stopGroup(child);
  }
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

let failed = false;
try {
  if (built && !existsSync(join(root, 'dist/cdn/beltic-verify.classic.js'))) throw new Error('--built, but there is no build in dist/');
  const main = pack(null, { asBuilt: built });
  const sandbox = pack('beltic-verify-sandbox');

  const mainInstall = freshInstall(main.tarball, 'beltic-verify', ['--offline']);
  const sandboxInstall = freshInstall(sandbox.tarball, 'beltic-verify-sandbox', []);
  checkMainContents(main, join(mainInstall.dir, 'node_modules/beltic-verify'));
  const serverOk = checkServerImports(mainInstall.dir);
  const typesOk = checkTypes(mainInstall.dir);
  const license = (dir, name) => readFileSync(join(dir, 'node_modules', name, 'LICENSE'), 'utf8');
  check(license(sandboxInstall.dir, 'beltic-verify-sandbox') === license(mainInstall.dir, 'beltic-verify'), 'packages/sandbox/LICENSE differs from LICENSE');
  const ownScripts = (info, dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', info.name, 'package.json'), 'utf8'));
    return ['preinstall', 'install', 'postinstall', 'prepare'].filter((hook) => manifest.scripts?.[hook]);
  };
  check(ownScripts(sandbox, sandboxInstall.dir).length === 0, `beltic-verify-sandbox has install scripts: ${ownScripts(sandbox, sandboxInstall.dir)}`);
  console.log('Running `npx --package <sandbox tarball> beltic-verify-sandbox --port 0` from an empty directory…');
  const binOk = await checkSandboxBin(sandbox.tarball);

  const rows = [
    ['', 'beltic-verify', 'beltic-verify-sandbox'],
    ['tarball, packed', kB(main.size), kB(sandbox.size)],
    ['tarball, unpacked', kB(main.unpackedSize), kB(sandbox.unpackedSize)],
    ['files in the tarball', String(main.entryCount), String(sandbox.entryCount)],
    ['packages installed', String(mainInstall.packages.length), String(sandboxInstall.packages.length)],
    ['node_modules, on disk', MB(mainInstall.size.disk), MB(sandboxInstall.size.disk)],
    ['node_modules, file sizes', MB(mainInstall.size.apparent), MB(sandboxInstall.size.apparent)],
    ['install scripts', mainInstall.scripts.join(', ') || 'none', sandboxInstall.scripts.join(', ') || 'none'],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  console.log('');
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('   '));
  console.log(`\nbeltic-verify installs: ${mainInstall.packages.join(', ')}`);

  check(mainInstall.packages.length <= BUDGET.packages, `beltic-verify installs ${mainInstall.packages.length} packages (budget ${BUDGET.packages})`);
  check(mainInstall.size.disk <= BUDGET.installedBytes, `beltic-verify takes ${MB(mainInstall.size.disk)} on disk (budget ${MB(BUDGET.installedBytes)})`);
  check(mainInstall.scripts.length === 0, `installing beltic-verify would run: ${mainInstall.scripts.join(', ')}`);
  check(main.size <= BUDGET.packedBytes, `the beltic-verify tarball is ${kB(main.size)} packed (budget ${kB(BUDGET.packedBytes)})`);

  console.log('');
  console.log(
    `budgets of beltic-verify: ≤ ${BUDGET.packages} packages, ≤ ${MB(BUDGET.installedBytes)} on disk, no install script, ≤ ${kB(BUDGET.packedBytes)} packed`,
  );
  console.log(`beltic-verify/server loads with nothing else installed; beltic-verify/server/node names its optional peer: ${serverOk ? 'yes' : 'NO'}`);
  console.log(`its types check in a TypeScript project without lit (skipLibCheck off): ${typesOk ? 'yes' : 'NO'}`);
  console.log(`the sandbox's bin serves from an empty directory (npx): ${binOk ? 'yes' : 'NO'}`);
} catch (error) {
  problems.push(error.message);
} finally {
  if (keep) console.log(`\nKept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  failed = true;
  console.log(`\nPackage check FAILED:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
} else {
  console.log('\nPackage check: every figure within its budget, every check met.');
}
process.exit(failed ? 1 : 0);
