/**
 * Names several concerns must agree on. They live here because the concern that owns the object
 * (ingress) and the ones that refer to it (monitoring's dashboard and runbook, security's gate) may not
 * import each other in both directions.
 */

/** Name (and namespace `pms`) of the single PMS Ingress. */
export const PMS_INGRESS_NAME = 'pms';

/** Name of the IngressClass (and IngressClassParams) the ALB controller serves. */
export const ALB_INGRESS_CLASS = 'alb';

/**
 * The ALB's pinned name, `<cluster>-pms` (at most 32 characters, as AWS allows). Pinning it lets the
 * dashboard, alarms and runbook find the load balancer before its generated id is known.
 */
export function albName(cluster: string): string {
  return `${cluster}-pms`.slice(0, 32);
}

/**
 * Namespace of the cluster's ACK objects (WebACL, Certificate, IAM Policy and Role, Dashboard, MetricAlarms).
 * A namespace of its own: whoever may edit an ACK IAM Role can grant AWS permissions, so access to it is granted
 * separately from the application namespace `pms`, and no pod runs in it.
 */
export const AWS_RESOURCES_NAMESPACE = 'pms-aws';

/**
 * The IngressGroup every PMS Ingress joins (`group.name` of IngressClassParams `alb`): one ALB per cluster. The
 * controller tags the ALB and its target groups `ingress.k8s.aws/stack=<group>`, which the runbook filters on.
 */
export const PMS_INGRESS_GROUP = 'pms';

/**
 * Title of the generated README section on the ALB's target groups (written by ingress, referred to by
 * monitoring's runbook), so the cross-reference cannot go stale.
 */
export const TARGET_GROUPS_SECTION = 'Target groups';

/**
 * Name of a cluster's WAFv2 web ACL in AWS (and of its ACK `WebACL`), `<cluster>-web-acl`. Security renders the
 * ACL; ingress names it on the IngressClassParams (`wafv2AclName`), which the controller resolves to its ARN.
 */
export function webAclName(cluster: { readonly name: string }): string {
  return `${cluster.name}-web-acl`;
}
