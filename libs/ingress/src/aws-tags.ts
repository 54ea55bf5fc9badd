/**
 * The AWS tags that trace a resource back to this repository. One spelling for every AWS resource PMS
 * creates: the ALB (IngressClassParams `spec.tags`) and the ACK objects of `@pms/security` use these keys.
 */
import type { ClusterSettings } from '@pms/core';

/** AWS tag keys of PMS resources (`pms:` prefix, the same as the monitoring alarms'). */
export const PmsAwsTagKey = {
  /** The cluster (`ClusterSettings.name`). */
  cluster: 'pms:cluster',
  /** The environment (`dev`, `staging`, `prod`). */
  environment: 'pms:environment',
  /** Always `pms-gitops`: the resource is managed from this repository. */
  managedBy: 'pms:managed-by',
  /** What the resource is, e.g. `web-acl` (resources that are not the ALB). */
  component: 'pms:component',
} as const;

/** Value of `pms:managed-by`. */
export const PMS_MANAGED_BY = 'pms-gitops';

/** One AWS tag. */
export interface PmsAwsTag {
  /** Tag key. */
  readonly key: string;
  /** Tag value. */
  readonly value: string;
}

/**
 * The tags every PMS AWS resource of a cluster carries: cluster, environment, managed-by, and the component
 * when given.
 */
export function pmsAwsTags(
  cluster: Pick<ClusterSettings, 'name' | 'environment'>,
  component?: string,
): PmsAwsTag[] {
  return [
    { key: PmsAwsTagKey.cluster, value: cluster.name },
    { key: PmsAwsTagKey.environment, value: cluster.environment },
    { key: PmsAwsTagKey.managedBy, value: PMS_MANAGED_BY },
    ...(component === undefined ? [] : [{ key: PmsAwsTagKey.component, value: component }]),
  ];
}
