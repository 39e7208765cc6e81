// custom-elements.json, the element's manifest, as tools read it from the published package (IDEs,
// Storybook, lit-analyzer): `npm run build` runs the analyzer, which reads this file.
//
// The analyzer describes the sources (src/beltic-verify.ts, src/events.ts, src/error-event.ts), which the package does not
// ship: this file's plugin moves every declaration to the file that exports it from the package,
// dist/index.js (the class, its events), and says that dist/define.js registers <beltic-verify>.
// It also names every event: the analyzer finds `dispatchEvent(new BelticVerifyReadyEvent(…))` but not
// the event's name, which only the class's constructor holds; each event gets its name, its class as
// its type, and the description of its `@fires` tag.
const TAG_NAME = 'beltic-verify';
const INDEX = 'dist/index.js';
const DEFINE = 'dist/define.js';

export default {
  globs: ['src/beltic-verify.ts', 'src/events.ts', 'src/error-event.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [eventNames(), shippedModules()],
};

/** Event class name → event name, from each `class X extends CustomEvent` whose constructor calls `super('name', …)`. */
const eventNameOf = new Map();

function eventNames() {
  return {
    name: 'beltic-event-names',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const extendsCustomEvent = node.heritageClauses?.some((clause) => clause.types.some((type) => type.expression.getText() === 'CustomEvent'));
      if (!extendsCustomEvent) return;
      const constructor = node.members.find((member) => ts.isConstructorDeclaration(member));
      const superCall = constructor?.body?.statements
        .map((statement) => (ts.isExpressionStatement(statement) ? statement.expression : null))
        .find((expression) => expression && ts.isCallExpression(expression) && expression.expression.kind === ts.SyntaxKind.SuperKeyword);
      const [name] = superCall?.arguments ?? [];
      if (name && ts.isStringLiteral(name)) eventNameOf.set(node.name.text, name.text);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((module) => module.declarations ?? [])) {
        if (!declaration.customElement || !declaration.events) continue;
        const byName = new Map();
        for (const event of declaration.events) {
          const name = event.name ?? eventNameOf.get(event.type?.text);
          if (!name) throw new Error(`custom-elements.json: an event of <${declaration.tagName}> has no name (${JSON.stringify(event)}).`);
          byName.set(name, { ...byName.get(name), ...event, name });
        }
        const typeOf = new Map([...eventNameOf].map(([className, name]) => [name, className]));
        declaration.events = [...byName.values()].map((event) => ({
          name: event.name,
          type: { text: event.type?.text ?? typeOf.get(event.name) ?? 'CustomEvent' },
          ...(event.description ? { description: event.description } : {}),
        }));
        const unnamed = declaration.events.filter((event) => event.type.text === 'CustomEvent');
        if (unnamed.length > 0) throw new Error(`custom-elements.json: no event class found for ${unnamed.map((event) => event.name).join(', ')}.`);
      }
    },
  };
}

function shippedModules() {
  return {
    name: 'beltic-shipped-modules',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      const exported = new Set(modules.flatMap((module) => (module.exports ?? []).map((entry) => entry.declaration?.name)));
      const declarations = modules.flatMap((module) => module.declarations ?? []).filter((declaration) => exported.has(declaration.name));
      const element = declarations.find((declaration) => declaration.customElement && declaration.tagName === TAG_NAME);
      if (!element) throw new Error(`custom-elements.json: no declaration of <${TAG_NAME}>.`);
      const reference = (name) => ({ name, module: INDEX });
      customElementsManifest.modules = [
        {
          kind: 'javascript-module',
          path: INDEX,
          declarations: relinked(declarations),
          exports: declarations.map((declaration) => ({ kind: 'js', name: declaration.name, declaration: reference(declaration.name) })),
        },
        {
          kind: 'javascript-module',
          path: DEFINE,
          declarations: [],
          exports: [
            { kind: 'custom-element-definition', name: TAG_NAME, declaration: reference(element.name) },
            { kind: 'js', name: element.name, declaration: reference(element.name) },
          ],
        },
      ];
    },
  };
}

/** Every `module` reference to a source file (src/…) now points at dist/index.js, which exports what it names. */
function relinked(value) {
  if (Array.isArray(value)) return value.map(relinked);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'module' && /^\/?src\//.test(inner) ? INDEX : relinked(inner)]));
}
