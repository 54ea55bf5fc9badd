/**
 * How the render's TypeScript becomes what plain node runs: two CommonJS scripts compiled by esbuild, the
 * project's code (every package left as a `require()`) and the packages it requires (cdk8s, the schema
 * validators, ajv, yaml, and the validators generated into libs/crd-models). bundle-cache.mjs caches both and links them at run time. Shared by the render
 * (`bin.mjs`), `pnpm diff` and the benchmark (tools/bench/compiled.mjs), so all of them run what `pnpm render`
 * runs.
 *
 * Why packages in a script of their own: kubernetes-models and @kubernetes-models/argo-cd ship one ES module
 * per schema, and loading the few hundred files the validators import took node about as long as the render's
 * builds; one script is read and parsed at once and V8 caches its compiled code (bundle-cache.mjs). Kept apart
 * from the project's code, it is compiled again only when the packages change, and a changed source file
 * recompiles the project's part alone (a tenth of the work).
 */
import { build } from 'esbuild';
import { realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** esbuild's options shared by both scripts (this file is part of the cache key: changing one recompiles). */
const COMPILE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'silent',
};

/** The name the entry module is compiled under (it exists only in memory). */
export const ENTRY = '<entry>';

/**
 * Argo CD's models, loaded only when the first Argo CD object is validated: a render of cluster apps alone
 * (`pnpm render pms-dev`, the Nx `render` targets, `pnpm diff`) never evaluates them or the hundred schema
 * validators they import. libs/schemas imports each model class by name (`import { Application } from
 * '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application'`); in the project script that import becomes
 * a stand-in that requires the real module the first time it is touched. The packages script initialises a
 * module when it is first required (compileVendor), so nothing of Argo CD's runs before that.
 */
const LAZY = /^@kubernetes-models\/argo-cd\/argoproj\.io\/v1alpha1\/(\w+)$/;
const lazyArgoCdModels = {
  name: 'lazy-argo-cd-models',
  setup(build) {
    build.onResolve({ filter: LAZY }, (args) =>
      // The stand-in's own require() is a package require like any other: external.
      args.namespace === 'lazy-model'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-model' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-model' }, (args) => ({
      loader: 'js',
      contents: lazyModelModule(args.path, LAZY.exec(args.path)[1]),
    }));
  },
};

/**
 * A module exporting `name` as a stand-in for the class `specifier` exports: a proxy that behaves as the class
 * (`new`, static members, `prototype`, `instanceof`) and loads the real module the first time it is touched.
 */
function lazyModelModule(specifier, name) {
  return `let model;
const load = () => (model ??= require(${JSON.stringify(specifier)}).${name});
export const ${name} = new Proxy(function ${name}() {}, {
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args, newTarget) => Reflect.construct(load(), args, newTarget === ${name} ? load() : newTarget),
  get: (_, key) => Reflect.get(load(), key),
  has: (_, key) => Reflect.has(load(), key),
  getPrototypeOf: () => Reflect.getPrototypeOf(load()),
});
`;
}

/**
 * The validators generated into libs/crd-models (`src/generated/_schemas/*.js`, about 0.8 MB of plain ES modules)
 * are treated like a package: the project script requires each by its path from the root
 * (`./libs/crd-models/src/generated/_schemas/<name>.js`) and the packages script carries them, so a changed
 * source file never makes esbuild re-emit or map them (the packages script has no source map), and node reads
 * them with the packages, under V8's code cache. bundle-cache.mjs keys the packages script by their content.
 */
function generatedValidatorsExternal(root) {
  const generated = join(root, GENERATED);
  return {
    name: 'crd-models-validators-external',
    setup(build) {
      // esbuild reports real paths: where libs/ is a link (a mirror of the workspace), the folder's real path.
      const folders = [...new Set([generated, realpathOr(generated)])].map((dir) => dir + sep);
      build.onResolve({ filter: /\/_schemas\/[^/]+$/ }, (args) => {
        if (args.namespace !== 'file') return undefined;
        const file = resolve(args.resolveDir, `${args.path}.js`);
        const folder = folders.find((dir) => file.startsWith(dir));
        if (!folder) return undefined;
        // Named as the tree names it, whatever links lead there.
        const path = [GENERATED, relative(folder, file)].join(sep).split(sep).join('/');
        return { path: `./${path}`, external: true };
      });
    },
  };
}

/** The generated models' folder, from the root. */
const GENERATED = join('libs', 'crd-models', 'src', 'generated');

function realpathOr(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Runs esbuild; warnings fail the compile (a package needing what CommonJS lacks must not pass silently).
 * A bundled package that reads files next to its own modules (`__dirname`) would look in the cache folder:
 * cdk8s does so only to download YAML from a URL (`Yaml.load`), which the render never does (no network).
 */
async function compile(options) {
  const result = await build({ ...COMPILE_OPTIONS, ...options });
  if (result.warnings.length > 0) {
    const text = result.warnings
      .map((w) => `${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`)
      .join('\n');
    throw new Error(`esbuild warned while compiling the render:\n${text}`);
  }
  return result;
}

/**
 * Compiles the project code reachable from `entry` (TypeScript source, resolved from `root`) into one
 * CommonJS script at `outfile` (`write: false`: into the result's `outputFiles`), every package left as a
 * `require()` of its import specifier. `plugins` run before the built-in one.
 */
export function compileProject({ root, entry, outfile, write = true, plugins = [] }) {
  return compile({
    stdin: { contents: entry, resolveDir: root, sourcefile: ENTRY, loader: 'ts' },
    absWorkingDir: root,
    tsconfig: join(root, 'tsconfig.json'),
    packages: 'external',
    // For `node --enable-source-maps`, in a file next to the script so that a run never parses it.
    sourcemap: 'linked',
    outfile,
    // Positions only: no copy of the sources (whose doc comments, such as the generated models', only add size).
    sourcesContent: false,
    metafile: true,
    write,
    plugins: [...plugins, generatedValidatorsExternal(root), lazyArgoCdModels],
  });
}

/**
 * Compiles the packages `specifiers` name (what a project script requires) into one CommonJS script whose
 * `module.exports` maps each specifier to a function returning that module. esbuild initialises a module
 * reached through `require()` on its first call, so a package runs when the project first requires it. The
 * specifiers resolve as node resolves an `import` (the `import` export condition: @kubernetes-models/* export
 * nothing else), as they did when node imported the packages itself.
 */
export function compileVendor({ root, specifiers, outfile, write = true }) {
  const contents = `module.exports = {\n${specifiers
    .map((s) => `  ${JSON.stringify(s)}: () => require(${JSON.stringify(s)}),`)
    .join('\n')}\n};\n`;
  const asImports = {
    name: 'resolve-as-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (!args.importer.endsWith(ENTRY) || args.pluginData?.asImport) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: 'import-statement',
          resolveDir: args.resolveDir,
          pluginData: { asImport: true },
        });
        return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
      });
    },
  };
  return compile({
    stdin: { contents, resolveDir: root, sourcefile: ENTRY, loader: 'js' },
    absWorkingDir: root,
    // No source map: it would double the compile's time, for stack traces inside packages.
    sourcemap: false,
    outfile,
    metafile: true,
    write,
    plugins: [asImports],
  });
}
