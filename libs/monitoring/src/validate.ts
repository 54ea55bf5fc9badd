import { albName, parseArn, partitionOf, type Checks, type ClusterSettings } from '@pms/core';
import { ALB_BACKENDS, CATALOGUE_SOURCE, PMS_NAMESPACE } from '@pms/networking';
import type { MonitoringSettings } from './settings.js';

/** The prefix of the target-group names the AWS Load Balancer Controller gives a Service: `k8s-<ns, 8>-<svc, 8>-`. */
export function controllerTargetGroupPrefix(namespace: string, service: string): string {
  const clean = (value: string) => value.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  return `k8s-${clean(namespace)}-${clean(service)}-`;
}

/** What `validateMonitoringSettings` checks the settings against, besides the cluster. */
export interface MonitoringValidationContext {
  /**
   * Namespace of the Services (the controller's target-group names start with it).
   * @default "pms"
   */
  readonly namespace?: string;
  /**
   * The Services behind the ALB, the only keys `alb.targetGroups` may have.
   * @default ALB_BACKENDS (the catalogue's workloads with a `health.targetGroup`)
   */
  readonly albBackends?: readonly string[];
}

/** Checks the monitoring settings against the cluster; issues are recorded on `checks` (prefix `monitoring`). */
export function validateMonitoringSettings(
  settings: MonitoringSettings,
  cluster: Pick<ClusterSettings, 'name' | 'aws'>,
  checks: Checks,
  context: MonitoringValidationContext = {},
): void {
  validateAlarmTopic(settings.alarmTopicArn, cluster, checks);
  validateThresholds(settings.thresholds, checks);
  if (settings.notifyOnRecovery !== undefined && typeof settings.notifyOnRecovery !== 'boolean') {
    checks.fail({ field: 'notifyOnRecovery', value: settings.notifyOnRecovery, allowed: 'true or false' });
  }
  validateLoadBalancerState(settings.alb, cluster, checks.nested('alb'), context);
}

function validateAlarmTopic(topic: string, cluster: Pick<ClusterSettings, 'aws'>, checks: Checks): void {
  const { accountId, region } = cluster.aws;
  const arn = parseArn(topic ?? '');
  const partition = partitionOf(region);
  const expected = `an ARN of a standard SNS topic in account ${accountId} and region ${region}, e.g. arn:${partition}:sns:${region}:${accountId}:pms-alarms`;
  if (!arn || arn.service !== 'sns' || !/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(arn.resource)) {
    checks.fail({ field: 'alarmTopicArn', value: topic, allowed: expected, problem: 'not an SNS topic ARN' });
  } else if (arn.resource.endsWith('.fifo')) {
    checks.fail({
      field: 'alarmTopicArn',
      value: topic,
      allowed: expected,
      problem: 'CloudWatch alarms cannot publish to FIFO topics',
    });
  } else if (arn.partition !== partition) {
    checks.fail({
      field: 'alarmTopicArn',
      value: topic,
      allowed: expected,
      problem: `is in partition ${arn.partition}, but region ${region} is in partition ${partition}`,
    });
  } else if (arn.region !== region) {
    checks.fail({
      field: 'alarmTopicArn',
      value: topic,
      allowed: expected,
      problem: `is in region ${arn.region}, but alarms live in the cluster's region ${region}`,
    });
  } else if (arn.accountId !== accountId) {
    checks.fail({
      field: 'alarmTopicArn',
      value: topic,
      allowed: expected,
      problem: `belongs to account ${arn.accountId}, not the cluster's account ${accountId}`,
    });
  }
}

function validateThresholds(thresholds: MonitoringSettings['thresholds'], checks: Checks): void {
  const t = checks.nested('thresholds');
  if (!thresholds) {
    checks.fail({ field: 'thresholds', value: thresholds, allowed: 'the alarm thresholds of this cluster' });
  } else {
    t.number('target5xxRatePercent', thresholds.target5xxRatePercent, 0.1, 100, 'percent');
    t.number('p99ResponseTimeSeconds', thresholds.p99ResponseTimeSeconds, 0.01, 60, 'seconds');
    t.integer('elb5xxPerMinute', thresholds.elb5xxPerMinute, 0, 1_000_000);
    t.integer('rejectedConnectionsPerMinute', thresholds.rejectedConnectionsPerMinute, 0, 1_000_000);
    if (
      t.integer('evaluationPeriods', thresholds.evaluationPeriods, 1, 60, 'one-minute periods') &&
      t.integer('datapointsToAlarm', thresholds.datapointsToAlarm, 1, 60)
    ) {
      t.require(thresholds.datapointsToAlarm <= thresholds.evaluationPeriods, {
        field: 'datapointsToAlarm',
        value: thresholds.datapointsToAlarm,
        allowed: `at most evaluationPeriods (${thresholds.evaluationPeriods})`,
      });
    }
  }
}

