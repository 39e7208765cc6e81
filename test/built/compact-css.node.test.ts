/**
 * The build's CSS compaction (scripts/compact-css-literals.ts): what it removes, what it must keep.
 * That the widget's compacted stylesheet is the same as its sources' in a browser is checked by
 * test/built/builds.browser.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compactCss, compactCssLiterals } from '../../scripts/compact-css-literals.js';

describe('compacting css` literals', () => {
  it('drops comments and the whitespace around { } ; , and after :, keeps descendant combinators', () => {
    const css = `
      /* a comment, with ; and { } in it */
      .a .b:focus-visible ,
      .c > .d {
        box-shadow: 0 0 0 2px red , 0 0 0 4px blue;
        margin: calc(100% - 2rem)/**/auto;
      }
      @media (max-width: 40rem) { .a { display: none; } }
    `;
    assert.equal(
      compactCss(css),
      '.a .b:focus-visible,.c > .d{box-shadow:0 0 0 2px red,0 0 0 4px blue;margin:calc(100% - 2rem) auto}@media (max-width:40rem){.a{display:none}}',
    );
  });

  it('keeps quoted strings as they are, apostrophes in comments included', () => {
    assert.equal(
      compactCss(`/* the theme's accent */ .a { content: ' ;  { , '; font-family: "Segoe  UI" , serif; }`),
      `.a{content:' ;  { , ';font-family:"Segoe  UI",serif}`,
    );
  });

  it('copies interpolations and the spaces that separate them from the text', () => {
    const code = 'const s = css`\n  @keyframes ${unsafeCSS(NAME)} {\n    from {\n    }\n  }\n  a { animation: ${unsafeCSS(NAME)} 1ms; }\n`;';
    assert.equal(compactCssLiterals(code), 'const s = css`@keyframes ${unsafeCSS(NAME)}{from{}}a{animation:${unsafeCSS(NAME)} 1ms}`;');
  });

  it('leaves code outside css` literals alone, html` ones included', () => {
    const code = 'const a = html`<p>  two  spaces </p>`;\nconst b = css` a { color: red; } `;\nconst c = `  x  `;';
    assert.equal(compactCssLiterals(code), 'const a = html`<p>  two  spaces </p>`;\nconst b = css`a{color:red}`;\nconst c = `  x  `;');
  });

  it('refuses what it would have to interpret: escapes, nested literals, an unterminated literal', () => {
    assert.throws(() => compactCssLiterals('css` a::before { content: "\\2014"; } `'), /backslash/);
    assert.throws(() => compactCssLiterals('css` a { color: ${`red`}; } `'), /template literal/);
    assert.throws(() => compactCssLiterals('css` a { color: red; }'), /does not end/);
  });

  it("the widget's styles lose about a third of their bytes", () => {
    const source = readFileSync(new URL('../../src/ui/styles.ts', import.meta.url), 'utf8');
    const compacted = compactCssLiterals(source);
    assert.ok(compacted.length < source.length * 0.75, `${source.length} → ${compacted.length} bytes`);
    assert.equal(compacted.match(/\$\{/g)?.length, source.match(/\$\{/g)?.length, 'every interpolation kept');
  });
});
