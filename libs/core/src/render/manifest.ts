/** The plain Kubernetes objects a render produces, before they become files. */

/** Object metadata, as far as the render pipeline relies on it. */
export interface ManifestMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/** A Kubernetes object as plain JSON data. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ManifestMetadata;
  readonly [key: string]: unknown;
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped): how errors and docs refer to an object. */
export function objectRef(manifest: Pick<Manifest, 'kind' | 'metadata'>): string {
  const { name, namespace } = manifest.metadata;
  return namespace ? `${manifest.kind} ${namespace}/${name}` : `${manifest.kind} ${name}`;
}

/** The API group of an object (`""` for the core group). */
export function apiGroup(manifest: Pick<Manifest, 'apiVersion'>): string {
  const slash = manifest.apiVersion.indexOf('/');
  return slash === -1 ? '' : manifest.apiVersion.slice(0, slash);
}

/** The type of an object whose interface fixes its `apiVersion` and `kind` (as kubernetes-models' interfaces do). */
export interface TypedObject {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * True when `manifest` is of `apiVersion` and `kind`, narrowing it to `T`, the object's typed interface (e.g.
 * kubernetes-models' `IDeployment`). A typed view, not a validation: use it on objects the schemas have validated
 * (`validateManifests` of `@pms/schemas`), which is where the platform runs every check that reads them.
 */
export function isKind<T extends TypedObject>(
  manifest: Manifest,
  apiVersion: T['apiVersion'],
  kind: T['kind'],
): manifest is Manifest & T {
  return manifest.apiVersion === apiVersion && manifest.kind === kind;
}

/**
 * The objects of one kind, typed: `ofKind<IDeployment>(manifests, 'apps/v1', 'Deployment')` replaces untyped walks
 * such as `get(m, 'spec', 'template')`. See `isKind` for what the type promises.
 */
export function ofKind<T extends TypedObject>(
  manifests: readonly Manifest[],
  apiVersion: T['apiVersion'],
  kind: T['kind'],
): (Manifest & T)[] {
  return manifests.filter((m): m is Manifest & T => isKind<T>(m, apiVersion, kind));
}
