import {
  ackAnnotations,
  albName,
  anchor,
  repositoryFileUrl,
  AWS_RESOURCES_NAMESPACE,
  Checks,
  PMS_INGRESS_GROUP,
  PMS_INGRESS_NAME,
  recommendedLabels,
  SyncWave,
  type ClusterSettings,
  type DocSection,
} from '@pms/core';
import {
  isAlbBackend,
  PMS_GRAPH,
  PMS_NAMESPACE,
  PMS_SERVICES,
  type CommunicationGraph,
  type ServiceDefinition,
} from '@pms/networking';
import type { IDashboard, IMetricAlarm } from '@pms/crd-models';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { buildAlarms, type AlarmDefinition } from './alarms.js';
import { albLocator } from './alb-metrics.js';
import { buildDashboardBody, dashboardName, type DashboardBody } from './dashboard.js';
import { ingressStackTag, monitoringDocs, SYMPTOM_INDEX_TITLE } from './runbook.js';
import type { MonitoringSettings } from './settings.js';
import { validateMonitoringSettings } from './validate.js';

import { ACK_CLOUDWATCH_API_VERSION } from './api-version.js';

export { ACK_CLOUDWATCH_API_VERSION };

/**
 * ACK deletion policy of the Dashboard and the MetricAlarms: `delete`, unlike security's `retain`. They hold no
 * state that the next sync cannot rebuild from git, and the set of alarms changes by design (the bootstrap's
 * `unhealthy-hosts` gives way to `unhealthy-hosts-<service>` once the target groups are known): a retained alarm
 * that Argo CD prunes would stay in AWS, unmanaged, and keep notifying the topic. See docs/monitoring.md.
 */
export const MONITORING_DELETION_POLICY = 'delete' as const;

/** Props of `PmsMonitoring`. */
export interface PmsMonitoringProps {
  /** The cluster's shared settings (name, account, region, host, web ACL, access logs). */
  readonly cluster: ClusterSettings;
  /** The cluster's monitoring settings. */
  readonly settings: MonitoringSettings;
  /**
   * The Services of the namespace (networking's catalogue): pod labels for the runbook's DNS and connectivity
   * tests, health values for its health table, and the workloads behind the ALB (those with a
   * `health.targetGroup`) for the target-group graphs, alarms and tags.
   * @default PMS_SERVICES
   */
  readonly services?: readonly ServiceDefinition[];
  /**
   * The connections the NetworkPolicies allow (networking's communication graph; the platform passes
   * `PmsNetworking.graph`). The runbook probes each TCP connection between two of `services` from a pod of its
   * caller, and lists every other Service port as one that must time out. Other endpoints (the ALB, kube-dns) are
   * ignored.
   * @default PMS_GRAPH
   */
  readonly graph?: CommunicationGraph;
  /**
   * The `WebACL` dimension of the web ACL's WAFv2 metrics: the WebACL's `spec.visibilityConfig.metricName`, which
   * need not equal the ACL's name in `webAclArn` (the platform passes `PmsSecurity.webAcl.metricName`).
   */
  readonly webAclMetricName: string;
  /**
   * Namespace of the ACK `Dashboard` and `MetricAlarm`s (the ACK CloudWatch controller must watch it).
   * @default AWS_RESOURCES_NAMESPACE ("pms-aws")
   */
  readonly resourcesNamespace?: string;
  /**
   * Name of the Ingress the ALB is created for.
   * @default PMS_INGRESS_NAME ("pms")
   */
  readonly ingressName?: string;
  /**
   * Namespace of the Ingress and the Services (for the runbook).
   * @default PMS_NAMESPACE ("pms")
   */
  readonly namespace?: string;
  /**
   * The IngressGroup the Ingress joins (`group.name` of its IngressClassParams). The controller tags the ALB and
   * its target groups `ingress.k8s.aws/stack=<group>`, which the runbook filters on; `null` for an Ingress in no
   * group, whose stack tag is `<namespace>/<ingressName>`.
   * @default PMS_INGRESS_GROUP ("pms", the group of IngressClassParams `alb`)
   */
  readonly ingressGroup?: string | null;
  /**
   * Path of the native WebSocket endpoint behind the ALB, which the runbook's upgrade test calls.
   * @default "/ws/updates"
   */
  readonly webSocketPath?: string;
  /**
   * The Services WebSocket and SockJS routes reach (the platform derives them from the ingress's routes): the runbook
   * reads their logs for WebSocket errors.
   * @default none
   */
  readonly webSocketBackends?: readonly string[];
  /**
   * The expected maximum LCUs of the ALB in one hour (the ingress's cost estimate, `PmsIngress.costEstimate`): the
   * `lcu-above-expected` alarm's threshold and a line on the LCU graph.
   * @default undefined: no LCU alarm
   */
  readonly expectedMaxLcu?: number;
  /**
   * Sort key of the first reference section (health values; dashboard and alarms and access logs take the next
   * keys). The on-call sections (symptom index, runbook, rollback) always come first (`ONCALL_DOC_ORDER`).
   * @default 60
   */
  readonly docsOrder?: number;
}

