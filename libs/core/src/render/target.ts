import type { ClusterPrerequisite } from '../cluster/prerequisites.js';
import type { ConfigIssue } from '../errors.js';
import type { PlanApplication } from '../gitops/sync-plan.js';

/** What a target's build may read and report besides its own settings. */
export interface RenderContext {
  /**
   * Every render target of the workspace, rendered in this run or not: a cluster checks itself against the others'
   * settings (copy leftovers) and against the targets that register clusters (the Argo CD fleet).
   */
  readonly targets: readonly RenderTarget[];
  /** Records a warning (printed by the render; it never fails it), e.g. a workload no graph edge reaches. */
  warn(issue: ConfigIssue): void;
}

/** A unit of rendering: one folder of output built from one set of typed settings. */
export interface RenderTarget {
  /** Name shown in messages, e.g. `pms-dev` or `argocd`. */
  readonly name: string;
  /** Output folder relative to the workspace root, e.g. `clusters/pms-dev`. Owned entirely by this target. */
  readonly outDir: string;
  /**
   * The file holding this target's settings, e.g. `apps/pms-dev/src/settings.ts`, named when the render fails on
   * one of its settings (never for an issue of a library constant or a rendered object).
   * @default none
   */
  readonly settingsFile?: string;
  /**
   * The settings the target renders from (a cluster's): what other targets' builds compare themselves with.
   * @default none
   */
  readonly settings?: unknown;
  /**
   * The cluster names this target registers (the Argo CD app's fleet): a cluster target missing from it refuses to
   * build.
   * @default none
   */
  readonly registers?: readonly string[];
  /**
   * The Argo CD side of a cluster's sync plan (the Argo CD app): every Application that syncs to the cluster, with
   * what each applies and provides, and what Argo CD's configuration assesses; undefined for a cluster it does not
   * sync. A cluster's render plans its first sync with it (`pnpm sync-plan`).
   * @default none
   */
  readonly syncSources?: (cluster: string) => ClusterSyncSources | undefined;
  /**
   * Builds every file of the folder in memory: relative path → content. Throws `ConfigError`/`ConfigErrors`
   * for bad input; must not touch the file system or read the environment. `context` is given by the render
   * (every target of the workspace, and a sink for warnings); a build without it checks only itself.
   */
  build(context?: RenderContext): ReadonlyMap<string, string>;
}

/** What the Argo CD app says about one cluster's sync (see `RenderTarget.syncSources`). */
export interface ClusterSyncSources {
  /** Every Application syncing to the cluster, its own objects included (the cluster folder's, as Argo CD selects them). */
  readonly applications: readonly PlanApplication[];
  /** What must be done by hand before the Applications can work (AWS: the OIDC provider, the ACK controllers' roles). */
  readonly prerequisites: readonly ClusterPrerequisite[];
  /** The `group/Kind`s Argo CD assesses the health of: built in, shipped Lua, and `argocd-cm`'s keys. */
  readonly healthChecked: readonly string[];
  /** True when `argocd-cm` gives `argoproj.io/Application` a health check (a parent Application waits for its children). */
  readonly applicationHealth: boolean;
}
