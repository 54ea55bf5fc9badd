/**
 * Type-level tests (checked by `pnpm typecheck`; vitest does not run this file): external-dns's ACK Policy and Role
 * are written typed by the models generated from ACK's CRDs, like the load balancer controller's, so a misspelt or
 * mistyped field fails the type check instead of reaching the cluster.
 */
import type { IPolicySpec, IRoleSpec } from '@pms/crd-models';
import { expectTypeOf } from 'vitest';
import { externalDnsPolicySpec, externalDnsRoleSpec } from './external-dns-iam.js';

expectTypeOf(externalDnsPolicySpec).returns.toEqualTypeOf<IPolicySpec>();
expectTypeOf(externalDnsRoleSpec).returns.toEqualTypeOf<IRoleSpec>();

type PolicySpec = ReturnType<typeof externalDnsPolicySpec>;
type RoleSpec = ReturnType<typeof externalDnsRoleSpec>;
// @ts-expect-error misspelt field (`policyDocument`)
export const policyMisspelt: PolicySpec = { name: 'p', policyDocumnet: '{}' };
const role = { name: 'r', assumeRolePolicyDocument: '{}' } satisfies RoleSpec;
// @ts-expect-error misspelt field (`maxSessionDuration`)
export const roleMisspelt: RoleSpec = { ...role, maxSessionDurations: 3600 };
// @ts-expect-error wrong type (seconds are a number)
export const roleDuration: RoleSpec = { ...role, maxSessionDuration: '3600' };