/**
 * The full URL every alarm description links to: the symptom index of the cluster's README on the branch Argo CD
 * follows (`GITOPS_REPOSITORY` of @pms/core), e.g.
 * `https://github.com/example-org/pms-gitops/blob/main/clusters/pms-prod/README.md#symptom-index`.
 */
export function runbookUrl(cluster: string): string {
  return repositoryFileUrl(`clusters/${cluster}/README.md`, anchor(SYMPTOM_INDEX_TITLE));
}

/**
 * The monitoring of one cluster: an ACK CloudWatch `Dashboard` and (once its dimension is known) `MetricAlarm`s on the
 * ALB (namespace `pms-aws`, sync wave `workloads`), each alarm's description linking the README's symptom index by
 * URL; and README sections: the on-call page (symptom index, runbook, rollback and emergency changes), then health
 * values, dashboard and alarms, Athena over the access logs.
 */
export class PmsMonitoring extends Construct {
  /** README sections, for the platform to add to the cluster's README. */
  readonly docs: DocSection[];
  /** The dashboard body rendered as `dashboardBody`. */
  readonly dashboard: DashboardBody;
  /** The alarms rendered as `MetricAlarm`s. */
  readonly alarms: readonly AlarmDefinition[];

  constructor(scope: Construct, id: string, props: PmsMonitoringProps) {
    super(scope, id);
    const { cluster, settings } = props;
    const namespace = props.namespace ?? PMS_NAMESPACE;
    const ingressName = props.ingressName ?? PMS_INGRESS_NAME;
    const services = props.services ?? PMS_SERVICES;
    // The ALB's backends: the workloads whose health values carry a target-group check (networking validates them).
    const albServices = services.filter(isAlbBackend).map((service) => service.name);
    // `null` (no group) is kept; only a missing prop takes the default.
    const ingressGroup = props.ingressGroup === undefined ? PMS_INGRESS_GROUP : props.ingressGroup;

    const checks = Checks.for(this, 'monitoring');
    validateMonitoringSettings(settings, cluster, checks, { namespace, albBackends: albServices });
    checks.throwIfAny();

    const name = albName(cluster.name);
    const known = settings.alb.state === 'known' ? settings.alb : undefined;
    const alb = albLocator(name, known?.loadBalancer);
    const targetGroups: Record<string, string | undefined> = { ...known?.targetGroups };
    const board = dashboardName(cluster.name);

    this.dashboard = buildDashboardBody({
      cluster: cluster.name,
      region: cluster.aws.region,
      alb,
      targetGroups,
      albServices,
      webAclMetricName: props.webAclMetricName,
      host: cluster.host,
      ...(props.expectedMaxLcu !== undefined ? { expectedMaxLcu: props.expectedMaxLcu } : {}),
    });
    this.alarms = buildAlarms({
      cluster: cluster.name,
      alb,
      targetGroups,
      albServices,
      topicArn: settings.alarmTopicArn,
      notifyOnRecovery: settings.notifyOnRecovery ?? true,
      thresholds: settings.thresholds,
      runbook: runbookUrl(cluster.name),
      ...(props.expectedMaxLcu !== undefined ? { expectedMaxLcu: props.expectedMaxLcu } : {}),
    });

    const resourcesNamespace = props.resourcesNamespace ?? AWS_RESOURCES_NAMESPACE;
    const metadata = (objectName: string, component: string) => ({
      name: objectName,
      namespace: resourcesNamespace,
      labels: recommendedLabels(objectName, component),
      annotations: ackAnnotations(cluster, SyncWave.workloads, MONITORING_DELETION_POLICY),
    });
    new ApiObject(this, 'dashboard', {
      apiVersion: ACK_CLOUDWATCH_API_VERSION,
      kind: 'Dashboard',
      metadata: metadata('pms', 'dashboard'),
      // Indented JSON: CloudWatch ignores the whitespace, and the YAML shows it as a readable block.
      spec: { dashboardName: board, dashboardBody: JSON.stringify(this.dashboard, null, 2) },
    } satisfies IDashboard);
    for (const alarm of this.alarms) {
      new ApiObject(this, `alarm-${alarm.objectName}`, {
        apiVersion: ACK_CLOUDWATCH_API_VERSION,
        kind: 'MetricAlarm',
        metadata: metadata(alarm.objectName, 'alarm'),
        spec: alarm.spec,
      } satisfies IMetricAlarm);
    }

    this.docs = monitoringDocs({
      cluster,
      namespace,
      resourcesNamespace,
      ingressName,
      ingressStack: ingressStackTag(namespace, ingressName, ingressGroup ?? undefined),
      services,
      connections: (props.graph ?? PMS_GRAPH).edges,
      albServices,
      albName: name,
      ...(known ? { loadBalancer: known.loadBalancer } : {}),
      dashboardName: board,
      alarms: this.alarms,
      alarmTopicArn: settings.alarmTopicArn,
      webAclMetricName: props.webAclMetricName,
      webSocketPath: props.webSocketPath ?? '/ws/updates',
      webSocketBackends: props.webSocketBackends ?? [],
      ...(props.expectedMaxLcu !== undefined ? { expectedMaxLcu: props.expectedMaxLcu } : {}),
      order: props.docsOrder ?? 60,
    });
  }
}
