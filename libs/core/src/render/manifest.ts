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
