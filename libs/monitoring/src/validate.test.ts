import { Checks, formatIssue, type Environment } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { MODES, testCluster, testMonitoring } from './__fixtures__/cluster.js';
import type { MonitoringSettings } from './settings.js';
import { controllerTargetGroupPrefix, validateMonitoringSettings } from './validate.js';

const cluster = testCluster('pms-lb');
function problems(settings: MonitoringSettings, environment: Environment = cluster.environment): string[] {
  const checks = new Checks('pms-lb', 'monitoring', 'pms-lb/monitoring');
  validateMonitoringSettings(settings, { ...cluster, environment }, checks);
  return checks.issues.map(formatIssue);
}
const base = MODES['pms-lb'];

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
    expect(problems({ ...base, loadBalancer: 'app/pms-prod-pms/0123456789abcdef' })).toEqual([
      '[pms-lb] monitoring.loadBalancer = "app/pms-prod-pms/0123456789abcdef": names another load balancer; this cluster\'s ALB is pinned to the name pms-lb-pms; allowed: app/pms-lb-pms/<16 hexadecimal digits>: the end of the ARN of the ALB named pms-lb-pms (at pms-lb/monitoring)',
    ]);
  });

  it('refuses a full ARN where the dimension is expected', () => {
    const arn =
      'arn:aws:elasticloadbalancing:eu-central-1:444444444444:loadbalancer/app/pms-lb-pms/0123456789abcdef';
    expect(problems({ ...base, loadBalancer: arn })).toEqual([
      expect.stringContaining('monitoring.loadBalancer = "arn:aws:'),
    ]);
  });

  it("refuses swapped target groups (frontend's dimension under apigateway)", () => {
    const targetGroups = { apigateway: 'targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef' };
    expect(problems({ ...base, targetGroups })).toEqual([
      '[pms-lb] monitoring.targetGroups.apigateway = "targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef": is not the target group of Service apigateway (the controller names it k8s-pms-apigatew-…); allowed: targetgroup/k8s-pms-apigatew-<10 hex>/<16 hex>: the controller\'s target group of Service pms/apigateway (at pms-lb/monitoring)',
    ]);
  });

  it('refuses target groups without the load balancer (dev, where the load balancer may be missing)', () => {
    const settings = {
      ...testMonitoring('pms-lb'),
      targetGroups: { frontend: 'targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef' },
    };
    expect(problems(settings, 'dev')).toEqual([
      expect.stringContaining(
        'monitoring.targetGroups.frontend = "targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef": CloudWatch publishes target-group metrics with both the TargetGroup and LoadBalancer dimensions',
      ),
    ]);
  });

  it('refuses a target group of a Service not behind the ALB', () => {
    const targetGroups = { auth: 'targetgroup/k8s-pms-auth-1a2b3c4d5e/0123456789abcdef' } as never;
    expect(problems({ ...base, targetGroups })).toEqual([
      expect.stringContaining(
        'monitoring.targetGroups.auth = "targetgroup/k8s-pms-auth-1a2b3c4d5e/0123456789abcdef": not a Service behind the ALB; allowed: one of frontend, apigateway',
      ),
    ]);
  });
});

describe('monitoring.loadBalancer in the environments that must alarm', () => {
  const bootstrap = testMonitoring('pms-lb');

  it.each(['staging', 'prod'] as const)(
    'refuses a %s cluster without it, naming the command that reads it and the first-sync acknowledgement',
    (environment) => {
      expect(problems(bootstrap, environment)).toEqual([
        `[pms-lb] monitoring.loadBalancer = (missing): a ${environment} cluster must alarm, and alarms need the ALB's dimension (without it they could only watch every ALB of the account); allowed: app/pms-lb-pms/<16 hexadecimal digits>, the output of \`aws elbv2 describe-load-balancers --region eu-central-1 --names pms-lb-pms --query 'LoadBalancers[0].LoadBalancerArn' --output text | sed 's|.*:loadbalancer/||'\`; for the first sync of a new cluster, before its ALB exists, \`awaitingLoadBalancer: true\` instead (at pms-lb/monitoring)`,
      ]);
    },
  );

  it('accepts a prod cluster without it only with the explicit first-sync acknowledgement', () => {
    expect(problems({ ...bootstrap, awaitingLoadBalancer: true }, 'prod')).toEqual([]);
    expect(problems({ ...bootstrap, awaitingLoadBalancer: false }, 'prod')).toHaveLength(1);
  });

  it('refuses the acknowledgement once the load balancer is known, and a non-boolean one', () => {
    expect(problems({ ...base, awaitingLoadBalancer: true })).toEqual([
      '[pms-lb] monitoring.awaitingLoadBalancer = true: the ALB exists (loadBalancer is set), so nothing is awaited; allowed: unset once loadBalancer is set (at pms-lb/monitoring)',
    ]);
    expect(problems({ ...bootstrap, awaitingLoadBalancer: 'yes' as never }, 'prod')).toEqual([
      '[pms-lb] monitoring.awaitingLoadBalancer = "yes"; allowed: true or false (at pms-lb/monitoring)',
    ]);
  });

  it('accepts a dev cluster without it (dashboard only, no alarms, until the bootstrap step)', () => {
    expect(problems(bootstrap, 'dev')).toEqual([]);
  });

  it('follows the environments the caller says must alarm', () => {
    const checks = new Checks('pms-lb', 'monitoring');
    validateMonitoringSettings(bootstrap, { ...cluster, environment: 'dev' }, checks, 'pms', ['dev']);
    expect(checks.issues.map(formatIssue)).toEqual([expect.stringContaining('a dev cluster must alarm')]);
    const none = new Checks('pms-lb', 'monitoring');
    validateMonitoringSettings(bootstrap, { ...cluster, environment: 'prod' }, none, 'pms', []);
    expect(none.issues).toEqual([]);
  });
});

describe('controllerTargetGroupPrefix', () => {
  it('truncates namespace and Service to 8 characters, as the controller does', () => {
    expect(controllerTargetGroupPrefix('pms', 'apigateway')).toBe('k8s-pms-apigatew-');
    expect(controllerTargetGroupPrefix('pms', 'frontend')).toBe('k8s-pms-frontend-');
  });
});
