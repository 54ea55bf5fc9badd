/**
 * The cluster prerequisites networking's objects rely on and cannot manage themselves: EKS add-on settings. Each
 * with a command that checks it on the cluster and one that fixes it, for that cluster (its EKS name and region).
 */
import type { ClusterPrerequisite, ClusterSettings } from '@pms/core';
import { EBS_CSI_PROVISIONER, PMS_STORAGE_CLASS } from './backing/resources.js';
import { METRICS_SERVER_CHART } from './metrics-server.js';

/** `aws eks … --cluster-name <eks> --region <region>` for one cluster. */
function eks(cluster: Pick<ClusterSettings, 'name' | 'eksClusterName' | 'aws'>, command: string): string {
  return `aws eks ${command} --cluster-name ${cluster.eksClusterName} --region ${cluster.aws.region}`;
}

/** Ids of networking's prerequisites. */
export const NETWORKING_PREREQUISITES = {
  vpcCniNetworkPolicy: 'vpc-cni-network-policy',
  ebsCsiDriver: 'ebs-csi-driver',
  noMetricsServerAddon: 'no-metrics-server-addon',
} as const;

/**
 * What networking needs of an EKS cluster:
 *
 * - the VPC CNI with network policy enabled: "enableNetworkPolicy" in the vpc-cni add-on's configuration values,
 *   else the node agent is absent and every NetworkPolicy is accepted by the API server and silently ignored (EKS
 *   user guide, latest/ug/networking/cni-network-policy-configure.adoc: VPC CNI 1.14+, EKS 1.25+);
 * - the EBS CSI driver (add-on `aws-ebs-csi-driver` with its IAM role), the provisioner of the StorageClass: without
 *   it every volume claim of the backing services stays Pending (latest/ug/storage/ebs-csi.adoc);
 * - NOT the EKS community add-on `metrics-server`: this repository installs metrics-server from its chart, and both
 *   would own the APIService `v1beta1.metrics.k8s.io` (latest/ug/workloads/community-addons.adoc).
 */
export function networkingPrerequisites(
  cluster: Pick<ClusterSettings, 'name' | 'eksClusterName' | 'aws'>,
): ClusterPrerequisite[] {
  const addon = (name: string, query: string) =>
    `${eks(cluster, `describe-addon --addon-name ${name}`)} --query '${query}' --output text`;
  const policy = addon('vpc-cni', 'addon.configurationValues');
  const ebs = addon('aws-ebs-csi-driver', 'addon.status');
  const addons = `${eks(cluster, 'list-addons')} --query addons --output text`;
  return [
    {
      id: NETWORKING_PREREQUISITES.vpcCniNetworkPolicy,
      title: 'the VPC CNI add-on enforces NetworkPolicies (`enableNetworkPolicy: "true"`)',
      why: 'without it the API server accepts every NetworkPolicy and nothing enforces them: default deny, the graph and the reachability proof describe a cluster that does not exist',
      when: 'before-first-sync',
      requiredBy: 'every NetworkPolicy in pms',
      inspect: policy,
      expect: 'JSON with "enableNetworkPolicy": "true"',
      check: `${policy} | grep -Eq '"enableNetworkPolicy" *: *"true"'`,
      fix: `${eks(cluster, 'update-addon --addon-name vpc-cni')} --resolve-conflicts PRESERVE --configuration-values '{"enableNetworkPolicy":"true"}'   # keep the other keys inspect printed: the values replace the whole configuration`,
      source:
        'EKS user guide, "Restrict pod traffic with Kubernetes policies" (latest/ug/networking/cni-network-policy-configure.adoc): VPC CNI 1.14+, EKS 1.25+',
    },
    {
      id: NETWORKING_PREREQUISITES.ebsCsiDriver,
      title: `the EBS CSI driver add-on is ACTIVE (provisioner \`${EBS_CSI_PROVISIONER}\` of StorageClass \`${PMS_STORAGE_CLASS}\`)`,
      why: 'without it the backing services’ volume claims stay Pending, so PostgreSQL, Kafka and Valkey never start and the workloads that need them never become ready',
      when: 'before-first-sync',
      requiredBy: `StorageClass ${PMS_STORAGE_CLASS} and every backing service's volume`,
      inspect: ebs,
      expect: 'ACTIVE',
      check: `${ebs} | grep -qx ACTIVE`,
      fix: `${eks(cluster, 'create-addon --addon-name aws-ebs-csi-driver')} --service-account-role-arn "$EBS_CSI_ROLE_ARN"   # a role with the AWS managed policy AmazonEBSCSIDriverPolicy, trusted by kube-system/ebs-csi-controller-sa through the cluster's OIDC provider`,
      source:
        'EKS user guide, "Use Kubernetes volume storage with Amazon EBS" (latest/ug/storage/ebs-csi.adoc)',
    },
    {
      id: NETWORKING_PREREQUISITES.noMetricsServerAddon,
      title: `the EKS add-on \`metrics-server\` is not installed (the Application \`${cluster.name}-metrics-server\` installs chart ${METRICS_SERVER_CHART.name} ${METRICS_SERVER_CHART.version})`,
      why: 'the add-on and the chart would both own the APIService v1beta1.metrics.k8s.io and fight over it; the HorizontalPodAutoscalers read it',
      when: 'before-first-sync',
      requiredBy: 'every HorizontalPodAutoscaler in pms (through metrics.k8s.io)',
      inspect: addons,
      expect: 'a list without metrics-server',
      check: `! ${addons} | grep -qw metrics-server`,
      fix: `${eks(cluster, 'delete-addon --addon-name metrics-server')}   # before the first sync; the chart's Application installs metrics-server instead`,
      source: 'EKS user guide, "Community add-ons" (latest/ug/workloads/community-addons.adoc)',
    },
  ];
}
