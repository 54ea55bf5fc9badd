/**
 * The render's compile cache (bundle-cache.mjs) on a small workspace of its own: what it compiles again, and
 * what it takes from the cache, after each kind of change; how the two scripts are linked.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from './bundle-cache.mjs';

let root: string;
let cacheDir: string;
const write = (path: string, content: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};

interface Demo {
  answer(): string;
  argoEvaluated(): boolean;
  applicationKind(): string;
}
const ENTRY = `export { answer, argoEvaluated, applicationKind } from './libs/demo/src/index.ts';`;
const load = (entry = ENTRY) => loadBundle<Demo>({ root, entry, cacheDir });
/** A generated CRD model, as libs/crd-models holds them (written by the test that needs it). */
const WIDGET_ENTRY = `export { valid } from './libs/crd-models/src/generated/widget.ts';`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pms-bundle-cache-'));
  cacheDir = join(root, 'cache');
  write('package.json', JSON.stringify({ name: 'demo', type: 'module' }));
  write('pnpm-lock.yaml', 'lockfileVersion: 9.0\n');
  write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true } }));
  write(
    'libs/demo/src/index.ts',
    [
      `import { greeting } from 'esm-only';`,
      `import { suffix } from 'plain-cjs';`,
      `import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';`,
      `import { value } from './value.js';`,
      `export const answer = () => \`\${greeting} \${value}\${suffix}\`;`,
      `export const argoEvaluated = () => (globalThis as { argoEvaluated?: boolean }).argoEvaluated === true;`,
      `export const applicationKind = () => new Application().kind;`,
      '',
    ].join('\n'),
  );
  write('libs/demo/src/value.ts', `export const value: string = 'one';\n`);
  // An ES-module package that exports only an `import` condition, as @kubernetes-models/* do.
  write(
    'node_modules/esm-only/package.json',
    JSON.stringify({ name: 'esm-only', type: 'module', exports: { '.': { import: './index.js' } } }),
  );
  write(
    'node_modules/esm-only/index.js',
    `export const greeting = 'hello';\nexport default 'the default';\n`,
  );
  write('node_modules/plain-cjs/package.json', JSON.stringify({ name: 'plain-cjs', main: 'index.js' }));
  write('node_modules/plain-cjs/index.js', `exports.suffix = '!';\n`);
  // Stands for Argo CD's models: says when it is evaluated.
  write(
    'node_modules/@kubernetes-models/argo-cd/package.json',
    JSON.stringify({
      name: '@kubernetes-models/argo-cd',
      type: 'module',
      exports: { './*': { import: './*.js' } },
    }),
  );
  write(
    'node_modules/@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application.js',
    `globalThis.argoEvaluated = true;\nexport class Application { kind = 'Application'; }\n`,
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadBundle', () => {
  it('compiles both scripts on first use and links them: ES-module and CommonJS packages alike', async () => {
    const first = await load();
    expect(first.compiled).toEqual(['project', 'packages']);
    expect(first.exports.answer()).toBe('hello one!');
  });

  it('takes both from the cache when nothing changed, without running esbuild', async () => {
    const first = await load();
    const again = await load();
    expect(again.compiled).toEqual([]);
    expect(again.files).toEqual(first.files);
  });

  it('recompiles the project script alone when a source file changes, and uses the old one again after a revert', async () => {
    const before = await load();
    write('libs/demo/src/value.ts', `export const value: string = 'two';\n`);
    const changed = await load();
    expect(changed.compiled).toEqual(['project']);
    expect(changed.exports.answer()).toBe('hello two!');
    expect(changed.files[1]).toBe(before.files[1]);

    write('libs/demo/src/value.ts', `export const value: string = 'one';\n`);
    const reverted = await load();
    expect(reverted.compiled).toEqual([]);
    expect(reverted.files).toEqual(before.files);
  });

  it('recompiles when a new file changes how an import resolves, though no compiled file changed', async () => {
    // `./value.js` resolved to value.ts; a value.js next to it is what esbuild picks now.
    write('libs/demo/src/value.js', `export const value = 'from js';\n`);
    try {
      const result = await load();
      expect(result.compiled).toEqual(['project']);
      expect(result.exports.answer()).toBe('hello from js!');
    } finally {
      rmSync(join(root, 'libs/demo/src/value.js'));
    }
    expect((await load()).exports.answer()).toBe('hello one!');
  });

  it('recompiles the packages script alone when a package file changes (same size: its time tells)', async () => {
    write('node_modules/plain-cjs/index.js', `exports.suffix = '?';\n`);
    const result = await load();
    expect(result.compiled).toEqual(['packages']);
    expect(result.exports.answer()).toBe('hello one?');
  });

  it('carries the generated CRD validators in the packages script, keyed by their content', async () => {
    // As libs/crd-models holds them: a plain ES module generated beside its model, importing a package.
    const validator = 'libs/crd-models/src/generated/_schemas/DemoWidget.js';
    write(
      validator,
      `import { greeting } from 'esm-only';\nexport const validate = (data) => data === greeting;\n`,
    );
    write(validator.replace(/js$/, 'd.ts'), 'export function validate(data: unknown): boolean;\n');
    write(
      'libs/crd-models/src/generated/widget.ts',
      `import { validate } from './_schemas/DemoWidget';\nexport const valid = (data: unknown) => validate(data);\n`,
    );
    const loadWidget = () =>
      loadBundle<{ valid(data: unknown): boolean }>({ root, entry: WIDGET_ENTRY, cacheDir });
    const first = await loadWidget();
    expect(first.exports.valid('hello')).toBe(true);
    const project = readFileSync(first.files[0]!, 'utf8');
    expect(project).toContain('require("./libs/crd-models/src/generated/_schemas/DemoWidget.js")');
    expect(project).not.toContain('data === greeting');
    expect(readFileSync(first.files[1]!, 'utf8')).toContain('data === greeting');

    // Rewritten unchanged (as `pnpm crds` does): a new modification time, the same content, nothing compiled.
    write(validator, readFileSync(join(root, validator), 'utf8'));
    expect((await loadWidget()).compiled).toEqual([]);
    // Regenerated differently, at the same size: the packages script alone is compiled again.
    write(
      validator,
      `import { greeting } from 'esm-only';\nexport const validate = (data) => data !== greeting;\n`,
    );
    const regenerated = await loadWidget();
    expect(regenerated.compiled).toEqual(['packages']);
    expect(regenerated.exports.valid('hello')).toBe(false);
  });

  it('finds that packages script from a mirror of the workspace whose libs/ is a link', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'pms-bundle-cache-mirror-'));
    try {
      for (const name of ['package.json', 'pnpm-lock.yaml', 'tsconfig.json', 'libs', 'node_modules'])
        symlinkSync(join(root, name), join(mirror, name));
      // A cache holding only the packages scripts: a render after a source change, as pnpm bench times it.
      const packagesOnly = join(mirror, 'cache');
      mkdirSync(packagesOnly);
      for (const name of readdirSync(cacheDir).filter((n) => n.startsWith('packages-')))
        copyFileSync(join(cacheDir, name), join(packagesOnly, name));
      const result = await loadBundle<{ valid(data: unknown): boolean }>({
        root: mirror,
        entry: WIDGET_ENTRY,
        cacheDir: packagesOnly,
      });
      expect(result.compiled).toEqual(['project']);
      expect(readFileSync(result.files[0]!, 'utf8')).toContain(
        'require("./libs/crd-models/src/generated/_schemas/DemoWidget.js")',
      );
      expect(result.exports.valid('hello')).toBe(false);
    } finally {
      rmSync(mirror, { recursive: true, force: true });
    }
  });

  it('recompiles both when the lockfile changes', async () => {
    write('pnpm-lock.yaml', 'lockfileVersion: 9.0\n# another resolution\n');
    expect((await load()).compiled).toEqual(['project', 'packages']);
  });

  it('recompiles both when the TypeScript configuration changes', async () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022' } }));
    expect((await load()).compiled).toEqual(['project', 'packages']);
  });

  it('evaluates an Argo CD model only when it is first used', async () => {
    delete (globalThis as { argoEvaluated?: boolean }).argoEvaluated;
    write('libs/demo/src/value.ts', `export const value: string = 'lazy';\n`);
    const { exports } = await load();
    expect(exports.argoEvaluated()).toBe(false);
    expect(exports.applicationKind()).toBe('Application');
    expect(exports.argoEvaluated()).toBe(true);
  });

  it('refuses a default import of an ES-module package, naming it', async () => {
    await expect(load(`import text from 'esm-only';\nexport const answer = () => text;\n`)).rejects.toThrow(
      'the render imports esm-only as a whole (a default or namespace import), but it is an ES module; allowed: named imports',
    );
  });
});
