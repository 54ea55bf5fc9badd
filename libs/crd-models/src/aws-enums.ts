/**
 * Enumerations of the AWS APIs that the vendored CRDs declare as plain `string` (or `integer`), for the fields this
 * project's builders write. Hand-written, not generated: one constant per enumeration, read by two consumers so they
 * cannot disagree:
 * - the constraint overlays of libs/schemas (`choice(...ACM_KEY_ALGORITHMS)`), which refuse any other value at
 *   render time, quoting the values in this order in their messages;
 * - the narrowed spec types (aws-specs.ts), which refuse any other value at type-check time.
 * An enumeration the builders never write stays local to its overlay (libs/schemas/src/overlays/).
 */

/** ACM RequestCertificate `KeyAlgorithm` (ACM API reference, RequestCertificate). */
export const ACM_KEY_ALGORITHMS = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const;
/** An ACM key algorithm. */
export type AcmKeyAlgorithm = (typeof ACM_KEY_ALGORITHMS)[number];

/** ACM `CertificateOptions.CertificateTransparencyLoggingPreference` (ACM API reference, CertificateOptions). */
export const ACM_CERTIFICATE_TRANSPARENCY_LOGGING = ['ENABLED', 'DISABLED'] as const;
/** Whether ACM logs the certificate to public certificate transparency logs. */
export type AcmCertificateTransparencyLogging = (typeof ACM_CERTIFICATE_TRANSPARENCY_LOGGING)[number];

/** CloudWatch PutMetricAlarm `ComparisonOperator` (CloudWatch API reference, PutMetricAlarm). */
export const CLOUDWATCH_COMPARISON_OPERATORS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
  'LessThanLowerOrGreaterThanUpperThreshold',
  'LessThanLowerThreshold',
  'GreaterThanUpperThreshold',
] as const;
/** How an alarm compares its statistic with the threshold. */
export type CloudWatchComparisonOperator = (typeof CLOUDWATCH_COMPARISON_OPERATORS)[number];

/** CloudWatch PutMetricAlarm `TreatMissingData` (CloudWatch user guide, "Configuring how alarms treat missing data"). */
export const CLOUDWATCH_TREAT_MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;
/** How an alarm treats periods without data. */
export type CloudWatchTreatMissingData = (typeof CLOUDWATCH_TREAT_MISSING_DATA)[number];

/** CloudWatch PutMetricAlarm `Statistic` (CloudWatch API reference, PutMetricAlarm; percentiles go in `ExtendedStatistic`). */
export const CLOUDWATCH_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
/** A CloudWatch statistic (not a percentile). */
export type CloudWatchStatistic = (typeof CLOUDWATCH_STATISTICS)[number];

/** CloudWatch PutMetricAlarm `EvaluateLowSampleCountPercentile` (CloudWatch API reference, PutMetricAlarm). */
export const CLOUDWATCH_LOW_SAMPLE_COUNT_PERCENTILE = ['evaluate', 'ignore'] as const;
/** Whether a percentile alarm evaluates periods with too few samples. */
export type CloudWatchLowSampleCountPercentile = (typeof CLOUDWATCH_LOW_SAMPLE_COUNT_PERCENTILE)[number];

/** CloudWatch `StandardUnit` (CloudWatch API reference, MetricDatum / PutMetricAlarm `Unit`). */
export const CLOUDWATCH_STANDARD_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;
/** A CloudWatch unit. */
export type CloudWatchStandardUnit = (typeof CLOUDWATCH_STANDARD_UNITS)[number];

/** S3 `ObjectOwnership` (S3 API reference, CreateBucket and PutBucketOwnershipControls). */
export const S3_OBJECT_OWNERSHIPS = ['BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced'] as const;
/** Who owns the objects written to a bucket (and whether ACLs apply). */
export type S3ObjectOwnership = (typeof S3_OBJECT_OWNERSHIPS)[number];

/** S3 `ServerSideEncryption` of a bucket's default encryption (S3 API reference, PutBucketEncryption). */
export const S3_SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse', 'aws:fsx'] as const;
/** A bucket's default server-side encryption. */
export type S3SseAlgorithm = (typeof S3_SSE_ALGORITHMS)[number];

/** S3 lifecycle rule `Status` (S3 API reference, PutBucketLifecycleConfiguration). */
export const S3_LIFECYCLE_RULE_STATUSES = ['Enabled', 'Disabled'] as const;
/** Whether a lifecycle rule applies. */
export type S3LifecycleRuleStatus = (typeof S3_LIFECYCLE_RULE_STATUSES)[number];

/** WAFv2 `Scope` of a web ACL (WAFv2 API reference, CreateWebACL: `REGIONAL` for an ALB). */
export const WAF_SCOPES = ['REGIONAL', 'CLOUDFRONT'] as const;
/** Where a web ACL applies. */
export type WafScope = (typeof WAF_SCOPES)[number];

/** WAFv2 `RateBasedStatement.AggregateKeyType` (WAFv2 API reference, RateBasedStatement). */
export const WAF_RATE_AGGREGATE_KEY_TYPES = ['IP', 'FORWARDED_IP', 'CUSTOM_KEYS', 'CONSTANT'] as const;
/** What a rate-based rule counts requests by. */
export type WafRateAggregateKeyType = (typeof WAF_RATE_AGGREGATE_KEY_TYPES)[number];

/** WAFv2 `RateBasedStatement.EvaluationWindowSec`, in seconds (WAFv2 API reference, RateBasedStatement). */
export const WAF_RATE_EVALUATION_WINDOWS = [60, 120, 300, 600] as const;
/** The window a rate-based rule counts requests in, in seconds. */
export type WafRateEvaluationWindow = (typeof WAF_RATE_EVALUATION_WINDOWS)[number];

/**
 * IngressClassParams `listeners[].protocol`: the protocols of an ALB's listeners (AWS Load Balancer Controller
 * v2.17.1 docs, IngressClass "listeners"; ELBv2 API: an Application Load Balancer listens on HTTP or HTTPS).
 */
export const ALB_LISTENER_PROTOCOLS = ['HTTP', 'HTTPS'] as const;
/** The protocol of an ALB listener. */
export type AlbListenerProtocol = (typeof ALB_LISTENER_PROTOCOLS)[number];
