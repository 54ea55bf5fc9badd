/** What the monitoring README sections are written from, and the Markdown helpers they share. */
import type { ClusterSettings } from '@pms/core';
import type { GraphEdge, ServiceDefinition } from '@pms/networking';
import type { AlarmDefinition } from './alarms.js';

/** Everything the monitoring README sections are written from (`PmsMonitoring` fills it from its props). */
export interface MonitoringDocsInput {
  /** The cluster's shared settings: name (kubectl context), account, region, EKS name, host, access logs. */
  readonly cluster: ClusterSettings;
  /** Namespace of the Ingress, the Services and the workloads, e.g. `pms`. */
  readonly namespace: string;
  /** Namespace of the ACK Dashboard and MetricAlarms, e.g. `pms-aws`. */
  readonly resourcesNamespace: string;
  /** Name of the Ingress the ALB is created for (in `namespace`), e.g. `pms`. */
  readonly ingressName: string;
  /** Value of the controller's `ingress.k8s.aws/stack` tag (see `ingressStackTag`), e.g. `pms`. */
  readonly ingressStack: string;
  /**
   * The Services of `namespace` (the catalogue): pod labels for the target-group tags, DNS and connectivity tests;
   * the workloads' health values for the health table and the expected target-group settings.
   */
  readonly services: readonly ServiceDefinition[];
  /** The connections the NetworkPolicies allow (the graph's edges); the runbook probes them from their callers. */
  readonly connections: readonly GraphEdge[];
  /** Names of the workloads behind the ALB (those with a target-group health check), e.g. `frontend`, `apigateway`. */
  readonly albServices: readonly string[];
  /** The ALB's pinned name (`albName(cluster)`), e.g. `pms-prod-pms`. */
  readonly albName: string;
  /**
   * The ALB's CloudWatch `LoadBalancer` dimension, `app/<albName>/<id>`, once known.
   * @default undefined (not known yet: the "Dashboard and alarms" section explains the bootstrap)
   */
  readonly loadBalancer?: string;
  /** Name of the CloudWatch dashboard, e.g. `pms-prod-pms`. */
  readonly dashboardName: string;
  /** The alarms rendered as MetricAlarms (none before `loadBalancer` is known). */
  readonly alarms: readonly AlarmDefinition[];
  /** ARN of the SNS topic every alarm notifies. */
  readonly alarmTopicArn: string;
  /** The `WebACL` dimension of the web ACL's metrics (its `visibilityConfig.metricName`). */
  readonly webAclMetricName: string;
  /** Path of the native WebSocket endpoint behind the ALB, for the upgrade test, e.g. `/ws/updates`. */
  readonly webSocketPath: string;
  /** The Services WebSocket and SockJS routes reach (their logs hold the WebSocket errors), e.g. `apigateway`. */
  readonly webSocketBackends: readonly string[];
  /**
   * The expected maximum LCUs in one hour (the cost estimate), for the capacity step.
   * @default undefined (no estimate)
   */
  readonly expectedMaxLcu?: number;
  /** Sort key of the first reference section (health values); the next two take consecutive keys. The on-call sections use `ONCALL_DOC_ORDER`. */
  readonly order: number;
}

/** A fenced bash block. */
export const bash = (lines: readonly string[]): string => ['```bash', ...lines, '```'].join('\n');
/** A fenced SQL block. */
export const sql = (text: string): string => ['```sql', text, '```'].join('\n');
