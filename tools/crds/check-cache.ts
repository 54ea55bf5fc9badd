/**
 * What `pnpm crds:check` remembers between runs: for a key over everything a generation depends on, a digest of
 * the tree that generation wrote. When the key is known and libs/crd-models/src/generated/ has that digest, the
 * generated code is what a fresh generation writes, without running the generator (most of the check's time).
 *
 * The key covers: this file and the generator's own code in tools/crds (the header, models.ts, crd-facts.ts),
 * libs/crd-models/crds.lock.json (the vendored files are checked against its blob ids before any lookup, so the
 * lock fixes their bytes), the root's pnpm-lock.yaml and package.json (the generator's version and those of the
 * packages it runs with) and the node version. A generation is recorded under the key read before it ran, and only
 * when the key is the same after it: an edit made meanwhile is never recorded as generated. Hand edits inside
 * node_modules are not seen (pnpm install puts back what the lockfile says); CI starts without the cache, so it
 * always generates.
 *
 * The cache lives in node_modules/.cache/pms-crds (`PMS_CRDS_CACHE_DIR` overrides it): one small JSON file per key.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './generate.js';
import { LOCK_FILE } from './lock.js';

/** Bump when what a key covers or an entry holds changes. */
const FORMAT = 1;

/** The generator's code: every non-test TypeScript file of tools/crds. */
export function generatorSources(dir = dirname(fileURLToPath(import.meta.url))): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort()
    .map((file) => join(dir, file));
}

/** The key of a generation in the workspace at `root`, given the generator's source files. */
export function generationKey(root: string, sources: readonly string[] = generatorSources()): string {
  const hash = createHash('sha256').update(`pms-crds ${FORMAT} ${process.version}\0`);
  for (const file of sources) hash.update(readFileSync(file)).update('\0');
  for (const file of [LOCK_FILE, 'pnpm-lock.yaml', 'package.json']) {
    const path = join(root, file);
    hash
      .update(`${file}\0`)
      .update(existsSync(path) ? readFileSync(path) : '')
      .update('\0');
  }
  return hash.digest('hex');
}

/** A digest of a folder's files: their paths and bytes (undefined when the folder does not exist). */
export function treeDigest(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const hash = createHash('sha256');
  for (const file of filesUnder(dir))
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update('\0');
  return hash.digest('hex');
}

/** What is remembered of one generation. */
export interface Generation {
  /** `treeDigest` of the folder it wrote. */
  readonly digest: string;
  /** How many served versions of how many vendored CRDs it generated models for (for the check's message). */
  readonly versions: number;
}

/** The cache folder: `PMS_CRDS_CACHE_DIR`, else node_modules/.cache/pms-crds. */
export function cacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env['PMS_CRDS_CACHE_DIR'] || join(root, 'node_modules', '.cache', 'pms-crds');
}

/** The generation recorded under `key`, if any (an unreadable entry counts as none). */
export function recalled(dir: string, key: string): Generation | undefined {
  try {
    const entry = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as Partial<Generation>;
    return typeof entry.digest === 'string' && typeof entry.versions === 'number'
      ? { digest: entry.digest, versions: entry.versions }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Records a generation under `key` (written under a temporary name, then renamed: readers never see half). */
export function remember(dir: string, key: string, generation: Generation): void {
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${key}.${process.pid}.tmp`);
  writeFileSync(temporary, JSON.stringify(generation));
  renameSync(temporary, join(dir, `${key}.json`));
}
