import type { ClusterSettings } from '@pms/core';

/** Name of a cluster's web ACL in AWS (and of its ACK object): `<cluster>-web-acl`. */
export function webAclName(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-web-acl`;
}

/** CloudWatch metric name of a web ACL rule: `<cluster>-<rule>`. */
export function metricName(cluster: string, rule: string): string {
  return `${cluster}-${rule}`;
}
