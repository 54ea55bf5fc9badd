import {
  albName,
  parseArn,
  partitionOf,
  type Checks,
  type ClusterSettings,
  type Environment,
} from '@pms/core';
import { ALB_BACKENDS, CATALOGUE_SOURCE } from '@pms/networking';
import type { MonitoringSettings } from './settings.js';

/**
 * Environments whose clusters must alarm, so must carry `monitoring.loadBalancer` (alarms exist only with it).
 * A dev cluster may render without it (dashboard only) between its first sync and the reviewed settings change.
 */
export const ALARMED_ENVIRONMENTS: readonly Environment[] = ['staging', 'prod'];

/** The prefix of the target-group names the AWS Load Balancer Controller gives a Service: `k8s-<ns, 8>-<svc, 8>-`. */
export function controllerTargetGroupPrefix(namespace: string, service: string): string {
  const clean = (value: string) => value.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  return `k8s-${clean(namespace)}-${clean(service)}-`;
}

/**
 * Checks the monitoring settings against the cluster; issues are recorded on `checks` (prefix `monitoring`).
 * `albBackends` are the Services behind the ALB, the only keys `targetGroups` may have (default: the catalogue's
 * workloads with a `health.targetGroup`).
 */
export function validateMonitoringSettings(
  settings: MonitoringSettings,
  cluster: Pick<ClusterSettings, 'name' | 'aws' | 'environment'>,
  checks: Checks,
  namespace = 'pms',
  alarmedEnvironments: readonly Environment[] = ALARMED_ENVIRONMENTS,
  albBackends: readonly string[] = ALB_BACKENDS,
): void {
  const { accountId, region } = cluster.aws;
  const topic = settings.alarmTopicArn;
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

  const t = checks.nested('thresholds');
  const thresholds = settings.thresholds;
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
  if (settings.notifyOnRecovery !== undefined && typeof settings.notifyOnRecovery !== 'boolean') {
    checks.fail({ field: 'notifyOnRecovery', value: settings.notifyOnRecovery, allowed: 'true or false' });
  }

  const name = albName(cluster.name);
  const readId = `aws elbv2 describe-load-balancers --region ${cluster.aws.region} --names ${name} --query 'LoadBalancers[0].LoadBalancerArn' --output text | sed 's|.*:loadbalancer/||'`;
  const awaiting = settings.awaitingLoadBalancer;
  if (awaiting !== undefined && typeof awaiting !== 'boolean') {
    checks.fail({ field: 'awaitingLoadBalancer', value: awaiting, allowed: 'true or false' });
  } else if (awaiting === true && settings.loadBalancer !== undefined) {
    checks.fail({
      field: 'awaitingLoadBalancer',
      value: awaiting,
      allowed: 'unset once loadBalancer is set',
      problem: 'the ALB exists (loadBalancer is set), so nothing is awaited',
    });
  } else if (
    settings.loadBalancer === undefined &&
    awaiting !== true &&
    alarmedEnvironments.includes(cluster.environment)
  ) {
    checks.fail({
      field: 'loadBalancer',
      value: undefined,
      allowed: `app/${name}/<16 hexadecimal digits>, the output of \`${readId}\`; for the first sync of a new cluster, before its ALB exists, \`awaitingLoadBalancer: true\` instead`,
      problem: `a ${cluster.environment} cluster must alarm, and alarms need the ALB's dimension (without it they could only watch every ALB of the account)`,
    });
  }
  if (settings.loadBalancer !== undefined) {
    checks.require(new RegExp(`^app/${escapeRegExp(name)}/[0-9a-f]{16}$`).test(settings.loadBalancer), {
      field: 'loadBalancer',
      value: settings.loadBalancer,
      allowed: `app/${name}/<16 hexadecimal digits>: the end of the ARN of the ALB named ${name}`,
      problem:
        settings.loadBalancer.startsWith('app/') && !settings.loadBalancer.startsWith(`app/${name}/`)
          ? `names another load balancer; this cluster's ALB is pinned to the name ${name}`
          : undefined,
    });
  }
  const groups: Readonly<Record<string, string | undefined>> = settings.targetGroups ?? {};
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
    const ok = checks.require(
      new RegExp(`^targetgroup/${escapeRegExp(prefix)}[0-9a-f]{10}/[0-9a-f]{16}$`).test(value),
      {
        field: `targetGroups.${service}`,
        value,
        allowed: `targetgroup/${prefix}<10 hex>/<16 hex>: the controller's target group of Service ${namespace}/${service}`,
        problem:
          value.startsWith('targetgroup/') && !value.startsWith(`targetgroup/${prefix}`)
            ? `is not the target group of Service ${service} (the controller names it ${prefix}…)`
            : undefined,
      },
    );
    if (ok && settings.loadBalancer === undefined) {
      checks.fail({
        field: `targetGroups.${service}`,
        value,
        allowed: 'target-group dimensions only together with monitoring.loadBalancer',
        problem:
          'CloudWatch publishes target-group metrics with both the TargetGroup and LoadBalancer dimensions',
      });
    }
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
