import { containerPortsOf, PMS_NAMESPACE, PMS_SERVICES } from '@pms/networking';
import type { ExternalPods } from './gate/model.js';

/**
 * The pods of the PMS backing services (PostgreSQL, Redis, Kafka), installed from their own charts: the gate
 * knows their labels and ports from the networking catalogue, so Services and NetworkPolicies that select them are
 * not dangling, and holds them to the isolation rule like rendered pods.
 */
export function chartInstalledPods(): ExternalPods[] {
  return PMS_SERVICES.filter((service) => service.kind === 'backing').map((service) => ({
    name: service.name,
    namespace: PMS_NAMESPACE,
    labels: service.podLabels,
    ports: containerPortsOf(service).map((p) => ({ ...p, protocol: 'TCP' })),
  }));
}
