/**
 * The ALB's access-log bucket as an ACK S3 `Bucket` (ACK s3-controller v1.10.0): SSE-S3 encryption, every public
 * access blocked, bucket-owner-enforced ownership, a lifecycle rule that expires the logs, and the bucket policy
 * that lets ELB deliver them in the cluster's region. Security owns it because it is an access-controlled AWS
 * resource the ALB depends on before it exists, like the web ACL and the certificate (docs/architecture.md).
 */
import {
  DEFAULT_ACCESS_LOG_RETENTION_DAYS,
  elbLogDeliverer,
  markdownTable,
  recommendedLabels,
  type ClusterSettings,
  type DocSection,
} from '@pms/core';
import type { AwsBucketSpec, IBucket, S3ObjectOwnership, S3SseAlgorithm } from '@pms/crd-models';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ackAnnotations, awsTags, AWS_RESOURCES_NAMESPACE } from '../aws-namespace.js';
import { kubectl } from '../kubectl.js';
import { arnIn } from '../partition.js';
import { policyDocument, type PolicyDocumentJson, type PolicyStatement } from '../iam/policy-document.js';

/** API version and kind of the ACK S3 bucket. */
export const BUCKET_API_VERSION = 's3.services.k8s.aws/v1alpha1';

/**
 * The only server-side encryption ALB access logs support: "The only server-side encryption option that's supported
 * is Amazon S3-managed keys (SSE-S3)" (ALB user guide, enable-access-logging), i.e. `sseAlgorithm: AES256`.
 */
export const ACCESS_LOG_ENCRYPTION: S3SseAlgorithm = 'AES256';

/** Object ownership of the bucket: ACLs disabled, the bucket owner owns every log object (neither ALB policy needs an ACL). */
export const ACCESS_LOG_OBJECT_OWNERSHIP: S3ObjectOwnership = 'BucketOwnerEnforced';

/** Id of the lifecycle rule that expires the access logs. */
export const ACCESS_LOG_EXPIRY_RULE = 'expire-alb-access-logs';

/**
 * The bucket policy statements that let ELB write a cluster's access logs: `s3:PutObject` on
 * `<bucket>/<prefix>/AWSLogs/<account>/*` for the region's deliverer (its Elastic Load Balancing account, or the
 * log-delivery service principal in newer regions; `ELB_LOG_DELIVERY` of @pms/core, from the ALB user guide).
 * Throws for a region without a known deliverer (settings validation refuses such a region first).
 */
export function accessLogDeliveryStatements(
  cluster: Pick<ClusterSettings, 'name' | 'aws' | 'accessLogs'>,
): PolicyStatement[] {
  const { region, accountId } = cluster.aws;
  const deliverer = elbLogDeliverer(region);
  if (!deliverer) throw new Error(`[${cluster.name}] no ALB access-log deliverer is known for ${region}`);
  const { bucket, prefix } = cluster.accessLogs;
  return [
    {
      sid: 'AllowElbAccessLogDelivery',
      effect: 'Allow',
      principal:
        deliverer.kind === 'account'
          ? { AWS: arnIn(region, 'iam', '', deliverer.accountId, 'root') }
          : { Service: deliverer.service },
      actions: ['s3:PutObject'],
      resources: [arnIn(region, 's3', '', '', `${bucket}/${prefix}/AWSLogs/${accountId}/*`)],
    },
  ];
}

/** The access-log bucket's policy document. */
export function accessLogBucketPolicy(
  cluster: Pick<ClusterSettings, 'name' | 'aws' | 'accessLogs'>,
): PolicyDocumentJson {
  return policyDocument(accessLogDeliveryStatements(cluster));
}

/** The `spec` of the cluster's access-log `Bucket`. */
export function accessLogBucketSpec(cluster: ClusterSettings): AwsBucketSpec {
  const { bucket, prefix } = cluster.accessLogs;
  return {
    name: bucket,
    // At creation (CreateBucket ObjectOwnership) and as the bucket's ownership controls, so both stay in sync.
    objectOwnership: ACCESS_LOG_OBJECT_OWNERSHIP,
    ownershipControls: { rules: [{ objectOwnership: ACCESS_LOG_OBJECT_OWNERSHIP }] },
    publicAccessBlock: {
      blockPublicACLs: true,
      blockPublicPolicy: true,
      ignorePublicACLs: true,
      restrictPublicBuckets: true,
    },
    encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: ACCESS_LOG_ENCRYPTION } }] },
    lifecycle: {
      rules: [
        {
          id: ACCESS_LOG_EXPIRY_RULE,
          status: 'Enabled',
          // Everything under the prefix: the logs and ELB's test object (`<prefix>/AWSLogs/<account>/ELBAccessLogTestFile`).
          filter: { prefix: `${prefix}/` },
          expiration: { days: retentionDays(cluster) },
        },
      ],
    },
    // ACK compares the policy as an IAM document (ackcompare.IAMPolicyDocumentEqual), not as text.
    policy: JSON.stringify(accessLogBucketPolicy(cluster)),
    tagging: { tagSet: awsTags(cluster, 'access-logs') },
  };
}

