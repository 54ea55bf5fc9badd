import { backingPodSets } from '@pms/networking';
import type { ExternalPods } from './gate/model.js';

/**
 * The pods of the PMS backing services (PostgreSQL, Kafka, Valkey), run by their operators and chart: the gate knows
 * every kind of pod each runs (primary, replicas, jobs, …) with the labels and ports their projects give them
 * (networking's upstream facts, `backingPodSets`), so Services and NetworkPolicies that select them are not dangling,
 * and holds them to the isolation rule like rendered pods.
 */
export function chartInstalledPods(): ExternalPods[] {
  return backingPodSets().map((set) => ({
    name: set.ref,
    namespace: set.namespace,
    labels: set.labels,
    ...(set.ports ? { ports: set.ports } : {}),
  }));
}
