import { ackTag, integer, list, map, object, overlay, string } from './dsl.js';

/**
 * Constraint overlays for ACK's IAM `Policy` and `Role` (iam.services.k8s.aws/v1alpha1), on top of the models
 * generated from the vendored iam-controller v1.8.1 CRDs: name, path and description limits and the session
 * duration range of the IAM API (CreatePolicy, CreateRole). Policy documents are JSON strings, as the IAM API
 * takes them (their content is checked by the security library).
 */

/** An IAM path: `/` or `/segment/…/`. */
const iamPath = string({
  pattern: '^/([\\x21-\\x7E]+/)?$',
  maxLength: 512,
  allowed: 'an IAM path such as "/" or "/pms/"',
});

/** A JSON policy document as a string. */
const policyDocument = string({ minLength: 1, allowed: 'a JSON policy document as a string' });
const arn = (what: string) => string({ pattern: '^arn:', allowed: what });

export const iamPolicy = overlay(
  'iam.services.k8s.aws/v1alpha1',
  'Policy',
  object({
    description: string({ maxLength: 1000 }),
    name: string({ pattern: '^[\\w+=,.@-]+$', minLength: 1, maxLength: 128 }),
    path: iamPath,
    policyDocument,
    tags: list(ackTag),
  }),
);

export const iamRole = overlay(
  'iam.services.k8s.aws/v1alpha1',
  'Role',
  object({
    assumeRolePolicyDocument: policyDocument,
    description: string({ maxLength: 1000 }),
    inlinePolicies: map(policyDocument),
    maxSessionDuration: integer(3600, 43200),
    name: string({ pattern: '^[\\w+=,.@-]+$', minLength: 1, maxLength: 64 }),
    path: iamPath,
    permissionsBoundary: arn('an IAM policy ARN'),
    policies: list(arn('an IAM policy ARN')),
    tags: list(ackTag),
  }),
);
