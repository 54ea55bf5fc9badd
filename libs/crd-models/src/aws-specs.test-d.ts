/**
 * Type-level tests of the spec types the builders write (checked by `pnpm typecheck`, which covers every `.ts` file;
 * vitest does not run this file). Each `@ts-expect-error` must stay an error: if a type stopped refusing the line,
 * the directive would be unused and the type check would fail. Per kind: a valid spec, a misspelt field, a wrong
 * enumeration or JSON type, and `null` (the generated validators accept it for optional fields; the types must not).
 */
import { expectTypeOf } from 'vitest';
import type {
  AwsBucketSpec,
  AwsCertificateSpec,
  AwsIngressClassParamsSpec,
  AwsMetricAlarmSpec,
  AwsWebACLSpec,
  Narrow,
} from './aws-specs.js';
import type {
  CloudWatchComparisonOperator,
  CloudWatchTreatMissingData,
  WAF_RATE_EVALUATION_WINDOWS,
  WafRateEvaluationWindow,
} from './aws-enums.js';
import type {
  IBucketSpec,
  ICertificateSpec,
  IDashboardSpec,
  IDNSEndpointSpec,
  IIngressClassParams,
  IIngressClassParamsSpec,
  IMetricAlarmSpec,
  IPolicySpec,
  IRoleSpec,
  ITargetGroupBindingSpec,
  IWebACLSpec,
} from './index.js';

// --- the narrowed types stay the generated ones, narrower ---

expectTypeOf<AwsIngressClassParamsSpec>().toExtend<IIngressClassParamsSpec>();
expectTypeOf<AwsWebACLSpec>().toExtend<IWebACLSpec>();
expectTypeOf<AwsCertificateSpec>().toExtend<ICertificateSpec>();
expectTypeOf<AwsMetricAlarmSpec>().toExtend<IMetricAlarmSpec>();
expectTypeOf<AwsBucketSpec>().toExtend<IBucketSpec>();
// The enumerations are exactly the constants the overlays check.
expectTypeOf<WafRateEvaluationWindow>().toEqualTypeOf<(typeof WAF_RATE_EVALUATION_WINDOWS)[number]>();
expectTypeOf<AwsMetricAlarmSpec['treatMissingData']>().toEqualTypeOf<
  CloudWatchTreatMissingData | undefined
>();

// `Narrow` refuses a field the type does not have, and a "narrowing" that widens.
// @ts-expect-error `scpoe` is not a field of IWebACLSpec
export type NarrowUnknownField = Narrow<IWebACLSpec, { scpoe: 'REGIONAL' }>;
// @ts-expect-error `name` is a string in the CRD
export type NarrowWidens = Narrow<IPolicySpec, { name: number }>;

// --- IngressClassParams (elbv2.k8s.aws/v1beta1) ---

