import { ACM_CERTIFICATE_TRANSPARENCY_LOGGING, ACM_KEY_ALGORITHMS } from '@pms/crd-models';
import { ackTag, choice, list, object, overlay, string } from './dsl.js';

/**
 * Constraint overlay for ACK's ACM `Certificate` (acm.services.k8s.aws/v1alpha1), on top of the model generated
 * from the vendored acm-controller v1.3.4 CRD: enumerations and lengths of the ACM API (RequestCertificate) that
 * the CRD leaves as free strings and lists.
 */
export const acmCertificate = overlay(
  'acm.services.k8s.aws/v1alpha1',
  'Certificate',
  object({
    certificateARN: string({ pattern: '^arn:', allowed: 'an ACM certificate ARN (for imports)' }),
    certificateAuthorityARN: string({ pattern: '^arn:', allowed: 'an ACM Private CA ARN' }),
    domainName: string({ minLength: 1, maxLength: 253 }),
    keyAlgorithm: choice(...ACM_KEY_ALGORITHMS),
    options: object({
      certificateTransparencyLoggingPreference: choice(...ACM_CERTIFICATE_TRANSPARENCY_LOGGING),
    }),
    subjectAlternativeNames: list(string({ minLength: 1, maxLength: 253 }), { maxItems: 100 }),
    tags: list(ackTag),
  }),
);
