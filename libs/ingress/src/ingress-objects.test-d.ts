/**
 * Type-level tests (checked by `pnpm typecheck`; vitest does not run this file): IngressClassParams `alb` is written
 * typed by the model generated from the controller's CRD, so a misspelt field or a wrong value fails the type check.
 */
import type { AwsIngressClassParamsSpec, IIngressClassParams } from '@pms/crd-models';
import { expectTypeOf } from 'vitest';
import { ingressClassParamsObject, ingressClassParamsSpec } from './ingress-objects.js';

expectTypeOf(ingressClassParamsSpec).returns.toEqualTypeOf<AwsIngressClassParamsSpec>();
expectTypeOf(ingressClassParamsObject).returns.toExtend<IIngressClassParams>();

type Spec = ReturnType<typeof ingressClassParamsSpec>;
// @ts-expect-error misspelt field (`loadBalancerAttributes`)
export const misspelt: Spec = { loadBalancerAtributes: [] };
// @ts-expect-error wrong enumeration (`targetType`: instance or ip)
export const targetType: Spec = { targetType: 'IP' };
// @ts-expect-error wrong enumeration (an ALB listener is HTTP or HTTPS)
export const protocol: Spec = { listeners: [{ protocol: 'TLS', port: 443 }] };
// @ts-expect-error wrong type (the redirect port is a string)
export const redirect: Spec = { sslRedirectPort: 443 };
