import { argoCdKinds } from './argocd.js';
import { customKinds } from './crds.js';
import type { KindSchema } from './kind.js';
import { kubernetesKinds } from './kubernetes.js';

/** Every kind the validator knows, keyed by `apiVersion kind`. An object of any other kind is refused. */
const KINDS = new Map<string, KindSchema>(
  [...kubernetesKinds, ...argoCdKinds, ...customKinds].map((schema) => [
    kindKey(schema.apiVersion, schema.kind),
    schema,
  ]),
);

/** `networking.k8s.io/v1 Ingress` */
export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

/** The schema for an apiVersion and kind, or undefined when the validator does not know it. */
export function kindSchema(apiVersion: string, kind: string): KindSchema | undefined {
  return KINDS.get(kindKey(apiVersion, kind));
}

/** Every known kind, in registry order (Kubernetes, Argo CD, then this project's CRD schemas). */
export function knownKinds(): readonly KindSchema[] {
  return [...KINDS.values()];
}
