import { ackReference, ackTag, customResource, integer, list, map, object, string } from './dsl.js';

/**
 * ACK's IAM `Policy` and `Role` (iam.services.k8s.aws/v1alpha1), written from the iam-controller v1.8.1
 * CRDs' field lists. Policy documents are JSON strings, as the IAM API takes them.
 */

/** An IAM path: `/` or `/segment/…/`. */
const iamPath = string({
  pattern: '^/([\\x21-\\x7E]+/)?$',
  maxLength: 512,
  allowed: 'an IAM path such as "/" or "/pms/"',
});

/** A JSON policy document as a string (its content is checked by the security library). */
const policyDocument = string({ minLength: 1, allowed: 'a JSON policy document as a string' });

export const iamPolicy = customResource(
  'iam.services.k8s.aws/v1alpha1',
  'Policy',
  object(
    {
      description: string({ maxLength: 1000 }),
      name: string({ pattern: '^[\\w+=,.@-]+$', minLength: 1, maxLength: 128 }),
      path: iamPath,
      policyDocument,
      tags: list(ackTag),
    },
    ['name', 'policyDocument'],
  ),
);

export const iamRole = customResource(
  'iam.services.k8s.aws/v1alpha1',
  'Role',
  object(
    {
      assumeRolePolicyDocument: policyDocument,
      description: string({ maxLength: 1000 }),
      inlinePolicies: map(policyDocument),
      maxSessionDuration: integer(3600, 43200),
      name: string({ pattern: '^[\\w+=,.@-]+$', minLength: 1, maxLength: 64 }),
      path: iamPath,
      permissionsBoundary: string({ pattern: '^arn:', allowed: 'an IAM policy ARN' }),
      permissionsBoundaryRef: ackReference,
      policies: list(string({ pattern: '^arn:', allowed: 'an IAM policy ARN' })),
      policyRefs: list(ackReference),
      tags: list(ackTag),
    },
    ['assumeRolePolicyDocument', 'name'],
  ),
);
