import {
  ackReference,
  ackSecretKeyReference,
  ackTag,
  choice,
  customResource,
  list,
  object,
  string,
} from './dsl.js';

/**
 * ACK's ACM `Certificate` (acm.services.k8s.aws/v1alpha1), written from the acm-controller v1.3.4 CRD's field
 * list; enumerations from the ACM API (RequestCertificate). ACK requests certificates validated by DNS.
 */
export const acmCertificate = customResource(
  'acm.services.k8s.aws/v1alpha1',
  'Certificate',
  object({
    certificate: ackSecretKeyReference,
    certificateARN: string({ pattern: '^arn:', allowed: 'an ACM certificate ARN (for imports)' }),
    certificateAuthorityARN: string({ pattern: '^arn:', allowed: 'an ACM Private CA ARN' }),
    certificateAuthorityRef: ackReference,
    certificateChain: ackSecretKeyReference,
    domainName: string({ minLength: 1, maxLength: 253 }),
    domainValidationOptions: list(object({ domainName: string(), validationDomain: string() })),
    exportTo: ackSecretKeyReference,
    keyAlgorithm: choice(
      'RSA_1024',
      'RSA_2048',
      'RSA_3072',
      'RSA_4096',
      'EC_prime256v1',
      'EC_secp384r1',
      'EC_secp521r1',
    ),
    options: object({ certificateTransparencyLoggingPreference: choice('ENABLED', 'DISABLED') }),
    privateKey: ackSecretKeyReference,
    subjectAlternativeNames: list(string({ minLength: 1, maxLength: 253 }), { maxItems: 100 }),
    tags: list(ackTag),
  }),
);
