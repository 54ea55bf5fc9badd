import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { checkGap, FIELD_GAPS, gapFields } from '../gaps.js';
import { checkWithModel, type ModelClass } from '../strict.js';
import type { KindSchema } from './kind.js';

/**
 * The Kubernetes kinds a PMS cluster renders, checked against Kubernetes' OpenAPI schemas as compiled by
 * kubernetes-models (which follows the Kubernetes release it is generated from). Each model module is
 * imported statically because validation is synchronous; a new kind is one import and one line here.
 */
const MODELS: readonly [apiVersion: string, kind: string, scope: KindSchema['scope'], model: ModelClass][] = [
  ['v1', 'Namespace', 'Cluster', Namespace],
  ['v1', 'Service', 'Namespaced', Service],
  ['v1', 'ServiceAccount', 'Namespaced', ServiceAccount],
  ['v1', 'ConfigMap', 'Namespaced', ConfigMap],
  ['apps/v1', 'Deployment', 'Namespaced', Deployment],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'Namespaced', HorizontalPodAutoscaler],
  ['policy/v1', 'PodDisruptionBudget', 'Namespaced', PodDisruptionBudget],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'Namespaced', NetworkPolicy],
  ['networking.k8s.io/v1', 'Ingress', 'Namespaced', Ingress],
  ['networking.k8s.io/v1', 'IngressClass', 'Cluster', IngressClass],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'Cluster', CustomResourceDefinition],
  ['storage.k8s.io/v1', 'StorageClass', 'Cluster', StorageClass],
];

/** Kubernetes kinds, strictly checked. */
export const kubernetesKinds: readonly KindSchema[] = MODELS.map(([apiVersion, kind, scope, model]) => {
  const gaps = FIELD_GAPS[`${apiVersion} ${kind}`] ?? [];
  return {
    apiVersion,
    kind,
    scope,
    source: 'kubernetes-models',
    check: (object: unknown) =>
      checkWithModel(
        model,
        object,
        (path, value) => checkGap(gaps, path, value),
        (path) => gapFields(gaps, path),
      ),
  };
});

/**
 * Checks only `metadata` against Kubernetes' ObjectMeta schema (strictly), for kinds whose own schema is
 * written in this project. It runs the Namespace validator over `{ apiVersion, kind, metadata }`, the
 * smallest published schema that consists of ObjectMeta, so issues carry `metadata.…` paths.
 */
export function checkObjectMeta(metadata: unknown): ReturnType<KindSchema['check']> {
  return checkWithModel(Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata });
}
