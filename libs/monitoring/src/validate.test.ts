import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { MODES, testCluster, testMonitoring } from './__fixtures__/cluster.js';
import type { MonitoringSettings } from './settings.js';
import { controllerTargetGroupPrefix, validateMonitoringSettings } from './validate.js';
import { ALB_BACKENDS } from '@pms/networking';

const cluster = testCluster('pms-lb');
function problems(settings: MonitoringSettings): string[] {
  const checks = new Checks('pms-lb', 'monitoring', 'pms-lb/monitoring');
  validateMonitoringSettings(settings, cluster, checks);
  return checks.issues.map(formatIssue);
}
const base = MODES['pms-lb'];
const LB = base.alb.loadBalancer;
/** `base` with the known ALB's fields replaced. */
const knownAlb = (alb: {
  loadBalancer?: string;
  targetGroups?: Record<string, string>;
}): MonitoringSettings => ({
  ...base,
  alb: { state: 'known', loadBalancer: LB, ...alb },
});

describe('validateMonitoringSettings', () => {
  it.each(Object.entries(MODES))('accepts %s', (name, settings) => {
    const checks = new Checks(name, 'monitoring');
    validateMonitoringSettings(settings, testCluster(name), checks);
    expect(checks.issues).toEqual([]);
  });

  it('refuses a topic in another region, naming cluster, field, value and what is allowed', () => {
    expect(problems({ ...base, alarmTopicArn: 'arn:aws:sns:us-east-1:444444444444:pms-alarms' })).toEqual([
      '[pms-lb] monitoring.alarmTopicArn = "arn:aws:sns:us-east-1:444444444444:pms-alarms": is in region us-east-1, but alarms live in the cluster\'s region eu-central-1; allowed: an ARN of a standard SNS topic in account 444444444444 and region eu-central-1, e.g. arn:aws:sns:eu-central-1:444444444444:pms-alarms (at pms-lb/monitoring)',
    ]);
  });

  it.each([
    [
      'arn:aws:sns:eu-central-1:555555555555:pms-alarms',
      "belongs to account 555555555555, not the cluster's account 444444444444",
    ],
    [
      'arn:aws:sns:eu-central-1:444444444444:pms-alarms.fifo',
      'CloudWatch alarms cannot publish to FIFO topics',
    ],
    ['arn:aws:sqs:eu-central-1:444444444444:pms-alarms', 'not an SNS topic ARN'],
    ['pms-alarms', 'not an SNS topic ARN'],
  ])('refuses topic %s', (arn, problem) => {
    expect(problems({ ...base, alarmTopicArn: arn })).toEqual([
      expect.stringContaining(`: ${problem}; allowed:`),
    ]);
  });

  it('refuses thresholds out of range, all at once', () => {
    const thresholds = {
      ...base.thresholds,
      target5xxRatePercent: 0,
      p99ResponseTimeSeconds: 120,
      elb5xxPerMinute: -1,
      evaluationPeriods: 0,
    };
    expect(problems({ ...base, thresholds })).toEqual([
      '[pms-lb] monitoring.thresholds.target5xxRatePercent = 0; allowed: a number from 0.1 to 100 percent (at pms-lb/monitoring)',
      '[pms-lb] monitoring.thresholds.p99ResponseTimeSeconds = 120; allowed: a number from 0.01 to 60 seconds (at pms-lb/monitoring)',
      '[pms-lb] monitoring.thresholds.elb5xxPerMinute = -1; allowed: a whole number from 0 to 1000000 (at pms-lb/monitoring)',
      '[pms-lb] monitoring.thresholds.evaluationPeriods = 0; allowed: a whole number from 1 to 60 one-minute periods (at pms-lb/monitoring)',
    ]);
  });

  it('refuses more datapoints than evaluation periods', () => {
    expect(problems({ ...base, thresholds: { ...base.thresholds, datapointsToAlarm: 5 } })).toEqual([
      '[pms-lb] monitoring.thresholds.datapointsToAlarm = 5; allowed: at most evaluationPeriods (4) (at pms-lb/monitoring)',
    ]);
  });

  it("refuses another load balancer's dimension", () => {
    expect(problems(knownAlb({ loadBalancer: 'app/pms-prod-pms/0123456789abcdef' }))).toEqual([
      '[pms-lb] monitoring.alb.loadBalancer = "app/pms-prod-pms/0123456789abcdef": names another load balancer; this cluster\'s ALB is pinned to the name pms-lb-pms; allowed: app/pms-lb-pms/<16 hexadecimal digits>: the end of the ARN of the ALB named pms-lb-pms (at pms-lb/monitoring)',
    ]);
  });

  it('refuses a full ARN where the dimension is expected', () => {
    const arn =
      'arn:aws:elasticloadbalancing:eu-central-1:444444444444:loadbalancer/app/pms-lb-pms/0123456789abcdef';
    expect(problems(knownAlb({ loadBalancer: arn }))).toEqual([
      expect.stringContaining('monitoring.alb.loadBalancer = "arn:aws:'),
    ]);
  });

  it("refuses swapped target groups (frontend's dimension under apigateway)", () => {
    const targetGroups = { apigateway: 'targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef' };
    expect(problems(knownAlb({ targetGroups }))).toEqual([
      '[pms-lb] monitoring.alb.targetGroups.apigateway = "targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef": is not the target group of Service apigateway (the controller names it k8s-pms-apigatew-…); allowed: targetgroup/k8s-pms-apigatew-<10 hex>/<16 hex>: the controller\'s target group of Service pms/apigateway (at pms-lb/monitoring)',
    ]);
  });

  it('refuses a target group of a Service not behind the ALB', () => {
    const targetGroups = { auth: 'targetgroup/k8s-pms-auth-1a2b3c4d5e/0123456789abcdef' };
    expect(problems(knownAlb({ targetGroups }))).toEqual([
      `[pms-lb] monitoring.alb.targetGroups.auth = "targetgroup/k8s-pms-auth-1a2b3c4d5e/0123456789abcdef": not a Service behind the ALB; allowed: one of ${ALB_BACKENDS.join(', ')} (the workloads with a health.targetGroup in PMS_SERVICES (libs/networking/src/catalogue.ts)) (at pms-lb/monitoring)`,
    ]);
  });
});

