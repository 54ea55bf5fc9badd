import type { ClusterSettings } from '@pms/core';
import type { DnsSettings, IngressSettings, MigrationSettings } from '@pms/ingress';
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
  /** The host's DNS: the Route 53 hosted zone external-dns may change. */
  readonly dns: DnsSettings;
  /**
   * The migration from the per-service load balancers to the ALB: the host's weighted DNS records (docs/ingress.md,
   * "Migration").
   * @default undefined: no migration, the ALB's record alone
   */
  readonly migration?: MigrationSettings;
}