/** Days the cluster keeps its access logs. */
export function retentionDays(cluster: Pick<ClusterSettings, 'accessLogs'>): number {
  return cluster.accessLogs.retentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS;
}

/** Props of `PmsAccessLogBucket`. */
export interface PmsAccessLogBucketProps {
  /** The cluster's shared settings: `accessLogs` (bucket, prefix, retention, external) and the region. */
  readonly cluster: ClusterSettings;
}

/**
 * The cluster's access-log bucket, rendered unless the settings declare it external (`accessLogs.external`). Sync
 * wave `platform` with the other AWS resources and `retain`: the Ingress (wave 10) is applied only once the bucket
 * and its policy are in place (with the ACK health checks of docs/gitops.md), because the controller sets the
 * access-log attributes right after creating the ALB and before any listener; and deleting the object never
 * deletes the logs.
 */
export class PmsAccessLogBucket extends Construct {
  /** The bucket's name. */
  readonly bucketName: string;
  /** True when this cluster renders the bucket; false for an external one. */
  readonly rendered: boolean;
  /** Generated README section: the bucket, its policy and its retention. */
  readonly docs: DocSection;

  constructor(scope: Construct, id: string, props: PmsAccessLogBucketProps) {
    super(scope, id);
    const { cluster } = props;
    const { bucket, prefix } = cluster.accessLogs;
    this.bucketName = bucket;
    this.rendered = cluster.accessLogs.external !== true;
    const deliverer = elbLogDeliverer(cluster.aws.region);
    const principal =
      deliverer?.kind === 'account'
        ? `the Elastic Load Balancing account \`${deliverer.accountId}\` of ${cluster.aws.region}`
        : `the service principal \`${deliverer?.service}\``;
    if (!this.rendered) {
      this.docs = {
        title: 'Access-log bucket',
        order: 525,
        body: [
          `The access logs go to \`${bucket}\` (prefix \`${prefix}\`), which the settings declare **external** (\`accessLogs.external: true\`): this cluster renders no bucket for it.`,
          `Its owner must keep it in ${cluster.aws.region}, encrypted with SSE-S3 only, with a bucket policy that allows \`s3:PutObject\` on \`${bucket}/${prefix}/AWSLogs/${cluster.aws.accountId}/*\` for ${principal}. ` +
            'Without that the controller fails to set the load-balancer attributes right after creating the ALB, and the ALB stays without listeners.',
        ].join('\n\n'),
      };
      return;
    }
    new ApiObject(this, 'bucket', {
      apiVersion: BUCKET_API_VERSION,
      kind: 'Bucket',
      metadata: {
        name: bucket,
        namespace: AWS_RESOURCES_NAMESPACE,
        labels: recommendedLabels(bucket, 'access-logs'),
        annotations: ackAnnotations(cluster),
      },
      spec: accessLogBucketSpec(cluster),
    } satisfies IBucket);
    const get = `${kubectl(cluster)} -n ${AWS_RESOURCES_NAMESPACE} get bucket.s3.services.k8s.aws ${bucket}`;
    this.docs = {
      title: 'Access-log bucket',
      order: 525,
      body: [
        `ACK \`Bucket\` \`${AWS_RESOURCES_NAMESPACE}/${bucket}\` in \`${cluster.aws.region}\` (ALB access logs must go to a bucket of the ALB's region):`,
        markdownTable(
          ['setting', 'value', 'why'],
          [
            [
              'encryption',
              `SSE-S3 (\`${ACCESS_LOG_ENCRYPTION}\`)`,
              'the only server-side encryption ALB access logs support',
            ],
            ['public access', 'all four blocks on', 'logs hold client addresses and request paths'],
            [
              'object ownership',
              `\`${ACCESS_LOG_OBJECT_OWNERSHIP}\``,
              'ACLs off; the bucket owner owns every log object',
            ],
            [
              'lifecycle',
              `\`${ACCESS_LOG_EXPIRY_RULE}\`: objects under \`${prefix}/\` expire after ${retentionDays(cluster)} days`,
              `settings \`accessLogs.retentionDays\` (default ${DEFAULT_ACCESS_LOG_RETENTION_DAYS})`,
            ],
            [
              'policy',
              `\`s3:PutObject\` on \`${bucket}/${prefix}/AWSLogs/${cluster.aws.accountId}/*\` for ${principal}`,
              'ELB delivers the logs; nothing else may write',
            ],
          ],
        ),
        `Deletion policy \`retain\`: deleting or pruning the object leaves the bucket and its logs. Disable access logging before deleting the bucket itself (AWS: a bucket of the same name created by someone else could then receive the logs). ` +
          `Check it is in place: \`${get} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'\` prints \`True\`.`,
      ].join('\n\n'),
    };
  }
}
