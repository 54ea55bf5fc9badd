/** The objects of a render the ALB model reads, indexed. */
import type { Manifest } from '@pms/core';
import { ref } from './json.js';

/** IngressClasses, IngressClassParams, Services and Ingresses of a render. */
export interface AlbObjects {
  /** IngressClasses by name. */
  readonly classes: ReadonlyMap<string, Manifest>;
  /** IngressClassParams (`elbv2.k8s.aws`) by name. */
  readonly params: ReadonlyMap<string, Manifest>;
  /** Services by `namespace/name`. */
  readonly services: ReadonlyMap<string, Manifest>;
  /** Ingresses, in the order given. */
  readonly ingresses: readonly Manifest[];
}

/** Indexes the objects the ALB model reads; other objects are ignored. */
export function indexAlbObjects(manifests: readonly Manifest[]): AlbObjects {
  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const isAlbParams = (m: Manifest) =>
    m.kind === 'IngressClassParams' && m.apiVersion.startsWith('elbv2.k8s.aws/');
  return {
    classes: new Map(byKind('IngressClass').map((m) => [m.metadata.name, m])),
    params: new Map(manifests.filter(isAlbParams).map((m) => [m.metadata.name, m])),
    services: new Map(byKind('Service').map((m) => [ref(m), m])),
    ingresses: byKind('Ingress'),
  };
}
