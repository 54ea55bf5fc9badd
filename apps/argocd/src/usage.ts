/**
 * What the clusters actually use: the kinds (cluster-scoped and namespaced) and namespaces of the rendered
 * objects. The AppProject is derived from this, so its allow-lists stay true to the output.
 */
import { apiGroup, type Manifest } from '@pms/core';

/** A kind in an API group, as Argo CD's project allow-lists name it (`group` is `""` for the core group). */
export interface GroupKind {
  /** API group, `""` for the core group. */
  readonly group: string;
  /** Kind, e.g. `Namespace`. */
  readonly kind: string;
}

/** The kinds and namespaces one set of objects uses. */
export interface ResourceUsage {
  /** Kinds of objects without a namespace. */
  readonly clusterScoped: readonly GroupKind[];
  /** Kinds of objects with a namespace. */
  readonly namespaced: readonly GroupKind[];
  /** Namespaces objects are placed in. */
  readonly namespaces: readonly string[];
}

/** Collects the usage of `manifests`, sorted and without duplicates. */
export function usageOf(
  manifests: readonly Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>[],
): ResourceUsage {
  const clusterScoped = new Map<string, GroupKind>();
  const namespaced = new Map<string, GroupKind>();
  const namespaces = new Set<string>();
  for (const manifest of manifests) {
    const gk = { group: apiGroup(manifest), kind: manifest.kind };
    const { namespace } = manifest.metadata;
    if (namespace) {
      namespaced.set(groupKindKey(gk), gk);
      namespaces.add(namespace);
    } else {
      clusterScoped.set(groupKindKey(gk), gk);
    }
  }
  return {
    clusterScoped: sortGroupKinds(clusterScoped.values()),
    namespaced: sortGroupKinds(namespaced.values()),
    namespaces: [...namespaces].sort(),
  };
}

/** Merges several usages into one. */
export function mergeUsage(...usages: readonly ResourceUsage[]): ResourceUsage {
  const unique = (lists: (readonly GroupKind[])[]) =>
    sortGroupKinds(new Map(lists.flat().map((gk) => [groupKindKey(gk), gk])).values());
  return {
    clusterScoped: unique(usages.map((u) => u.clusterScoped)),
    namespaced: unique(usages.map((u) => u.namespaced)),
    namespaces: [...new Set(usages.flatMap((u) => u.namespaces))].sort(),
  };
}

/** `group/Kind`, or `Kind` for the core group. */
export function groupKindKey(gk: GroupKind): string {
  return gk.group ? `${gk.group}/${gk.kind}` : gk.kind;
}

function sortGroupKinds(items: Iterable<GroupKind>): GroupKind[] {
  return [...items].sort((a, b) => compare(a.group, b.group) || compare(a.kind, b.kind));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
