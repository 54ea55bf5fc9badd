/**
 * Type-level tests (checked by `pnpm typecheck`; vitest does not run this file): the access-log Bucket is written
 * typed by the model generated from ACK's CRD with the S3 enumerations narrowed.
 */
import type { AwsBucketSpec, S3ObjectOwnership, S3SseAlgorithm } from '@pms/crd-models';
import { expectTypeOf } from 'vitest';
import { ACCESS_LOG_ENCRYPTION, ACCESS_LOG_OBJECT_OWNERSHIP, accessLogBucketSpec } from './bucket.js';

expectTypeOf(accessLogBucketSpec).returns.toEqualTypeOf<AwsBucketSpec>();
expectTypeOf(ACCESS_LOG_ENCRYPTION).toEqualTypeOf<S3SseAlgorithm>();
expectTypeOf(ACCESS_LOG_OBJECT_OWNERSHIP).toEqualTypeOf<S3ObjectOwnership>();

type Spec = ReturnType<typeof accessLogBucketSpec>;
// @ts-expect-error misspelt field (`lifecycle`)
export const misspelt: Spec = { name: 'b', lifeCycle: { rules: [] } };
export const sse: Spec = {
  name: 'b',
  // @ts-expect-error wrong enumeration (`sseAlgorithm`)
  encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms-dsse' } }] },
};
// @ts-expect-error wrong type (expiration days are a number)
export const days: Spec = { name: 'b', lifecycle: { rules: [{ expiration: { days: '90' } }] } };
