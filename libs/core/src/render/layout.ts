import { ConfigError } from '../errors.js';
import { objectRef, type Manifest } from './manifest.js';
import { toYaml } from './yaml.js';

/** Folder holding objects without a namespace (Namespace, IngressClass, IngressClassParams, CRDs). */
export const CLUSTER_SCOPED_DIR = '_cluster';

/**
 * Where an object is written inside its cluster folder: `<namespace>/<kind>/<name>.yaml`, or
 * `_cluster/<kind>/<name>.yaml` when cluster-scoped. Kinds are lower-cased; no hashes, so the path of
 * an object never changes unless its namespace, kind or name does.
 */
export function manifestPath(manifest: Manifest): string {
  const { name, namespace } = manifest.metadata;
  return `${namespace ?? CLUSTER_SCOPED_DIR}/${manifest.kind.toLowerCase()}/${name}.yaml`;
}

/**
 * Turns objects into files, refusing two objects that would land on the same path (same kind,
 * namespace and name) and names that are not safe file names.
 */
export function manifestsToFiles(cluster: string, manifests: readonly Manifest[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const manifest of manifests) {
    const { name, namespace } = manifest.metadata;
    for (const [field, value] of [
      ['metadata.name', name],
      ['metadata.namespace', namespace],
    ] as const) {
      if (value !== undefined && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(value)) {
        throw new ConfigError({
          cluster,
          field: `${objectRef(manifest)} ${field}`,
          value,
          allowed: 'a lower-case RFC 1123 name (letters, digits, "-" and ".")',
        });
      }
    }
    const path = manifestPath(manifest);
    if (files.has(path)) {
      throw new ConfigError({
        cluster,
        field: objectRef(manifest),
        value: path,
        allowed: 'one object per kind, namespace and name',
        problem: 'rendered twice',
      });
    }
    files.set(path, toYaml(manifest));
  }
  return files;
}
