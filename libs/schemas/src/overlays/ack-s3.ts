import { S3_LIFECYCLE_RULE_STATUSES, S3_OBJECT_OWNERSHIPS, S3_SSE_ALGORITHMS } from '@pms/crd-models';
import { ackTag, choice, integer, list, object, overlay, string } from './dsl.js';

/**
 * Constraint overlay for ACK's S3 `Bucket` (s3.services.k8s.aws/v1alpha1), on top of the model generated from the
 * vendored s3-controller v1.10.0 CRD, for the fields PMS renders: what the S3 API requires beyond the CRD's free
 * strings. Bucket naming rules (S3 user guide "General purpose bucket naming rules": 3-63 characters, lower-case
 * letters, digits, "." and "-", beginning and ending with a letter or digit); `ObjectOwnership` and
 * `ServerSideEncryption` enumerations (S3 API reference, PutBucketOwnershipControls, PutBucketEncryption);
 * lifecycle rules (PutBucketLifecycleConfiguration: status Enabled or Disabled, an id of at most 255 characters,
 * expiration days "a non-zero positive integer", at most 1,000 rules); at most 50 tags (PutBucketTagging).
 */
const objectOwnership = choice(...S3_OBJECT_OWNERSHIPS);

export const s3Bucket = overlay(
  's3.services.k8s.aws/v1alpha1',
  'Bucket',
  object({
    name: string({
      pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      allowed:
        'an S3 bucket name: 3-63 lower-case letters, digits, "." and "-", starting and ending with a letter or digit',
    }),
    objectOwnership,
    ownershipControls: object({ rules: list(object({ objectOwnership })) }),
    encryption: object({
      rules: list(
        object({
          applyServerSideEncryptionByDefault: object({
            sseAlgorithm: choice(...S3_SSE_ALGORITHMS),
          }),
        }),
      ),
    }),
    lifecycle: object({
      rules: list(
        object({
          id: string({ maxLength: 255 }),
          status: choice(...S3_LIFECYCLE_RULE_STATUSES),
          expiration: object({ days: integer(1) }),
        }),
        { maxItems: 1000 },
      ),
    }),
    policy: string({ minLength: 1, allowed: 'a bucket policy as a JSON string' }),
    tagging: object({ tagSet: list(ackTag, { maxItems: 50 }) }),
  }),
);
