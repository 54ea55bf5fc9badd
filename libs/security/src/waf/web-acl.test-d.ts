/**
 * Type-level tests (checked by `pnpm typecheck`; vitest does not run this file): the WebACL is written typed by the
 * model generated from ACK's CRD with the WAFv2 enumerations narrowed, and the rule data it is written from uses the
 * same enumerations.
 */
import type { AwsWebACLSpec, WafRateEvaluationWindow } from '@pms/crd-models';
import { expectTypeOf } from 'vitest';
import { webAclSpec } from './web-acl.js';
import type { RateLimitRule } from './web-acl-rules.js';

expectTypeOf(webAclSpec).returns.toEqualTypeOf<AwsWebACLSpec>();
expectTypeOf<RateLimitRule['evaluationWindowSeconds']>().toEqualTypeOf<WafRateEvaluationWindow>();

type Spec = ReturnType<typeof webAclSpec>;
type Base = Pick<Spec, 'name' | 'scope' | 'defaultAction' | 'visibilityConfig'>;
const base: Base = {
  name: 'acl',
  scope: 'REGIONAL',
  defaultAction: { allow: {} },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
};
// @ts-expect-error misspelt field (`visibilityConfig`)
export const misspelt: Spec = { ...base, visibiltyConfig: base.visibilityConfig };
// @ts-expect-error wrong enumeration (`scope`)
export const scope: Spec = { ...base, scope: 'regional' };
export const window: Spec = {
  ...base,
  // @ts-expect-error wrong value (`evaluationWindowSec`: 60, 120, 300 or 600)
  rules: [{ name: 'r', statement: { rateBasedStatement: { limit: 100, evaluationWindowSec: 30 } } }],
};
export const rule: RateLimitRule = {
  kind: 'rate-limit',
  name: 'r',
  priority: 0,
  limit: 100,
  // @ts-expect-error wrong value in the rule data too
  evaluationWindowSeconds: 30,
  aggregateKeyType: 'IP',
  capacity: 2,
  purpose: '',
};
