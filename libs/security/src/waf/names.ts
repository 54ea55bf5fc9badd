// The web ACL's name is shared with ingress, which names it on the IngressClassParams: it lives in @pms/core.
export { webAclName } from '@pms/core';

/** CloudWatch metric name of a web ACL rule: `<cluster>-<rule>`. */
export function metricName(cluster: string, rule: string): string {
  return `${cluster}-${rule}`;
}
