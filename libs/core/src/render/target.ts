/** A unit of rendering: one folder of output built from one set of typed settings. */
export interface RenderTarget {
  /** Name shown in messages, e.g. `pms-dev` or `argocd`. */
  readonly name: string;
  /** Output folder relative to the workspace root, e.g. `clusters/pms-dev`. Owned entirely by this target. */
  readonly outDir: string;
  /**
   * The file holding this target's settings, e.g. `apps/pms-dev/src/settings.ts`, named when the render fails.
   * @default none
   */
  readonly settingsFile?: string;
  /**
   * Builds every file of the folder in memory: relative path → content. Throws `ConfigError`/`ConfigErrors`
   * for bad input; must not touch the file system or read the environment.
   */
  build(): ReadonlyMap<string, string>;
}