/**
 * The ALB's state: `awaiting` (nothing else), or `known` with the ALB's own `LoadBalancer` dimension and the
 * target groups of the Services behind it.
 */
function validateLoadBalancerState(
  alb: MonitoringSettings['alb'],
  cluster: Pick<ClusterSettings, 'name' | 'aws'>,
  checks: Checks,
  context: MonitoringValidationContext,
): void {
  const name = albName(cluster.name);
  const readId = `aws elbv2 describe-load-balancers --region ${cluster.aws.region} --names ${name} --query 'LoadBalancers[0].LoadBalancerArn' --output text | sed 's|.*:loadbalancer/||'`;
  const known = `{ state: 'known', loadBalancer: 'app/${name}/<16 hexadecimal digits>' } (the output of \`${readId}\`)`;
  const state = (alb as { state?: unknown } | undefined)?.state;
  if (state !== 'awaiting' && state !== 'known') {
    checks.fail({
      field: state === undefined ? '' : 'state',
      value: state === undefined ? alb : state,
      allowed: `${known}, or { state: 'awaiting' } for the first sync of a new cluster, before its ALB exists`,
      problem: 'every cluster says whether its ALB exists: alarms need its dimension',
    });
    return;
  }
  if (alb.state === 'awaiting') {
    for (const key of Object.keys(alb).filter((k) => k !== 'state')) {
      checks.fail({
        field: key,
        value: (alb as Record<string, unknown>)[key],
        allowed: `${known} once the ALB exists`,
        problem: 'the state is "awaiting", so the ALB has no ids yet',
      });
    }
    return;
  }
  const loadBalancer = alb.loadBalancer;
  checks.require(
    typeof loadBalancer === 'string' &&
      new RegExp(`^app/${escapeRegExp(name)}/[0-9a-f]{16}$`).test(loadBalancer),
    {
      field: 'loadBalancer',
      value: loadBalancer,
      allowed: `app/${name}/<16 hexadecimal digits>: the end of the ARN of the ALB named ${name}`,
      problem:
        typeof loadBalancer === 'string' &&
        loadBalancer.startsWith('app/') &&
        !loadBalancer.startsWith(`app/${name}/`)
          ? `names another load balancer; this cluster's ALB is pinned to the name ${name}`
          : undefined,
    },
  );
  validateTargetGroups(alb.targetGroups ?? {}, checks, context);
}

/** Target-group dimensions: only Services behind the ALB, each the controller's name for that Service's group. */
function validateTargetGroups(
  groups: Readonly<Record<string, string | undefined>>,
  checks: Checks,
  context: MonitoringValidationContext,
): void {
  const { namespace = PMS_NAMESPACE, albBackends = ALB_BACKENDS } = context;
  for (const key of Object.keys(groups)) {
    if (!albBackends.includes(key)) {
      checks.fail({
        field: `targetGroups.${key}`,
        value: groups[key],
        allowed: `one of ${albBackends.join(', ')} (the workloads with a health.targetGroup in ${CATALOGUE_SOURCE})`,
        problem: 'not a Service behind the ALB',
      });
    }
  }
  for (const service of albBackends) {
    const value = groups[service];
    if (value === undefined) continue;
    const prefix = controllerTargetGroupPrefix(namespace, service);
    checks.require(
      typeof value === 'string' &&
        new RegExp(`^targetgroup/${escapeRegExp(prefix)}[0-9a-f]{10}/[0-9a-f]{16}$`).test(value),
      {
        field: `targetGroups.${service}`,
        value,
        allowed: `targetgroup/${prefix}<10 hex>/<16 hex>: the controller's target group of Service ${namespace}/${service}`,
        problem:
          typeof value === 'string' &&
          value.startsWith('targetgroup/') &&
          !value.startsWith(`targetgroup/${prefix}`)
            ? `is not the target group of Service ${service} (the controller names it ${prefix}…)`
            : undefined,
      },
    );
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
