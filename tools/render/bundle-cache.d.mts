/** Types of bundle-cache.mjs (plain JavaScript: bin.mjs runs it before any TypeScript is compiled). */

/** The default cache folder of a workspace (`PMS_RENDER_CACHE_DIR`, else node_modules/.cache/pms-render). */
export function cacheDirOf(root: string): string;

/** What `loadBundle` compiles and how. */
export interface LoadBundleOptions {
  /** The workspace root: imports in `entry` resolve from here, and the cache key covers its files. */
  readonly root: string;
  /** TypeScript source of the entry module. */
  readonly entry: string;
  /**
   * Where bundles are kept.
   * @default cacheDirOf(root)
   */
  readonly cacheDir?: string;
  /**
   * Folders (relative to `root`) whose file names are part of the key.
   * @default ['apps', 'libs', 'tools']
   */
  readonly sourceDirs?: readonly string[];
  /**
   * Called with the packages script's modules (specifier → function returning the module, initialised on its
   * first call) before the project script runs.
   * @default none
   */
  readonly beforeProject?: (packages: Readonly<Record<string, () => unknown>>) => void;
}

/** A loaded bundle. */
export interface LoadedBundle<T> {
  /** What the entry exports. */
  readonly exports: T;
  /** The project script and the packages script it was linked with, in the cache. */
  readonly files: readonly [project: string, packages: string];
  /** What esbuild compiled for this call; empty when the cache had both scripts. */
  readonly compiled: readonly ('project' | 'packages')[];
}

/** Compiles `entry` (or takes its scripts from the cache) and runs it in this process. */
export function loadBundle<T = Record<string, unknown>>(options: LoadBundleOptions): Promise<LoadedBundle<T>>;
