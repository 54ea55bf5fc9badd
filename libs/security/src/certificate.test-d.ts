/**
 * Type-level tests (checked by `pnpm typecheck`; vitest does not run this file): the ACK Certificate is written typed
 * by the model generated from ACK's CRD with the ACM enumerations narrowed.
 */
import type { AcmKeyAlgorithm, AwsCertificateSpec } from '@pms/crd-models';
import { expectTypeOf } from 'vitest';
import { CERTIFICATE_KEY_ALGORITHM, certificateSpec } from './certificate.js';

expectTypeOf(certificateSpec).returns.toEqualTypeOf<AwsCertificateSpec>();
expectTypeOf(CERTIFICATE_KEY_ALGORITHM).toEqualTypeOf<AcmKeyAlgorithm>();

type Spec = ReturnType<typeof certificateSpec>;
// @ts-expect-error misspelt field (`subjectAlternativeNames`)
export const misspelt: Spec = { domainName: 'a.example.com', subjectAlternateNames: [] };
// @ts-expect-error wrong enumeration (`keyAlgorithm`)
export const algorithm: Spec = { domainName: 'a.example.com', keyAlgorithm: 'RSA_8192' };
// @ts-expect-error wrong type (a list of tags)
export const tags: Spec = { domainName: 'a.example.com', tags: { key: 'k', value: 'v' } };
