// `npm run build`: the beltic-verify package as published (README "Builds"; `npm pack` runs it first).
//   dist/index.js, dist/define.js, dist/cdn/, dist/chunks/, dist/assets/, dist/THIRD_PARTY_LICENSES.txt
//        the browser code, everything bundled: vite.config.ts, its module build then its classic one
//   dist/server/ (and the neutral files it imports)   the server helper, compiled as is, with its types (tsconfig.node.json)
//   dist/index.d.ts, dist/define.d.ts, dist/types.d.ts
//        the widget's types (tsconfig.build.json), bundled with those of lit and idb-keyval that they name:
//        the JavaScript bundles its libraries, so the types cannot import them from packages that are not installed
//   custom-elements.json                              the element's manifest (custom-elements-manifest.config.mjs)
//   dist/react.d.ts, dist/vue.d.ts (and empty .js)    beltic-verify/react and beltic-verify/vue: the tag typed in
//        React 19's JSX and in Vue's templates (src/react.ts, src/vue.ts, types only; they import react's or vue's types)
//
// `node scripts/build.mjs sandbox` (`npm run build:sandbox`): the beltic-verify-sandbox package's dist/
// (packages/sandbox/tsconfig.json, from src/sandbox and the neutral folders). Its prepack runs it and its
// postpack (`sandbox-clean`) removes it again: ESLint, whose config ignores only the root dist/, would
// otherwise lint the compiled files. In this repository, `npm run sandbox` runs the sandbox from its sources.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import ts from 'typescript';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const sandboxDist = fileURLToPath(new URL('../packages/sandbox/dist', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
// Where tsconfig.build.json's declarations go before they are bundled: inside the repository, so that the
// bundler resolves lit's types from node_modules, and this process's own (.gitignore'd, as every .tmp*/).
const declarations = fileURLToPath(new URL(`../.tmp-types-${process.pid}`, import.meta.url));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

const [target = 'package'] = process.argv.slice(2);

if (target === 'sandbox') {
  rmSync(sandboxDist, { recursive: true, force: true });
  run(process.execPath, [tsc, '-p', 'packages/sandbox/tsconfig.json']);
} else if (target === 'sandbox-clean') {
  rmSync(sandboxDist, { recursive: true, force: true });
} else if (target === 'package') {
  rmSync(`${root}/dist`, { recursive: true, force: true });
  rmSync(declarations, { recursive: true, force: true });
  run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', declarations]);
  run(process.execPath, [tsc, '-p', 'tsconfig.node.json']);
  await bundleTypes();
  frameworkTypes();
  // The module build first: the classic one loads the worker files it wrote to dist/assets.
  await build({ root, configFile: `${root}/vite.config.ts`, mode: 'production' });
  await build({ root, configFile: `${root}/vite.config.ts`, mode: 'classic' });
  run(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet']);
} else {
  console.error(`Unknown build target "${target}": package (default), sandbox or sandbox-clean.`);
  process.exit(2);
}

/** dist/index.d.ts and dist/define.d.ts, sharing dist/types.d.ts: every type they name, lit's included, and no import of a package. */
async function bundleTypes() {
  const bundle = await rollup({
    input: { index: `${declarations}/index.d.ts`, define: `${declarations}/define.d.ts` },
    plugins: [dts({ respectExternal: true })],
    onwarn: (warning) => {
      throw new Error(`Bundling the types: ${warning.message}`);
    },
  });
  const { output } = await bundle.write({ dir: `${root}/dist`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'types.d.ts' });
  await bundle.close();
  const imports = output.flatMap((chunk) => chunk.imports ?? []).filter((id) => !id.startsWith('types.d'));
  if (imports.length > 0) throw new Error(`The bundled types still import ${imports.join(', ')}.`);
  rmSync(declarations, { recursive: true, force: true });
}

/**
 * dist/react.d.ts and dist/vue.d.ts, each beside an empty module (so that `import 'beltic-verify/react'` also
 * resolves at run time): src/react.ts and src/vue.ts hold types only, checked by `npm run typecheck`, and import
 * the widget's from './index.js', which in dist/ is the bundled index.d.ts. Not bundled: they must import
 * `react` and `vue`, whose types the app has, and augment them.
 */
function frameworkTypes() {
  for (const name of ['react', 'vue']) {
    const fileName = `${root}/src/${name}.ts`;
    const { outputText, diagnostics = [] } = ts.transpileDeclaration(readFileSync(fileName, 'utf8'), {
      fileName,
      compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 },
      reportDiagnostics: true,
    });
    if (diagnostics.length > 0) throw new Error(`src/${name}.ts: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
    writeFileSync(`${root}/dist/${name}.d.ts`, outputText);
    writeFileSync(`${root}/dist/${name}.js`, `/*! beltic-verify (MIT License). Types only: see ${name}.d.ts. */\nexport {};\n`);
  }
}