export const ingressClassParams = {
  scheme: 'internet-facing',
  ipAddressType: 'ipv4',
  group: { name: 'pms' },
  listeners: [{ protocol: 'HTTPS', port: 443, listenerAttributes: [{ key: 'k', value: 'v' }] }],
  loadBalancerAttributes: [{ key: 'idle_timeout.timeout_seconds', value: '60' }],
} satisfies AwsIngressClassParamsSpec;
// @ts-expect-error misspelt field (`sslPolicy`)
export const icpMisspelt: AwsIngressClassParamsSpec = { sslPolcy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' };
// @ts-expect-error wrong enumeration of the CRD (`scheme`: internal or internet-facing)
export const icpScheme: AwsIngressClassParamsSpec = { scheme: 'public' };
// @ts-expect-error wrong enumeration narrowed here (an ALB listens on HTTP or HTTPS)
export const icpProtocol: AwsIngressClassParamsSpec = { listeners: [{ protocol: 'TCP', port: 443 }] };
// @ts-expect-error wrong type (a port is a number)
export const icpPort: AwsIngressClassParamsSpec = { listeners: [{ protocol: 'HTTPS', port: '443' }] };
// @ts-expect-error null
export const icpNull: AwsIngressClassParamsSpec = { sslPolicy: null };
// The whole object: apiVersion and kind are literal types.
// @ts-expect-error the served version is v1beta1
export const icpVersion: IIngressClassParams = { apiVersion: 'elbv2.k8s.aws/v1', kind: 'IngressClassParams' };

// --- TargetGroupBinding (elbv2.k8s.aws/v1beta1; no builder renders one yet) ---

export const targetGroupBinding = {
  serviceRef: { name: 'frontend', port: 80 },
  targetGroupARN: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/x/0123456789abcdef',
  targetType: 'ip',
} satisfies ITargetGroupBindingSpec;
export const tgbMisspelt: ITargetGroupBindingSpec = {
  serviceRef: { name: 'a', port: 80 },
  // @ts-expect-error misspelt field (`targetGroupARN`)
  targetGroupArn: 'arn:',
};
export const tgbTargetType: ITargetGroupBindingSpec = {
  serviceRef: { name: 'a', port: 80 },
  // @ts-expect-error wrong enumeration (`targetType`: instance or ip)
  targetType: 'lambda',
};
// @ts-expect-error missing required field (`serviceRef`)
export const tgbRequired: ITargetGroupBindingSpec = { targetGroupARN: 'arn:' };

// --- WebACL (wafv2.services.k8s.aws/v1alpha1) ---

const visibilityConfig = { cloudWatchMetricsEnabled: true, metricName: 'm', sampledRequestsEnabled: true };
export const webAcl = {
  name: 'pms-dev-web-acl',
  description: 'a description: declared by the type (only the generated validator drops it)',
  scope: 'REGIONAL',
  defaultAction: { allow: {} },
  rules: [
    {
      name: 'rate',
      priority: 0,
      action: { block: {} },
      statement: { rateBasedStatement: { limit: 1000, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
      visibilityConfig,
    },
  ],
  visibilityConfig,
} satisfies AwsWebACLSpec;
// @ts-expect-error misspelt field (`defaultAction`)
export const aclMisspelt: AwsWebACLSpec = { ...webAcl, defaultActon: { allow: {} } };
// @ts-expect-error wrong enumeration narrowed here (`scope`: REGIONAL or CLOUDFRONT)
export const aclScope: AwsWebACLSpec = { ...webAcl, scope: 'GLOBAL' };
export const aclWindow: AwsWebACLSpec = {
  ...webAcl,
  // @ts-expect-error wrong value narrowed here (`evaluationWindowSec`: 60, 120, 300 or 600)
  rules: [{ name: 'rate', statement: { rateBasedStatement: { limit: 1000, evaluationWindowSec: 301 } } }],
};
export const aclKeyType: AwsWebACLSpec = {
  ...webAcl,
  // @ts-expect-error wrong enumeration narrowed here (`aggregateKeyType`)
  rules: [{ name: 'rate', statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'ip' } } }],
};
// @ts-expect-error wrong type (an action is an object, not a string)
export const aclAction: AwsWebACLSpec = { ...webAcl, defaultAction: 'allow' };
// @ts-expect-error null
export const aclNull: AwsWebACLSpec = { ...webAcl, description: null };

// --- Certificate (acm.services.k8s.aws/v1alpha1) ---

export const certificate = {
  domainName: 'pms.example.com',
  keyAlgorithm: 'RSA_2048',
  options: { certificateTransparencyLoggingPreference: 'ENABLED' },
  tags: [{ key: 'k', value: 'v' }],
} satisfies AwsCertificateSpec;
// @ts-expect-error misspelt field (`domainName`)
export const certMisspelt: AwsCertificateSpec = { domainname: 'pms.example.com' };
// @ts-expect-error wrong enumeration narrowed here (`keyAlgorithm`)
export const certAlgorithm: AwsCertificateSpec = { domainName: 'pms.example.com', keyAlgorithm: 'RSA2048' };
export const certLogging: AwsCertificateSpec = {
  // @ts-expect-error wrong enumeration narrowed here (`certificateTransparencyLoggingPreference`)
  options: { certificateTransparencyLoggingPreference: 'ON' },
};
// @ts-expect-error wrong type (a list of names)
export const certSans: AwsCertificateSpec = { subjectAlternativeNames: 'a.example.com' };

// --- Policy and Role (iam.services.k8s.aws/v1alpha1) ---

export const policy = {
  name: 'p',
  description: 'declared by the type',
  policyDocument: '{}',
} satisfies IPolicySpec;
// @ts-expect-error misspelt field (`policyDocument`)
export const policyMisspelt: IPolicySpec = { name: 'p', policyDocument: '{}', policyDocumnet: '{}' };
// @ts-expect-error wrong type (the document is a JSON string, not an object)
export const policyDocumentObject: IPolicySpec = { name: 'p', policyDocument: { Version: '2012-10-17' } };
// @ts-expect-error null
export const policyNull: IPolicySpec = { name: 'p', policyDocument: '{}', path: null };

export const role = {
  name: 'r',
  description: 'declared by the type',
  assumeRolePolicyDocument: '{}',
  maxSessionDuration: 3600,
  policyRefs: [{ from: { name: 'p' } }],
} satisfies IRoleSpec;
// @ts-expect-error misspelt field (`maxSessionDuration`)
export const roleMisspelt: IRoleSpec = { ...role, maxSessionDurations: 3600 };
// @ts-expect-error wrong type (seconds as a number)
export const roleDuration: IRoleSpec = { ...role, maxSessionDuration: '3600' };
// @ts-expect-error missing required field (`assumeRolePolicyDocument`)
export const roleRequired: IRoleSpec = { name: 'r' };

// --- Dashboard and MetricAlarm (cloudwatch.services.k8s.aws/v1alpha1) ---

export const dashboard = { dashboardName: 'pms', dashboardBody: '{}' } satisfies IDashboardSpec;
export const dashboardMisspelt: IDashboardSpec = {
  dashboardName: 'pms',
  dashboardBody: '{}',
  // @ts-expect-error misspelt field (`dashboardBody`)
  dashbordBody: '{}',
};
// @ts-expect-error wrong type (the body is a JSON string)
export const dashboardBody: IDashboardSpec = { dashboardName: 'pms', dashboardBody: { widgets: [] } };

export const metricAlarm = {
  name: 'a',
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'notBreaching',
  statistic: 'Sum',
  evaluationPeriods: 5,
  threshold: 1,
  metrics: [{ id: 'm', metricStat: { metric: { metricName: 'RequestCount' }, period: 60, stat: 'Sum' } }],
} satisfies AwsMetricAlarmSpec;
// @ts-expect-error misspelt field (`alarmDescription`)
export const alarmMisspelt: AwsMetricAlarmSpec = { name: 'a', alarmDescripton: 'x' };
// @ts-expect-error wrong enumeration narrowed here (`comparisonOperator`)
export const alarmOperator: AwsMetricAlarmSpec = { name: 'a', comparisonOperator: 'GreaterThan' };
// @ts-expect-error wrong enumeration narrowed here (`treatMissingData`: the API's casing)
export const alarmMissing: AwsMetricAlarmSpec = { name: 'a', treatMissingData: 'NotBreaching' };
// @ts-expect-error wrong enumeration narrowed here (`statistic`: percentiles go in extendedStatistic)
export const alarmStatistic: AwsMetricAlarmSpec = { name: 'a', statistic: 'p99' };
// @ts-expect-error wrong type (a threshold is a number)
export const alarmThreshold: AwsMetricAlarmSpec = { name: 'a', threshold: '1' };
expectTypeOf<CloudWatchComparisonOperator>().toExtend<string>();

// --- Bucket (s3.services.k8s.aws/v1alpha1) ---

export const bucket = {
  name: 'pms-dev-alb-logs',
  objectOwnership: 'BucketOwnerEnforced',
  ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
  encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
  lifecycle: { rules: [{ id: 'expire', status: 'Enabled', expiration: { days: 90 } }] },
} satisfies AwsBucketSpec;
// @ts-expect-error misspelt field (`publicAccessBlock`)
export const bucketMisspelt: AwsBucketSpec = { name: 'b', publicAccessBlok: { blockPublicACLs: true } };
// @ts-expect-error wrong enumeration narrowed here (`objectOwnership`)
export const bucketOwnership: AwsBucketSpec = { name: 'b', objectOwnership: 'BucketOwner' };
export const bucketSse: AwsBucketSpec = {
  name: 'b',
  // @ts-expect-error wrong enumeration narrowed here (`sseAlgorithm`)
  encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'SSE-S3' } }] },
};
export const bucketStatus: AwsBucketSpec = {
  name: 'b',
  // @ts-expect-error wrong enumeration narrowed here (lifecycle `status`)
  lifecycle: { rules: [{ id: 'x', status: 'enabled' }] },
};
// @ts-expect-error null
export const bucketNull: AwsBucketSpec = { name: 'b', policy: null };

// --- DNSEndpoint (externaldns.k8s.io/v1alpha1; rendered by issue 17's builder) ---

export const dnsEndpoint = {
  endpoints: [
    { dnsName: 'pms.example.com', recordType: 'CNAME', targets: ['x.elb.amazonaws.com'], recordTTL: 60 },
  ],
} satisfies IDNSEndpointSpec;
// @ts-expect-error misspelt field (`recordTTL`)
export const dnsMisspelt: IDNSEndpointSpec = { endpoints: [{ dnsName: 'a', recordTtl: 60 }] };
// @ts-expect-error wrong type (targets are a list)
export const dnsTargets: IDNSEndpointSpec = { endpoints: [{ dnsName: 'a', targets: 'x' }] };