describe('monitoring.alb: the ALB awaited or known, always explicit', () => {
  const readId = `aws elbv2 describe-load-balancers --region eu-central-1 --names pms-lb-pms --query 'LoadBalancers[0].LoadBalancerArn' --output text | sed 's|.*:loadbalancer/||'`;

  it('accepts a cluster awaiting its ALB (no alarms until the first sync has created it)', () => {
    expect(problems({ ...base, alb: { state: 'awaiting' } })).toEqual([]);
  });

  it('refuses settings that do not say, naming the command that reads the id and the first-sync state', () => {
    const { alb: _, ...without } = base;
    expect(problems(without as MonitoringSettings)).toEqual([
      `[pms-lb] monitoring.alb = (missing): every cluster says whether its ALB exists: alarms need its dimension; allowed: { state: 'known', loadBalancer: 'app/pms-lb-pms/<16 hexadecimal digits>' } (the output of \`${readId}\`), or { state: 'awaiting' } for the first sync of a new cluster, before its ALB exists (at pms-lb/monitoring)`,
    ]);
    expect(problems({ ...base, alb: { state: 'exists' } as never })).toEqual([
      expect.stringMatching(/^\[pms-lb\] monitoring\.alb\.state = "exists": every cluster says whether/),
    ]);
  });

  it('refuses ids while the ALB is awaited (they belong to the known state)', () => {
    expect(problems({ ...base, alb: { state: 'awaiting', loadBalancer: LB } as never })).toEqual([
      `[pms-lb] monitoring.alb.loadBalancer = "${LB}": the state is "awaiting", so the ALB has no ids yet; allowed: { state: 'known', loadBalancer: 'app/pms-lb-pms/<16 hexadecimal digits>' } (the output of \`${readId}\`) once the ALB exists (at pms-lb/monitoring)`,
    ]);
  });

  it('keys the target groups by the workloads behind the ALB that the caller names', () => {
    const checks = new Checks('pms-lb', 'monitoring');
    const targetGroups = { frontend: 'targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef' };
    validateMonitoringSettings(knownAlb({ targetGroups }), cluster, checks, { albBackends: ['apigateway'] });
    expect(checks.issues.map(formatIssue)).toEqual([
      expect.stringContaining('monitoring.alb.targetGroups.frontend = "targetgroup/k8s-pms-frontend-'),
    ]);
  });
});

describe('controllerTargetGroupPrefix', () => {
  it('truncates namespace and Service to 8 characters, as the controller does', () => {
    expect(controllerTargetGroupPrefix('pms', 'apigateway')).toBe('k8s-pms-apigatew-');
    expect(controllerTargetGroupPrefix('pms', 'frontend')).toBe('k8s-pms-frontend-');
  });
});
