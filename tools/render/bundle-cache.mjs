/**
 * The compiled render, cached by the content of what it is compiled from: an unchanged tree skips esbuild
 * entirely (esbuild is not even loaded), a change compiles afresh what it affects.
 *
 * compile.mjs makes two scripts: the project's code, and the packages it requires. Each is looked up by a
 * SHA-256 over everything that can change it:
 * - both: the compiler (this file and compile.mjs, where the compile options live) and the root's
 *   pnpm-lock.yaml, package.json and tsconfig*.json (package versions, path aliases, TypeScript options);
 * - the project script: the entry module's source; the names of every file under apps/, libs/ and tools/ (a
 *   file added or removed can change how an import resolves although no compiled file changed); and the
 *   content of every project file the compile read;
 * - the packages script: the package specifiers the project script requires; every package file it contains,
 *   by size and modification time (node_modules is fixed by the lockfile; this catches hand edits); and the
 *   content of every project file it contains (the validators generated into libs/crd-models, which
 *   compile.mjs puts in this script; `pnpm crds` rewrites them).
 * Which files a compile reads is known only once it ran, so they are recorded in a manifest kept under the
 * other items' hash (the inputs of its last 8 compiles: going back to an earlier tree finds its script); a
 * lookup re-hashes the recorded files and uses a script only when every one of its inputs is unchanged.
 * Project files are hashed as esbuild reads them (a plugin), so an edit made while esbuild runs is never
 * recorded as compiled; the other items are read again after the compile, and a compile during which they
 * changed is used but not recorded.
 *
 * The cache lives in node_modules/.cache/pms-render (`PMS_RENDER_CACHE_DIR` overrides it). Scripts are
 * written under a temporary name and renamed into place, so concurrent renders never read half a file; it
 * keeps the 8 most recently used scripts of each kind and every script used in the last 10 minutes. Nothing
 * about a script reaches the rendered output.
 *
 * Each script runs through `vm.Script` with V8's code cache: the first run stores the compiled code (at exit,
 * so the functions compiled during the render are in it) and later runs skip parsing and compiling. A cache
 * V8 rejects (another node version) is replaced.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** Bump when a manifest's shape changes. */
const FORMAT = 3;
/** The compiler: its source is part of every key. */
const COMPILER = ['bundle-cache.mjs', 'compile.mjs'].map((f) =>
  join(dirname(fileURLToPath(import.meta.url)), f),
);
/** Root files that change what a compile produces without being read as modules. */
const ROOT_FILES = /^(pnpm-lock\.yaml|package\.json|tsconfig.*\.json)$/;
/** Folders whose file names are part of the project script's key. */
const SOURCE_DIRS = ['apps', 'libs', 'tools'];
/** Scripts kept per kind: the most recently used ones, and every one used this recently. */
const KEEP = 8;
const KEEP_RECENT_MS = 10 * 60 * 1000;

/** The cache folder of a workspace: `PMS_RENDER_CACHE_DIR`, else node_modules/.cache/pms-render. */
export function cacheDirOf(root) {
  return process.env['PMS_RENDER_CACHE_DIR'] || join(root, 'node_modules', '.cache', 'pms-render');
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const slash = (path) => path.split(sep).join('/');
const inNodeModules = (path) => path.split(/[\\/]/).includes('node_modules');

/** Every file name under `dir` (relative to `root`), following links, skipping node_modules and dot folders. */
function listFiles(root, dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(path).isDirectory();
      } catch {
        continue; // a dangling link resolves nothing
      }
    }
    if (isDir) listFiles(root, path, out);
    else out.push(slash(relative(root, path)));
  }
  return out;
}

