import { backingPodsOf, backingServicesOf, PMS_NAMESPACE, PMS_SERVICES } from '@pms/networking';
import type { ExternalPods } from './gate/model.js';

/**
 * The pods of the PMS backing services (PostgreSQL, Kafka, Valkey), run by their operators and chart: the gate knows
 * every kind of pod each runs (`<service>-<role>`: the primary, replicas and jobs, …) with the labels and ports
 * their projects give them (networking's upstream facts), so Services and NetworkPolicies that select them are not
 * dangling, and holds them to the isolation rule like rendered pods.
 */
export function chartInstalledPods(): ExternalPods[] {
  return backingServicesOf(PMS_SERVICES).flatMap((service) => {
    const pods = backingPodsOf(service);
    if (!pods) return [];
    const ports = pods.ports.map((p) => ({ name: p.name, port: p.port, protocol: 'TCP' }));
    return pods.pods.map((pod) => ({
      name: `${service.name}-${pod.role.replace(/ /g, '-')}`,
      namespace: PMS_NAMESPACE,
      labels: pod.labels,
      ports,
    }));
  });
}
