/**
 * Strict shapes of the values this repository sets on the releases' charts (the typed values of @pms/networking):
 * Helm ignores an unknown value silently, so a misspelt one must fail the render. Keyed by chart name; a chart
 * without a shape cannot be released. Each shape follows the chart's values.yaml at the pinned version.
 */
import type {
  CnpgOperatorValues,
  MetricsServerValues,
  StrimziOperatorValues,
  ValkeyValues,
} from '@pms/networking';
import { array, boolean, integer, object, oneOf, string, type Shape } from './strict.js';

/** cloudnative-pg 0.29.0 (charts/cloudnative-pg/values.yaml). */
const CNPG: Shape = object<CnpgOperatorValues>({
  crds: object<CnpgOperatorValues['crds']>({ create: boolean }),
  config: object<CnpgOperatorValues['config']>({ clusterWide: boolean }),
  replicaCount: integer,
});

/** strimzi-kafka-operator 1.2.0 (packaging/helm-charts/helm3/strimzi-kafka-operator/values.yaml). */
const STRIMZI: Shape = object<StrimziOperatorValues>({
  watchNamespaces: array(string),
  generateNetworkPolicy: boolean,
  extraEnvs: array(object<StrimziOperatorValues['extraEnvs'][number]>({ name: string, value: string })),
});

/** valkey 0.11.0 (valkey/values.yaml). */
const VALKEY: Shape = object<ValkeyValues>({
  fullnameOverride: string,
  image: object<ValkeyValues['image']>({ tag: string }),
  service: object<ValkeyValues['service']>({ port: integer }),
  deploymentStrategy: oneOf(['RollingUpdate', 'Recreate']),
  dataStorage: object<ValkeyValues['dataStorage']>({
    enabled: boolean,
    requestedSize: string,
    className: string,
    keepPvc: boolean,
  }),
  resources: object<ValkeyValues['resources']>({
    requests: object<ValkeyValues['resources']['requests']>({ cpu: string, memory: string }),
    limits: object<ValkeyValues['resources']['limits']>({ memory: string }),
  }),
  metrics: object<ValkeyValues['metrics']>({ enabled: boolean }),
});

/** metrics-server 3.13.1 (charts/metrics-server/values.yaml). */
const METRICS_SERVER: Shape = object<MetricsServerValues>({
  replicas: integer,
  podDisruptionBudget: object<MetricsServerValues['podDisruptionBudget']>({
    enabled: boolean,
    maxUnavailable: integer,
  }),
});

/** The value shapes by chart name. */
export const RELEASE_VALUES_SHAPES: Readonly<Record<string, Shape>> = {
  'cloudnative-pg': CNPG,
  'strimzi-kafka-operator': STRIMZI,
  valkey: VALKEY,
  'metrics-server': METRICS_SERVER,
};