/** A hash of the compiler and the root's configuration files. */
function configurationOf(root) {
  const hash = createHash('sha256');
  hash.update(`pms-render ${FORMAT}\0`);
  for (const file of COMPILER) hash.update(readFileSync(file)).update('\0');
  for (const name of readdirSync(root)
    .filter((n) => ROOT_FILES.test(n))
    .sort()) {
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(root, name)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** The project script's state: compiler and configuration, entry, and the names of the source files. */
function projectState(root, entry, sourceDirs, configuration = configurationOf(root)) {
  const files = [];
  for (const dir of sourceDirs) listFiles(root, join(root, dir), files);
  return sha256(['project', configuration, entry, files.sort().join('\n')].join('\0'));
}

/** The packages script's state: compiler and configuration, and the specifiers it provides. */
function vendorState(root, specifiers, configuration = configurationOf(root)) {
  return sha256(['packages', configuration, specifiers.join('\n')].join('\0'));
}

/**
 * How a compile input is named: relative to the root, package files relative to the root's node_modules
 * (esbuild reports real paths), so workspaces that link one node_modules (a copy of the tree, a git
 * worktree) name the same files alike and share scripts.
 */
function inputName(root, nodeModules, path) {
  const abs = resolve(root, path);
  return slash(
    nodeModules && abs.startsWith(nodeModules + sep)
      ? join('node_modules', relative(nodeModules, abs))
      : relative(root, abs),
  );
}

function realNodeModules(root) {
  try {
    return realpathSync(join(root, 'node_modules'));
  } catch {
    return undefined;
  }
}

/** The digest of an input as recorded: content for project files, size and time for package files. */
function digestOf(root, name) {
  const file = join(root, name);
  if (inNodeModules(name)) {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  }
  return sha256(readFileSync(file));
}

/** A script's file name: its kind, the state and every recorded input. */
const scriptName = (kind, state, inputs) => `${kind}-${sha256(`${state}\0${JSON.stringify(inputs)}`)}.cjs`;

/** The entries of a state's manifest, most recently compiled first (none when missing or of another format). */
function manifestEntries(cacheDir, kind, state) {
  try {
    const manifest = JSON.parse(readFileSync(join(cacheDir, `${kind}-${state}.json`), 'utf8'));
    return manifest.format === FORMAT && Array.isArray(manifest.entries) ? manifest.entries : [];
  } catch {
    return [];
  }
}

/**
 * The cached script of `state` whose recorded inputs are all unchanged, with its manifest entry. A state keeps
 * the inputs of its last few compiles, so going back to an earlier tree (a revert, a branch switch) finds the
 * script compiled from it.
 */
function lookup(root, cacheDir, kind, state) {
  const digests = new Map();
  const current = (name) => {
    if (!digests.has(name)) {
      try {
        digests.set(name, digestOf(root, name));
      } catch {
        digests.set(name, undefined); // the input is gone
      }
    }
    return digests.get(name);
  };
  for (const entry of manifestEntries(cacheDir, kind, state)) {
    if (!entry.inputs.every(([name, digest]) => current(name) === digest)) continue;
    const file = join(cacheDir, scriptName(kind, state, entry.inputs));
    if (!existsSync(file)) continue;
    const now = new Date();
    utimesSync(file, now, now);
    return { ...entry, file };
  }
  return undefined;
}

/** Writes `data` to `path` atomically (a temporary file renamed into place). */
function writeAtomically(path, data) {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/**
 * Stores a compile's script (its `outputFiles`, compiled for `placeholder`) under its key and, when `state`
 * still holds, its manifest. Returns the manifest with the script's path.
 */
function store(cacheDir, kind, state, stillState, result, placeholder, inputs, extra) {
  const name = scriptName(kind, state, inputs);
  const file = join(cacheDir, name);
  for (const output of result.outputFiles) {
    if (output.path === placeholder) {
      const mapLink = `//# sourceMappingURL=${placeholder.slice(cacheDir.length + 1)}.map`;
      writeAtomically(file, output.text.replace(mapLink, `//# sourceMappingURL=${name}.map`));
    } else if (output.path === `${placeholder}.map`) {
      writeAtomically(`${file}.map`, output.contents);
    }
  }
  const entry = { inputs, ...extra };
  if (stillState()) {
    const others = manifestEntries(cacheDir, kind, state).filter(
      (e) => scriptName(kind, state, e.inputs) !== name,
    );
    const entries = [entry, ...others].slice(0, KEEP);
    writeAtomically(join(cacheDir, `${kind}-${state}.json`), JSON.stringify({ format: FORMAT, entries }));
  }
  prune(cacheDir, kind);
  return { ...entry, file };
}

/** Compiles the project script of `entry`, hashing project files as esbuild reads them. */
async function compileProjectScript(root, cacheDir, state, entry, sourceDirs) {
  const { compileProject } = await import('./compile.mjs');
  const nodeModules = realNodeModules(root);
  const read = new Map();
  const recordProjectFiles = {
    name: 'record-project-files',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts|cts|tsx|js|mjs|cjs|jsx|json)$/ }, (args) => {
        const name = inputName(root, nodeModules, args.path);
        if (inNodeModules(name)) return undefined;
        const contents = readFileSync(args.path);
        read.set(name, sha256(contents));
        const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
        return { contents, loader: { mts: 'ts', cts: 'ts', mjs: 'js', cjs: 'js' }[ext] ?? ext };
      });
    },
  };
  const placeholder = join(cacheDir, 'project.cjs');
  const result = await compileProject({
    root,
    entry,
    outfile: placeholder,
    write: false,
    plugins: [recordProjectFiles],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.startsWith('<') && !path.includes(':'))
    .map((path) => inputName(root, nodeModules, path))
    .sort()
    .map((name) => [name, read.get(name) ?? digestOf(root, name)]);
  const specifiers = [
    ...new Set(
      Object.values(result.metafile.outputs)
        .flatMap((output) => output.imports)
        .filter((i) => i.external && !isBuiltin(i.path))
        .map((i) => i.path),
    ),
  ].sort();
  // What the project script takes from a package as a whole (a default or namespace import): see link().
  const text = result.outputFiles.find((o) => o.path === placeholder)?.text ?? '';
  const wholeModule = [...new Set([...text.matchAll(/__toESM\(require\("([^"]+)"\)/g)].map((m) => m[1]))];
  return store(
    cacheDir,
    'project',
    state,
    () => projectState(root, entry, sourceDirs) === state,
    result,
    placeholder,
    inputs,
    { specifiers, wholeModule },
  );
}

/** Compiles the packages script providing `specifiers`. */
async function compileVendorScript(root, cacheDir, state, specifiers) {
  const { compileVendor, ENTRY } = await import('./compile.mjs');
  const nodeModules = realNodeModules(root);
  const placeholder = join(cacheDir, 'packages.cjs');
  const result = await compileVendor({ root, specifiers, outfile: placeholder, write: false });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.startsWith('<'))
    .map((path) => inputName(root, nodeModules, path))
    .sort()
    .map((name) => [name, digestOf(root, name)]);
  // The specifiers that are ES modules (see link()).
  const esm = result.metafile.inputs[ENTRY].imports
    .filter((i) => result.metafile.inputs[i.path]?.format === 'esm')
    .map((i) => i.original);
  return store(
    cacheDir,
    'packages',
    state,
    () => vendorState(root, specifiers) === state,
    result,
    placeholder,
    inputs,
    { esm },
  );
}

/** Keeps the most recently used scripts of `kind` (and every recent one); removes the rest. */
function prune(cacheDir, kind) {
  const now = Date.now();
  const byAge = (test) =>
    readdirSync(cacheDir)
      .filter(test)
      .map((name) => {
        try {
          return { name, mtimeMs: statSync(join(cacheDir, name)).mtimeMs };
        } catch {
          return { name, mtimeMs: 0 };
        }
      })
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const stale = (entries, keep) =>
    entries.filter((e, i) => i >= keep && now - e.mtimeMs > KEEP_RECENT_MS).map((e) => e.name);
  for (const name of stale(
    byAge((n) => n.startsWith(`${kind}-`) && n.endsWith('.cjs')),
    KEEP,
  )) {
    for (const file of [name, `${name}.map`, `${name.slice(0, -4)}.v8`]) {
      rmSync(join(cacheDir, file), { force: true });
    }
  }
  for (const name of stale(
    byAge((n) => n.startsWith(`${kind}-`) && n.endsWith('.json')),
    KEEP * 4,
  )) {
    rmSync(join(cacheDir, name), { force: true });
  }
  for (const { name, mtimeMs } of byAge((n) => n.endsWith('.tmp'))) {
    if (now - mtimeMs > KEEP_RECENT_MS) rmSync(join(cacheDir, name), { force: true });
  }
  // A code cache whose script is gone (removed while a long-running process still had it loaded).
  for (const { name } of byAge((n) => n.startsWith(`${kind}-`) && n.endsWith('.v8'))) {
    if (!existsSync(join(cacheDir, `${name.slice(0, -3)}.cjs`)))
      rmSync(join(cacheDir, name), { force: true });
  }
}

/** Code caches to store at exit (one exit handler, however many scripts a process loads). */
const codeCaches = new Map();
function storeCodeCacheAtExit(file, script) {
  if (codeCaches.size === 0) {
    process.once('exit', () => {
      for (const [scriptFile, pending] of codeCaches) {
        if (!existsSync(scriptFile)) continue; // pruned meanwhile
        try {
          writeAtomically(`${scriptFile.slice(0, -'.cjs'.length)}.v8`, pending.createCachedData());
        } catch {
          // a read-only cache still works; the next run compiles the script again
        }
      }
    });
  }
  codeCaches.set(file, script);
}

/**
 * Runs a CommonJS script with V8's code cache and returns its `module.exports`; stores the code cache at exit
 * when there was none (or V8 rejected it).
 */
function run(file, require) {
  const codeCache = `${file.slice(0, -'.cjs'.length)}.v8`;
  let cachedData;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`,
    { filename: file, ...(cachedData ? { cachedData } : {}) },
  );
  if (!cachedData || script.cachedDataRejected) storeCodeCacheAtExit(file, script);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return module.exports;
}

/**
 * Links and runs the two scripts: the project script's `require` of a package gets the packages script's
 * module, of node's own modules node's. esbuild gives a CommonJS script the default of a required module as
 * node gives it to an ES module importing CommonJS (the whole `module.exports`); for an ES module that would
 * be its namespace instead of its default export, so a default or namespace import of an ES-module package
 * is refused at compile time, naming the package (use named imports).
 */
function link(project, vendor, beforeProject) {
  const wrong = project.wholeModule.filter((s) => vendor.esm.includes(s));
  if (wrong.length > 0) {
    throw new Error(
      `the render imports ${wrong.join(', ')} as a whole (a default or namespace import), but ${wrong.length > 1 ? 'they are ES modules' : 'it is an ES module'}; ` +
        'allowed: named imports (import { x } from …) of ES-module packages (tools/render/bundle-cache.mjs)',
    );
  }
  const packages = run(vendor.file, createRequire(vendor.file));
  beforeProject?.(packages);
  const nodeRequire = createRequire(project.file);
  const require = (id) => (Object.hasOwn(packages, id) ? packages[id]() : nodeRequire(id));
  return run(project.file, require);
}

/**
 * The exports of `entry` (TypeScript source resolved from `root`), compiled by compile.mjs (from the cache
 * when nothing it is compiled from changed) and run in this process. `compiled` lists what esbuild compiled
 * for this call (`project`, `packages`). `beforeProject` gets the packages script's modules (specifier →
 * function returning the module) before the project script runs (the benchmark times each package). Marks
 * `pms-render:compiled` (scripts found or compiled) and `pms-render:loaded` on `performance`, for the
 * benchmark's phase clock.
 */
export async function loadBundle({
  root,
  entry,
  cacheDir = cacheDirOf(root),
  sourceDirs = SOURCE_DIRS,
  beforeProject,
}) {
  mkdirSync(cacheDir, { recursive: true });
  const compiled = [];
  const configuration = configurationOf(root);
  const state = projectState(root, entry, sourceDirs, configuration);
  let project = lookup(root, cacheDir, 'project', state);
  if (!project) {
    project = await compileProjectScript(root, cacheDir, state, entry, sourceDirs);
    compiled.push('project');
  }
  const packagesState = vendorState(root, project.specifiers, configuration);
  let vendor = lookup(root, cacheDir, 'packages', packagesState);
  if (!vendor) {
    vendor = await compileVendorScript(root, cacheDir, packagesState, project.specifiers);
    compiled.push('packages');
  }
  performance.mark('pms-render:compiled');
  const exports = link(project, vendor, beforeProject);
  performance.mark('pms-render:loaded');
  return { exports, files: [project.file, vendor.file], compiled };
}
