/**
 * The generated spec types with the AWS enumerations the CRDs leave as `string` narrowed to their values
 * (aws-enums.ts, the constants the overlays of libs/schemas check at render time), for the kinds whose builders
 * write such a field. Hand-written over the generated `I<Kind>Spec`: each narrowed field must be assignable to the
 * generated one (`Narrow` refuses otherwise), so a CRD upgrade that retypes a field fails the type check here.
 *
 * What the generated types already do, and these keep: an unknown (misspelt) field in an object literal is an
 * excess-property error, a field of the wrong JSON type is a type error, `null` is refused (the generated
 * *validators* make optional fields nullable; the types do not), and `description` (WebACL, Policy, Role) is
 * declared (only the generated validators drop it; libs/schemas checks it from `CRD_FACTS`).
 */
import type {
  AcmCertificateTransparencyLogging,
  AcmKeyAlgorithm,
  AlbListenerProtocol,
  CloudWatchComparisonOperator,
  CloudWatchLowSampleCountPercentile,
  CloudWatchStandardUnit,
  CloudWatchStatistic,
  CloudWatchTreatMissingData,
  S3LifecycleRuleStatus,
  S3ObjectOwnership,
  S3SseAlgorithm,
  WafRateAggregateKeyType,
  WafRateEvaluationWindow,
  WafScope,
} from './aws-enums.js';
import type {
  IBucketSpec,
  ICertificateSpec,
  IIngressClassParamsSpec,
  IMetricAlarmSpec,
  IWebACLSpec,
} from './generated/models.js';

/**
 * `T` with the fields of `U` in place of its own. Each field of `U` must be a field of `T` whose type it narrows
 * (assignable to `T`'s), so the result stays assignable to `T`.
 */
export type Narrow<T, U extends { [K in keyof U]: K extends keyof T ? T[K] : never }> = Omit<T, keyof U> & U;

/** An item of an optional list field. */
type Item<T> = NonNullable<T> extends readonly (infer E)[] ? E : never;

// --- IngressClassParams (elbv2.k8s.aws/v1beta1) ---

type Listener = Item<IIngressClassParamsSpec['listeners']>;

/** An IngressClassParams listener, its protocol one of an ALB's. */
export type AwsIngressClassParamsListener = Narrow<Listener, { protocol?: AlbListenerProtocol }>;

/** `IIngressClassParamsSpec`, listener protocols narrowed. */
export type AwsIngressClassParamsSpec = Narrow<
  IIngressClassParamsSpec,
  { listeners?: AwsIngressClassParamsListener[] }
>;

// --- WebACL (wafv2.services.k8s.aws/v1alpha1) ---

type Rule = Item<IWebACLSpec['rules']>;
type Statement = NonNullable<Rule['statement']>;
type RateBasedStatement = NonNullable<Statement['rateBasedStatement']>;

/** A rate-based statement, its key type and evaluation window narrowed. */
export type AwsRateBasedStatement = Narrow<
  RateBasedStatement,
  { aggregateKeyType?: WafRateAggregateKeyType; evaluationWindowSec?: WafRateEvaluationWindow }
>;

/** A rule's top-level statement, its rate-based statement narrowed (nested statements are JSON strings). */
export type AwsWebACLStatement = Narrow<Statement, { rateBasedStatement?: AwsRateBasedStatement }>;

/** A web ACL rule, its statement narrowed. */
export type AwsWebACLRule = Narrow<Rule, { statement?: AwsWebACLStatement }>;

/** `IWebACLSpec`, its scope and rules narrowed. */
export type AwsWebACLSpec = Narrow<IWebACLSpec, { scope: WafScope; rules?: AwsWebACLRule[] }>;

// --- Certificate (acm.services.k8s.aws/v1alpha1) ---

type CertificateOptions = NonNullable<ICertificateSpec['options']>;

/** `ICertificateSpec`, its key algorithm and transparency logging narrowed. */
export type AwsCertificateSpec = Narrow<
  ICertificateSpec,
  {
    keyAlgorithm?: AcmKeyAlgorithm;
    options?: Narrow<
      CertificateOptions,
      { certificateTransparencyLoggingPreference?: AcmCertificateTransparencyLogging }
    >;
  }
>;

// --- MetricAlarm (cloudwatch.services.k8s.aws/v1alpha1) ---

type MetricDataQuery = Item<IMetricAlarmSpec['metrics']>;
type MetricStat = NonNullable<MetricDataQuery['metricStat']>;

/** A query of a metric-math alarm, its unit narrowed. */
export type AwsMetricDataQuery = Narrow<
  MetricDataQuery,
  { metricStat?: Narrow<MetricStat, { unit?: CloudWatchStandardUnit }> }
>;

/** `IMetricAlarmSpec`, its CloudWatch enumerations narrowed. */
export type AwsMetricAlarmSpec = Narrow<
  IMetricAlarmSpec,
  {
    comparisonOperator?: CloudWatchComparisonOperator;
    evaluateLowSampleCountPercentile?: CloudWatchLowSampleCountPercentile;
    metrics?: AwsMetricDataQuery[];
    statistic?: CloudWatchStatistic;
    treatMissingData?: CloudWatchTreatMissingData;
    unit?: CloudWatchStandardUnit;
  }
>;

// --- Bucket (s3.services.k8s.aws/v1alpha1) ---

type OwnershipControls = NonNullable<IBucketSpec['ownershipControls']>;
type Encryption = NonNullable<IBucketSpec['encryption']>;
type EncryptionRule = Item<Encryption['rules']>;
type Lifecycle = NonNullable<IBucketSpec['lifecycle']>;

/** `IBucketSpec`, its object ownership, default encryption and lifecycle rule status narrowed. */
export type AwsBucketSpec = Narrow<
  IBucketSpec,
  {
    objectOwnership?: S3ObjectOwnership;
    ownershipControls?: Narrow<
      OwnershipControls,
      { rules?: Narrow<Item<OwnershipControls['rules']>, { objectOwnership?: S3ObjectOwnership }>[] }
    >;
    encryption?: Narrow<
      Encryption,
      {
        rules?: Narrow<
          EncryptionRule,
          {
            applyServerSideEncryptionByDefault?: Narrow<
              NonNullable<EncryptionRule['applyServerSideEncryptionByDefault']>,
              { sseAlgorithm?: S3SseAlgorithm }
            >;
          }
        >[];
      }
    >;
    lifecycle?: Narrow<
      Lifecycle,
      { rules?: Narrow<Item<Lifecycle['rules']>, { status?: S3LifecycleRuleStatus }>[] }
    >;
  }
>;
