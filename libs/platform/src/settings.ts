import type { ClusterSettings } from '@pms/core';
import type { IngressSettings } from '@pms/ingress';
import type { MonitoringSettings } from '@pms/monitoring';
import type { NetworkingSettings } from '@pms/networking';
import type { SecuritySettings } from '@pms/security';

/**
 * Everything that differs between clusters: the shared identity plus one section per concern.
 * Each cluster app holds one value of this type in `src/settings.ts`, as plain data.
 */
export interface PmsClusterSettings extends ClusterSettings {
  /** Load balancer and routing settings. */
  readonly ingress: IngressSettings;
  /** Workload images, replicas and autoscaling bounds. */
  readonly networking: NetworkingSettings;
  /** WAF, certificate and controller IAM settings. */
  readonly security: SecuritySettings;
  /** Alarms, dashboard and notification settings. */
  readonly monitoring: MonitoringSettings;
}
